// What a backend's kernels are on this host, for results ("kernels") and
// `edgebench backends`: native's ISA level as chosen at run time, eigen's
// version, ref's loops; and for one session, which nodes fell back to ref.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/backends/backend.h"
#include "runtime/session/session.h"

namespace edgebench {

struct BackendKernels {
  std::string backend;
  // native: "avx512 (int8: avx512vnni)"; eigen: "eigen 3.4.0
  // (EIGEN_DONT_PARALLELIZE)"; ref: "ref".
  std::string variant;
  bool multithreaded = false;
  // Why the variant is not what was asked for (native: an EDGEBENCH_NATIVE_ISA
  // this host cannot run or that names no level); empty when it is.
  std::string note;
};

BackendKernels DescribeBackendKernels(const Backend& backend);

// The result's "kernels" object: {"backend", "variant", "multithreaded",
// "fallback_nodes", "fallback_op_types"}, counted over the nodes the session
// runs (not those folded at creation). Each node's own backend and fallback
// are in the result's "ops".
nlohmann::json KernelsJson(const Session& session);

}  // namespace edgebench
