// What projection needs from a measured configuration, as plain numbers: the
// runtime's per-node accounting (OpCost), the host's measured times and the
// memory figures. devices/ does not see runtime sessions or the harness; the
// harness fills these from Session::node_reports() and its per-op profile.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace edgebench {

// One node the run executes (folded nodes are left out).
struct OpWork {
  std::string name;
  std::string type;
  int64_t flops = 0;              // OpCost::flops: a MAC is two ops, also for int8
  int64_t bytes = 0;              // OpCost::bytes_read + bytes_written
  std::optional<double> host_ms;  // median time of this node on the host (per-op profile mode)
};

struct Workload {
  std::string model;
  std::string precision;  // "fp32", "fp16", "int8"
  int threads = 1;
  std::vector<OpWork> ops;
  double host_latency_ms = 0;  // measured end-to-end p50 on the host
  int64_t weights_bytes = 0;   // as stored for the precision
  int64_t arena_bytes = 0;     // planned activation arena (peak)
  int64_t scratch_bytes = 0;   // packing and indirection buffers
};

}  // namespace edgebench
