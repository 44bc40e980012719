#include "harness/sweep/measure.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <chrono>
#include <thread>
#include <time.h>
#include <unistd.h>

#include "devices/host/cpu_binding.h"
#include "harness/inputs/synthetic_input.h"
#include "harness/sweep/accuracy_measure.h"
#include "harness/sweep/backend_kernels.h"
#include "harness/sweep/precision_model.h"
#include "harness/sweep/op_profile.h"
#include "profilers/counters/counter_values.h"
#include "profilers/energy/energy_detect.h"
#include "profilers/latency/latency_stats.h"
#include "profilers/energy/energy_json.h"
#include "profilers/energy/idle_power.h"
#include "profilers/memory/memory_snapshot.h"
#include "runtime/session/session.h"

namespace edgebench {
namespace {

double MsSince(int64_t start_ns) { return static_cast<double>(NowNs() - start_ns) / 1e6; }

// Evicts the caches between duty-cycle inferences by streaming through a
// buffer twice the size of the last-level cache (a sensor that fires every
// P ms finds its weights cold).
class CacheEvictor {
 public:
  CacheEvictor() {
    long llc = sysconf(_SC_LEVEL3_CACHE_SIZE);
    if (llc <= 0) llc = sysconf(_SC_LEVEL2_CACHE_SIZE);
    bytes_ = 2 * static_cast<size_t>(llc > 0 ? llc : 32L << 20);
    buffer_.assign(bytes_, 1);
  }
  void Evict() {
    for (size_t i = 0; i < bytes_; i += 64) buffer_[i] = static_cast<unsigned char>(buffer_[i] + 1);
    std::atomic_signal_fence(std::memory_order_seq_cst);
  }
  size_t bytes() const { return bytes_; }

