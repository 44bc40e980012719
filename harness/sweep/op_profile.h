// The per-op profile of one configuration (issue 4): after the measured
// phase, the model runs `iterations` more times with an OpProfiler attached,
// and every node gets its median time, its share, its runtime accounting
// (MACs, FLOPs, bytes), the achieved GFLOP/s and, where counters were open,
// its counts, IPC and cache-miss rate. The per-op sum is checked against the
// end-to-end time.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "profilers/counters/perf_counters.h"
#include "runtime/session/session.h"

namespace edgebench {

struct OpProfileResult {
  nlohmann::json ops;      // the result's "ops" array, in execution order
  nlohmann::json summary;  // the result's "per_op": iterations, sums and their ratios
};

// Every step the run executes, in order, with the runtime's accounting:
// name, type, backend, fallback, macs, flops, bytes (read + written) and
// scratch_bytes. Folded nodes are not part of the run and are left out.
nlohmann::json OpAccountingJson(const Session& session);

// OpAccountingJson with, per node: time_ms_p50, share, gflops, gbytes_per_s
// and counters. `counters` may be null; when given it is enabled here for the pass.
// `measured_p50_ms` is the measured phase's median latency, the reference
// of the per-op sum.
Expected<OpProfileResult> ProfileOps(Session& session, const std::vector<Tensor>& inputs, int iterations,
                                     PerfCounters* counters, double measured_p50_ms,
                                     std::vector<std::string>* warnings);

}  // namespace edgebench
