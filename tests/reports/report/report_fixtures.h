// Hand-built results documents for the report tests: a measuring host with
// budgets, projection targets, and ok results with projections onto them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace edgebench::testing {

struct TargetSpec {
  std::string id;
  double latency_budget_ms = 100;
  double size_budget_bytes = 1e8;
  std::optional<double> price_usd;
};

struct ProjectionSpec {
  std::string device;
  nlohmann::json latency_ms;  // a number, or "unknown"
  double joules = 1;
  std::vector<std::string> fit_problems;
  std::vector<std::string> budget_problems;
};

struct ResultSpec {
  std::string model;
  std::string precision = "fp32";
  int threads = 1;
  double p50_ms = 10;
  nlohmann::json joules = 0.5;  // a number, or "unknown" (energy kind unknown)
  double weights_bytes = 1e6;
  std::vector<ProjectionSpec> projections;
};

using json = nlohmann::json;

namespace report_fixtures_detail {

inline json SourcedValue(double value, const std::string& source) { return {{"value", value}, {"source", source}}; }

inline std::string ConfigKey(const ResultSpec& r) {
  return r.model + "|" + r.precision + "|ref|t" + std::to_string(r.threads) + "|b1|all|none|single_stream";
}

inline json Config(const std::string& model, const std::string& precision, int threads) {
  return {{"model", model},  {"precision", precision}, {"backend", "ref"},     {"threads", threads},
          {"batch", 1},      {"opt_level", "all"},     {"pinning", "none"},   {"scenario", "single_stream"}};
}

}  // namespace report_fixtures_detail

// A results document measured on "host" (x86-ipc: latency budget 50 ms, model size 500 MB).
inline json MakeResultsDoc(const std::vector<TargetSpec>& targets, const std::vector<ResultSpec>& results) {
  json device = {{"id", "host"},
                 {"name", "Test host"},
                 {"mode", "measured"},
                 {"host_profile",
                  {{"id", "host"},
                   {"name", "Test host"},
                   {"class", "x86-ipc"},
                   {"target_latency_ms", report_fixtures_detail::SourcedValue(50, "class budget")},
                   {"max_model_bytes", report_fixtures_detail::SourcedValue(5e8, "class budget")}}},
                 {"projected_on", json::array()},
                 {"targets", json::array()}};
  for (const TargetSpec& t : targets) {
    json target = {{"id", t.id},
                   {"name", "Board " + t.id},
                   {"class", "sbc"},
                   {"target_latency_ms", report_fixtures_detail::SourcedValue(t.latency_budget_ms, "class budget")},
                   {"max_model_bytes", report_fixtures_detail::SourcedValue(t.size_budget_bytes, "class budget")}};
    if (t.price_usd) target["price_usd"] = report_fixtures_detail::SourcedValue(*t.price_usd, "list price");
    device["projected_on"].push_back(t.id);
    device["targets"].push_back(target);
  }
  json doc = {{"schema", "edgebench.results/1"},
              {"run",
               {{"id", "test"},
                {"suite", "test-suite"},
                {"started", "2026-01-01T00:00:00Z"},
                {"finished", "2026-01-01T00:01:00Z"},
                {"git_sha", "abc123"},
                {"build", {{"type", "Release"}}}}},
              {"host", {{"cpu_model", "Test CPU"}}},
              {"device", device},
              {"results", json::array()}};
  for (const ResultSpec& r : results) {
    json energy = r.joules.is_number()
                      ? json{{"kind", "estimated"}, {"joules_per_inference", r.joules}, {"source", "power_model"}}
                      : json{{"kind", "unknown"}, {"reason", "no sensor and no power model"}};
    json projections = json::array();
    for (const ProjectionSpec& p : r.projections) {
      json projection = {{"device", p.device},
                         {"mode", "projected"},
                         {"latency_ms", p.latency_ms},
                         {"joules_per_inference", p.joules},
                         {"fits", p.fit_problems.empty()},
                         {"fit_problems", p.fit_problems},
                         {"budget_problems", p.budget_problems},
                         {"method", json::object()}};
      if (p.latency_ms == "unknown") projection["latency_ms_reason"] = "no peak for this precision";
      projections.push_back(projection);
    }
    doc["results"].push_back({{"config_key", report_fixtures_detail::ConfigKey(r)},
                              {"config", report_fixtures_detail::Config(r.model, r.precision, r.threads)},
                              {"status", "ok"},
                              {"error", nullptr},
                              {"latency_ms",
                               {{"count", 100},
                                {"samples", {r.p50_ms}},
                                {"samples_stride", 100},
                                {"p50", r.p50_ms},
                                {"p90", r.p50_ms * 1.1},
                                {"p99", r.p50_ms * 1.2},
                                {"p50_ci95", {r.p50_ms * 0.99, r.p50_ms * 1.01}}}},
                              {"throughput_ips", 1000 / r.p50_ms},
                              {"memory", {{"weights_bytes", r.weights_bytes}, {"peak_activation_bytes", 1e5}}},
                              {"energy", energy},
                              {"projections", projections},
                              {"warnings", json::array()}});
  }
  return doc;
}

// An unsupported result for `model`.
inline json MakeUnsupportedResult(const std::string& model, const std::string& precision, const std::string& reason) {
  return {{"config_key", model + "|" + precision + "|ref|t1|b1|all|none|single_stream"},
          {"config", report_fixtures_detail::Config(model, precision, 1)},
          {"status", "unsupported"},
          {"error", reason},
          {"energy", {{"kind", "unknown"}, {"reason", "did not run"}}},
          {"warnings", json::array()}};
}

// The committed real results file of a short quick.json run.
inline std::string QuickResultsPath() { return std::string(EDGEBENCH_SOURCE_DIR) + "/tests/data/reports/quick_results.json"; }

// A valid 2x2 PNG, for reports written without drawing charts.
inline std::string TinyPngBytes() {
  // 2x2 RGB PNG: two red and two blue pixels.
  static const unsigned char kPng[] = {0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xfd, 0xd4, 0x9a, 0x73, 0x00, 0x00, 0x00, 0x16, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xfc, 0xcf, 0xc0, 0xc0, 0xc0, 0xc0, 0xc0, 0xc8, 0xc0, 0xf0, 0x9f, 0x81, 0x81, 0x01, 0x00, 0x11, 0x12, 0x02, 0x01, 0xb2, 0x77, 0x28, 0x19, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
  return std::string(reinterpret_cast<const char*>(kPng), sizeof(kPng));
}

}  // namespace edgebench::testing
