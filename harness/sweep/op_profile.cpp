#include "harness/sweep/op_profile.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "harness/sweep/measure.h"
#include "profilers/counters/counter_metrics.h"
#include "profilers/counters/counter_values.h"
#include "profilers/latency/latency_stats.h"
#include "profilers/per_op/op_profiler.h"

namespace edgebench {
namespace {

// A per-op sum further than this from the end-to-end time is reported: the
// hooks cost more than they should, or time goes somewhere no node accounts for.
constexpr double kSumTolerance = 0.15;

// Nearest-rank median, as the latency percentiles.
double MedianMs(const std::vector<int64_t>& ns) {
  std::vector<double> ms(ns.begin(), ns.end());
  std::sort(ms.begin(), ms.end());
  return NearestRankPercentile(ms, 50) / 1e6;
}

// The node's counts per inference. Events that were not counted are left
// out (the result's "counters" object lists them with their reasons), so that
// a graph of hundreds of nodes does not repeat the same reason hundreds of times.
nlohmann::json CounterObject(const PerfCounters& counters, const CounterSnapshot& total, int iterations) {
  const std::vector<CounterValue> values = CounterValues(counters, total);
  nlohmann::json events = nlohmann::json::object();
  for (const CounterValue& v : values) {
    if (v.value.known()) events[v.name] = *v.value.value / iterations;
  }
  nlohmann::json out = {{"per_inference", events}};
  if (counters.hardware_available()) {
    out.update(ToJson(ComputeCounterMetrics(counters, values)));
  } else {
    out["ipc"] = out["cache_miss_rate"] = "unknown";
    out["ipc_reason"] = out["cache_miss_rate_reason"] = "no hardware counters (see the result's counters.reason)";
  }
  return out;
}

std::string Percent(double ratio) {
  char text[32];
  std::snprintf(text, sizeof text, "%.0f%%", 100 * ratio);
  return text;
}

}  // namespace

nlohmann::json OpAccountingJson(const Session& session) {
  nlohmann::json ops = nlohmann::json::array();
  for (int s = 0; s < session.num_steps(); ++s) {
    const int n = session.step_node(s);
    const Node& node = session.graph().nodes[n];
    const NodeReport& report = session.node_reports()[n];
    ops.push_back({{"name", node.name.empty() ? "#" + std::to_string(n) : node.name},
                   {"type", node.op_type},
                   {"backend", report.backend},
                   {"fallback", report.fallback},
                   {"macs", report.cost.macs},
                   {"flops", report.cost.flops},
                   {"bytes", report.cost.bytes_read + report.cost.bytes_written},
                   {"scratch_bytes", report.scratch_bytes}});
    if (report.elided) ops.back()["elided"] = true;
  }
  return ops;
}

Expected<OpProfileResult> ProfileOps(Session& session, const std::vector<Tensor>& inputs, int iterations,
                                     PerfCounters* counters, double measured_p50_ms,
                                     std::vector<std::string>* warnings) {
  OpProfiler profiler(session.num_steps(), iterations, counters);
  std::vector<int64_t> run_ns(static_cast<size_t>(iterations));
  if (counters != nullptr) EB_RETURN_IF_ERROR(counters->Enable());
  for (int i = 0; i < iterations; ++i) {
    profiler.BeginIteration(i);
    const int64_t t0 = NowNs();
    Status status = session.Run(inputs, &profiler);
    run_ns[i] = NowNs() - t0;
    if (!status.ok()) return status.WithContext("per-op profile");
  }
  if (counters != nullptr) EB_RETURN_IF_ERROR(counters->Disable());
  if (!profiler.counter_status().ok()) {
    warnings->push_back("per-op counters incomplete: " + profiler.counter_status().message());
  }

  OpProfileResult result;
  double sum_ms = 0;
  std::vector<double> step_ms(static_cast<size_t>(session.num_steps()));
  for (int s = 0; s < session.num_steps(); ++s) {
    std::vector<int64_t> ns(static_cast<size_t>(iterations));
    for (int i = 0; i < iterations; ++i) ns[i] = profiler.step_ns(s, i);
    step_ms[s] = MedianMs(ns);
    sum_ms += step_ms[s];
  }
  result.ops = OpAccountingJson(session);
  for (int s = 0; s < session.num_steps(); ++s) {
    nlohmann::json& op = result.ops[static_cast<size_t>(s)];
    const double seconds = step_ms[s] / 1e3;
    op["time_ms_p50"] = step_ms[s];
    op["share"] = sum_ms > 0 ? step_ms[s] / sum_ms : 0.0;
    // Achieved rates from the runtime's accounting and the median time; a
    // step too short for the clock has none.
    const double flops = op["flops"].get<double>();
    const double bytes = op["bytes"].get<double>();
    op["gflops"] = seconds > 0 ? nlohmann::json(flops / seconds / 1e9) : nlohmann::json(nullptr);
    op["gbytes_per_s"] = seconds > 0 ? nlohmann::json(bytes / seconds / 1e9) : nlohmann::json(nullptr);
    if (counters != nullptr) op["counters"] = CounterObject(*counters, profiler.step_counts(s), iterations);
  }

  const double profiled_run_ms = MedianMs(run_ns);
  result.summary = {{"iterations", iterations},
                    {"sum_of_op_p50_ms", sum_ms},
                    {"profiled_run_p50_ms", profiled_run_ms},
                    {"measured_p50_ms", measured_p50_ms},
                    {"sum_vs_measured", measured_p50_ms > 0 ? nlohmann::json(sum_ms / measured_p50_ms) : nlohmann::json(nullptr)},
                    {"sum_vs_profiled_run", profiled_run_ms > 0 ? nlohmann::json(sum_ms / profiled_run_ms) : nlohmann::json(nullptr)},
                    {"counters", counters != nullptr},
                    {"method", "each node timed (and its counters read) around its kernel over the iterations "
                               "after the measured phase; per-op figures are medians, counters per inference"}};
  // Two references tell the causes apart: against the profiled runs
  // themselves the sum shows time outside the nodes (or the hooks' cost);
  // against the measured phase it also shows the machine's speed changing
  // between the two phases (frequency, other load on a shared host).
  if (measured_p50_ms > 0 && std::fabs(sum_ms / measured_p50_ms - 1) > kSumTolerance) {
    const double per_node_us = 1e3 * measured_p50_ms / std::max(1, session.num_steps());
    std::string why;
    if (per_node_us < 5) {
      why = "nodes take about as long as the clock reads around them";
    } else if (profiled_run_ms > 0 && std::fabs(sum_ms / profiled_run_ms - 1) <= kSumTolerance) {
      why = "the per-op runs themselves took " + Percent(profiled_run_ms / measured_p50_ms) +
            " of the measured p50, so the machine's speed changed between the two phases";
    } else {
      why = "the per-op pass perturbs this model, or time is spent outside the nodes";
    }
    warnings->push_back("per-op times sum to " + Percent(sum_ms / measured_p50_ms) + " of the measured p50 latency: " +
                        why);
  }
  return result;
}

}  // namespace edgebench
