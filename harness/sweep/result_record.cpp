#include "harness/sweep/result_record.h"

#include <algorithm>
#include <cmath>

#include "profilers/latency/latency_stats.h"

namespace edgebench {
namespace {

nlohmann::json BaseRecord(const RunConfig& config, const std::string& status) {
  nlohmann::json r = {{"config_key", ConfigKey(config)}, {"config", ToJson(config)}, {"status", status},
                      {"error", nullptr},                {"warnings", nlohmann::json::array()}};
  r.update(NotCollectedFields());
  return r;
}

// NaN (single-sample stddev, CV) is not valid JSON; it is written as null.
nlohmann::json Number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json CiJson(const std::optional<ConfidenceInterval>& ci) {
  if (!ci) return nullptr;
  return {ci->lower, ci->upper};
}

// Every kth sample, k the smallest stride that keeps at most kMaxStoredSamples.
// A microsecond model measured for seconds gives a million samples (20 MB of
// JSON); statistics use all of them, and a stride keeps the stored ones in run
// order, spread over the whole run, for compare's tests and the CDF chart.
constexpr size_t kMaxStoredSamples = 10000;

nlohmann::json StoredSamples(const std::vector<double>& all, size_t* stride) {
  *stride = std::max<size_t>(1, (all.size() + kMaxStoredSamples - 1) / kMaxStoredSamples);
  nlohmann::json kept = nlohmann::json::array();
  for (size_t i = 0; i < all.size(); i += *stride) kept.push_back(all[i]);
  return kept;
}

}  // namespace

nlohmann::json NotCollectedFields() {
  return {{"counters", {{"available", false}, {"reason", "the configuration did not complete a measured phase"}}},
          {"energy", {{"kind", "unknown"}, {"reason", "the configuration did not complete a measured phase"}}},
          {"accuracy", {{"available", false}, {"reason", "the configuration did not complete a measured phase"}}}};
}

nlohmann::json UnsupportedRecord(const RunConfig& config, const std::string& reason) {
  nlohmann::json r = BaseRecord(config, "unsupported");
  r["error"] = reason;
  return r;
}

Expected<nlohmann::json> LatencyJson(const nlohmann::json& repetitions, std::vector<std::string>* warnings) {
  std::vector<double> all;
  nlohmann::json per_rep = nlohmann::json::array();
  for (const auto& rep : repetitions) {
    const auto samples = rep.at("samples_ms").get<std::vector<double>>();
    all.insert(all.end(), samples.begin(), samples.end());
    LatencyStatsOptions quiet;
    quiet.min_samples = 0;
    EB_ASSIGN_OR_RETURN(LatencyStats s, ComputeLatencyStats(samples, quiet));
    per_rep.push_back({{"count", s.count}, {"mean", s.mean}, {"p50", s.p50}, {"p90", s.p90},
                       {"cv", Number(s.cv)}, {"wall_ms", rep.at("wall_ms")},
                       {"cpu_ms", rep.value("cpu_ms", nlohmann::json(nullptr))}});
  }
  EB_ASSIGN_OR_RETURN(LatencyStats s, ComputeLatencyStats(all));
  warnings->insert(warnings->end(), s.warnings.begin(), s.warnings.end());
  size_t stride = 1;
  nlohmann::json samples = StoredSamples(all, &stride);
  return nlohmann::json{{"samples", std::move(samples)}, {"samples_stride", stride},
                        {"count", s.count},     {"mean", s.mean},
                        {"stddev", Number(s.stddev)}, {"cv", Number(s.cv)}, {"min", s.min},
                        {"p50", s.p50},          {"p90", s.p90},         {"p95", s.p95},
                        {"p99", s.p99},          {"p999", s.p999},       {"max", s.max},
                        {"p50_ci95", CiJson(s.p50_ci95)}, {"p90_ci95", CiJson(s.p90_ci95)},
                        {"percentile_method", "nearest-rank"},
                        {"ci_method", "distribution-free, from order statistics (binomial)"},
                        {"repetitions", per_rep}};
}

nlohmann::json OutcomeRecord(const RunConfig& config, const WorkerOutcome& outcome, const ThermalDelta& thermal,
                             const std::vector<std::string>& build_warnings, const std::string& started,
                             const std::string& finished) {
  std::vector<std::string> warnings = build_warnings;
  warnings.insert(warnings.end(), thermal.warnings.begin(), thermal.warnings.end());
  nlohmann::json r = BaseRecord(config, outcome.status);
  r["started"] = started;
  r["finished"] = finished;
  r["wall_s"] = outcome.wall_s;
  r["thermal"] = ToJson(thermal);
  if (outcome.status == "ok" && outcome.reply.value("status", "") != "ok") {
    r["status"] = "error";
    r["error"] = outcome.reply.value("error", "worker reported an error without a message");
  } else if (outcome.status != "ok") {
    r["error"] = outcome.error;
  } else {
    const nlohmann::json& m = outcome.reply.at("measurement");
    r["cold_start_ms"] = m.at("cold_start_ms");
    r["warmup"] = m.at("warmup");
    r["memory"] = m.at("memory");
    r["binding"] = m.value("binding", "none");
    r["counters"] = m.at("counters");
    if (m.contains("energy")) {
      r["energy"] = m.at("energy");
    } else {
      r["energy"] = {{"kind", "unknown"}, {"reason", m.value("energy_sensor", "no power sensor was read")}};
    }
    r["ops"] = m.at("ops");
    if (m.contains("per_op")) r["per_op"] = m.at("per_op");
    r["precision"] = m.at("precision");
    if (m.contains("kernels")) r["kernels"] = m.at("kernels");
    if (m.contains("graph")) r["graph"] = m.at("graph");
    if (m.contains("rounds")) r["rounds"] = m.at("rounds");
    r["accuracy"] = m.at("accuracy");
    for (const auto& w : m.value("warnings", nlohmann::json::array())) warnings.push_back(w.get<std::string>());
    auto latency = LatencyJson(m.at("repetitions"), &warnings);
    if (!latency.ok()) {
      r["status"] = "error";
      r["error"] = latency.status().message();
    } else {
      // Items per second from the summed per-inference latencies (duty-cycle
      // idle time excluded): mean x count, since only every kth sample is stored.
      const double count = (*latency)["count"].get<double>();
      const double total_ms = (*latency)["mean"].get<double>() * count;
      const double items = m.value("items_per_inference", 1.0) * count;
      r["throughput_ips"] = total_ms > 0 ? nlohmann::json(items * 1000.0 / total_ms) : nlohmann::json(nullptr);
      r["latency_ms"] = std::move(latency).value();
    }
  }
  r["warnings"] = warnings;
  return r;
}

}  // namespace edgebench
