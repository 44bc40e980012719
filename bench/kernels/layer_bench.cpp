#include "bench/kernels/layer_bench.h"

#include <chrono>

#include "bench/peak/thread_cpu_time.h"

namespace edgebench::bench {

namespace {

// The clock the benchmark's own rates use (see LayerBenchUsesRealTime).
double Now(const LayerBenchConfig& config) {
  if (LayerBenchUsesRealTime(config)) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  }
  return ThreadCpuSeconds();
}

}  // namespace

bool LayerBenchUsesRealTime(const LayerBenchConfig& config) { return config.threads > 1; }

std::string LayerBenchName(const LayerBenchConfig& config) {
  return config.layer.Label() + "/" + LayerPrecisionName(config.precision) + "/" + config.backend +
         "/threads:" + std::to_string(config.threads);
}

Status LayerBench::Prepare() {
  EB_ASSIGN_OR_RETURN(auto model, MakeSingleNodeModel(config_.layer, config_.precision, config_.seed));
  SessionOptions options;
  options.backend = config_.backend;
  options.threads = config_.threads;
  EB_ASSIGN_OR_RETURN(session_, Session::Create(model, options));
  EB_ASSIGN_OR_RETURN(inputs_, MakeRandomInputs(*session_, config_.seed));
  ops_per_run_ = static_cast<double>(session_->total_cost().flops);
  // Say which backend really ran the node: a backend without this op falls
  // back to ref, and its row would otherwise pass for its own kernel.
  for (const NodeReport& report : session_->node_reports()) {
    if (report.fallback) label_ = "fallback to " + report.backend;
  }
  return Status::Ok();
}

void LayerBench::Run(benchmark::State& state) {
  if (!prepared_) {
    prepare_status_ = Prepare();
    prepared_ = true;
  }
  if (!prepare_status_.ok()) {
    error_ = prepare_status_.ToString();
    state.SkipWithError(error_.c_str());
    return;
  }
  const double start = Now(config_);
  for (auto _ : state) {
    const Status status = session_->Run(inputs_);
    if (!status.ok()) {
      error_ = status.ToString();
      state.SkipWithError(error_.c_str());
      break;
    }
  }
  const double seconds = Now(config_) - start;
  const char* rate = config_.precision == LayerPrecision::kInt8 ? "GOP/s" : "GFLOP/s";
  state.counters[rate] = benchmark::Counter(ops_per_run_ / 1e9, benchmark::Counter::kIsIterationInvariantRate);
  // Percent of the peak of the cores used. Google Benchmark has no "rate,
  // shown without /s" counter, so this one is computed from the loop's own
  // time, on the clock the benchmark's rates use.
  const double peak = config_.peak_ops_per_second * config_.threads;
  if (peak > 0.0 && seconds > 0.0) {
    state.counters["pct_peak"] = 100.0 * ops_per_run_ * static_cast<double>(state.iterations()) / seconds / peak;
  }
  if (!label_.empty()) state.SetLabel(label_);
}

}  // namespace edgebench::bench