 private:
  size_t bytes_ = 0;
  std::vector<unsigned char> buffer_;
};

struct Loop {
  std::vector<double> samples_ms;
  double wall_ms = 0;
  double cpu_ms = 0;  // this thread's CPU time inside the timed regions
};

// This thread's CPU time, read outside the timed region.
int64_t ThreadCpuNs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// One measured repetition: at least min_iterations and min_time, at most max_time.
Expected<Loop> MeasureRepetition(Session& session, const std::vector<Tensor>& inputs, const RunConfig& config,
                                 const SuiteRunRules& rules, CacheEvictor* evictor) {
  Loop loop;
  loop.samples_ms.reserve(static_cast<size_t>(std::max(rules.min_iterations, 1)) * 4);
  const int64_t start = NowNs();
  const bool duty_cycle = config.scenario == "duty_cycle";
  auto next_tick = std::chrono::steady_clock::now();
  for (;;) {
    const double elapsed = MsSince(start);
    const bool enough = static_cast<int>(loop.samples_ms.size()) >= rules.min_iterations && elapsed >= rules.min_time_ms;
    if (enough || (elapsed >= rules.max_time_ms && !loop.samples_ms.empty())) break;
    if (duty_cycle) {
      evictor->Evict();
      next_tick += std::chrono::microseconds(static_cast<int64_t>(rules.duty_cycle_period_ms * 1000));
      std::this_thread::sleep_until(next_tick);
    }
    const int64_t c0 = ThreadCpuNs();
    const int64_t t0 = NowNs();
    Status status = session.Run(inputs);
    const int64_t t1 = NowNs();
    const int64_t c1 = ThreadCpuNs();
    if (!status.ok()) return status;
    loop.samples_ms.push_back(static_cast<double>(t1 - t0) / 1e6);
    loop.cpu_ms += static_cast<double>(c1 - c0) / 1e6;
  }
  loop.wall_ms = MsSince(start);
  return loop;
}

// Enough per-op iterations for per_op_min_time_ms at the measured median,
// within [per_op_iterations, max(per_op_iterations, kMaxPerOpIterations)].
int PerOpIterations(const ProfileRules& rules, double p50_ms) {
  constexpr int kMaxPerOpIterations = 1000;
  const double for_time = p50_ms > 0 ? std::ceil(rules.per_op_min_time_ms / p50_ms) : kMaxPerOpIterations;
  const int cap = std::max(rules.per_op_iterations, kMaxPerOpIterations);
  return std::clamp(static_cast<int>(std::min<double>(for_time, cap)), rules.per_op_iterations, cap);
}

// The result's "memory" object; reports/schema/results.schema.json describes
// what each figure includes.
nlohmann::json MemoryJson(const Session& session, const MemorySnapshot& after_load, const MemorySnapshot& after_run) {
  // Scratch lives in the arena for the one step that uses it, so the arena's
  // peak already includes it; the largest single step's need is reported.
  size_t scratch = 0;
  for (const NodeReport& report : session.node_reports()) {
    if (!report.folded) scratch = std::max(scratch, report.scratch_bytes);
  }
  nlohmann::json memory = {{"weights_bytes", session.weight_bytes()},
                           {"peak_activation_bytes", session.memory_plan().arena_bytes},
                           {"activation_lower_bound_bytes", session.memory_plan().lower_bound_bytes},
                           {"scratch_bytes", scratch},
                           {"scratch_in_arena", true}};
  memory.update(RssJson(after_load, after_run));
  return memory;
}

// The result's "binding": where the calling thread runs, as before, and with
// a pool, every thread's placement in pool order ("thread 0: ...; thread 1:
// ..."), so one string still says where the number was measured.
std::string BindingDescription(const std::string& caller, const ThreadPool* pool) {
  if (pool == nullptr) return caller;
  std::string out = "thread 0: " + caller;
  const std::vector<std::string>& workers = pool->worker_placement();
  for (size_t i = 1; i < workers.size(); ++i) out += "; thread " + std::to_string(i) + ": " + workers[i];
  return out;
}

}  // namespace

Expected<nlohmann::json> MeasureConfiguration(const RunConfig& config, const SuiteRunRules& rules,
                                              MeasureParts parts) {
  const bool all_parts = parts == MeasureParts::kAll;
  nlohmann::json out;
  std::vector<std::string> warnings;
  // The calling thread is thread 0 of the session's pool; bind it as the
  // configuration asks. The pool's workers bind themselves as they start.
  EB_ASSIGN_OR_RETURN(Pinning pinning, ParsePinning(config.pinning));
  EB_ASSIGN_OR_RETURN(const std::string caller_binding, BindCurrentThread(pinning, 0, config.threads));

  // fp16 conversion and int8 calibration happen here, before any timing.
  EB_ASSIGN_OR_RETURN(PreparedModel prepared, PrepareModel(config, rules.precision, rules.seed + 1000));
  const double load_ms = prepared.load_ms;
  const std::shared_ptr<const Model>& model = prepared.model;

  SessionOptions options;
  options.backend = config.backend;
  options.batch = config.batch;
  for (const auto& [name, dims] : config.input_shapes) options.input_shapes[name] = dims;
  options.threads = config.threads;
  const int threads = config.threads;
  options.on_worker_start = [pinning, threads](int thread_index) {
    return BindCurrentThread(pinning, thread_index, threads);
  };
  int64_t t = NowNs();
  EB_ASSIGN_OR_RETURN(auto session, Session::Create(model, options));
  const double create_ms = MsSince(t);
  out["binding"] = BindingDescription(caller_binding, session->thread_pool());
  for (const std::string& w : session->warnings()) warnings.push_back(w);

  std::vector<Tensor> inputs;
  for (int i = 0; i < session->num_inputs(); ++i) {
    EB_ASSIGN_OR_RETURN(Tensor input, MakeSyntheticInput(session->input_info(i).dtype(), session->input_info(i).shape(),
                                                         rules.seed + static_cast<uint64_t>(i)));
    inputs.push_back(std::move(input));
  }

  const MemorySnapshot after_load = TakeMemorySnapshot();

  t = NowNs();
  EB_RETURN_IF_ERROR(session->Run(inputs));
  const double first_ms = MsSince(t);

  // Warm-up by count and by time: both must be met.
  t = NowNs();
  int warmup_done = 0;
  while (warmup_done < rules.warmup_iterations || MsSince(t) < rules.warmup_min_time_ms) {
    EB_RETURN_IF_ERROR(session->Run(inputs));
    ++warmup_done;
    if (MsSince(t) > rules.max_time_ms) break;  // a very slow model: the cap wins
  }
  const double warmup_ms = MsSince(t);

  // Counted over the whole measured phase, loop bookkeeping (and duty-cycle
  // cache eviction) included: enabling around every inference would cost a
  // syscall pair per iteration, more than some models take.
  EB_ASSIGN_OR_RETURN(PerfCounters counters, PerfCounters::Open(rules.profile.counters));
  CounterSnapshot counts_begin{};
  CounterSnapshot counts_end{};
  int64_t measured_iterations = 0;

  std::unique_ptr<CacheEvictor> evictor;
  if (config.scenario == "duty_cycle") evictor = std::make_unique<CacheEvictor>();
  nlohmann::json repetitions = nlohmann::json::array();
  std::vector<double> all_samples_ms;
  // A power sensor measures the measured phase, less the idle power measured
  // just before it; without one the parent estimates from a device profile.
  Expected<std::unique_ptr<EnergyMeter>> meter = DetectEnergyMeter();
  IdlePower idle;
  if (meter.ok()) {
    EB_ASSIGN_OR_RETURN(idle, MeasureIdlePower(**meter, rules.profile.energy_idle_ms / 1e3));
    EB_RETURN_IF_ERROR((*meter)->Start());
  }
  EB_RETURN_IF_ERROR(counters.Enable());
  EB_RETURN_IF_ERROR(counters.Read(&counts_begin));
  for (int r = 0; r < std::max(1, rules.repetitions); ++r) {
    EB_ASSIGN_OR_RETURN(Loop loop, MeasureRepetition(*session, inputs, config, rules, evictor.get()));
    if (static_cast<int>(loop.samples_ms.size()) < rules.min_iterations) {
      warnings.push_back("repetition " + std::to_string(r) + " stopped at max_time_ms after " +
                         std::to_string(loop.samples_ms.size()) + " iterations, fewer than min_iterations " +
                         std::to_string(rules.min_iterations));
    }
    measured_iterations += static_cast<int64_t>(loop.samples_ms.size());
    all_samples_ms.insert(all_samples_ms.end(), loop.samples_ms.begin(), loop.samples_ms.end());
    repetitions.push_back({{"samples_ms", loop.samples_ms}, {"wall_ms", loop.wall_ms}, {"cpu_ms", loop.cpu_ms}});
  }
  EB_RETURN_IF_ERROR(counters.Read(&counts_end));
  EB_RETURN_IF_ERROR(counters.Disable());
  if (meter.ok()) {
    EB_ASSIGN_OR_RETURN(EnergyMeasurement energy, (*meter)->Stop());
    out["energy"] = MeasuredEnergyJson(energy, idle, measured_iterations);
    out["energy"]["scope"] = evictor ? "the measured phase, including the duty cycle's cache eviction before each "
                                       "inference and the sleeps between them"
                                     : "the measured phase (all repetitions)";
  } else {
    out["energy_sensor"] = meter.status().message();
  }
  const MemorySnapshot after_run = TakeMemorySnapshot();
  out["counters"] = CountersJson(counters, Difference(counters, counts_begin, counts_end));
  out["counters"]["scope"] = session->thread_pool() == nullptr
                                 ? "the measured phase: all repetitions, this thread"
                                 : "the measured phase: all repetitions, thread 0 (the calling thread) only; the "
                                   "pool's threads 1 and up are not counted";
  out["counters"]["iterations"] = measured_iterations;

  if (rules.profile.per_op && all_parts) {
    std::sort(all_samples_ms.begin(), all_samples_ms.end());
    const double p50 = NearestRankPercentile(all_samples_ms, 50);
    const int iterations = PerOpIterations(rules.profile, p50);
    EB_ASSIGN_OR_RETURN(OpProfileResult ops, ProfileOps(*session, inputs, iterations, &counters, p50, &warnings));
    out["ops"] = std::move(ops.ops);
    out["per_op"] = std::move(ops.summary);
  } else {
    out["ops"] = OpAccountingJson(*session);
  }

  out["cold_start_ms"] = {{"load", load_ms}, {"create", create_ms}, {"first_inference", first_ms}};
  out["warmup"] = {{"iterations", warmup_done}, {"time_ms", warmup_ms}};
  out["repetitions"] = repetitions;
  out["items_per_inference"] = session->num_inputs() > 0 && session->input_info(0).rank() > 0
                                   ? session->input_info(0).dim(0)
                                   : 1;
  out["memory"] = MemoryJson(*session, after_load, after_run);
  if (evictor) out["cache_eviction_bytes"] = evictor->bytes();
  out["kernels"] = KernelsJson(*session);
  const std::string kernels_note = DescribeBackendKernels(session->backend()).note;
  if (!kernels_note.empty()) warnings.push_back(kernels_note);
  out["precision"] = std::move(prepared.precision);
  out["graph"] = std::move(prepared.graph);
  out["accuracy"] = all_parts ? MeasureAccuracy(config, rules.precision, *session, prepared, rules.seed, &warnings)
                              : nlohmann::json{{"available", false},
                                               {"reason", "a later round measures latency only; round 1 checks accuracy"}};
  out["warnings"] = warnings;
  return out;
}

}  // namespace edgebench
