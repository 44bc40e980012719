#include "harness/sweep/backend_kernels.h"

#include <cstdlib>
#include <set>

#include "runtime/backends/native/cpu_features.h"
#include "runtime/backends/native/native_backend.h"

// Only the version macros: the runtime builds the eigen backend against the
// same system Eigen, and this header needs nothing else of it.
#if __has_include(<eigen3/Eigen/src/Core/util/Macros.h>)
#include <eigen3/Eigen/src/Core/util/Macros.h>
#endif

namespace edgebench {
namespace {

std::string EigenVariant() {
#ifdef EIGEN_WORLD_VERSION
  return "eigen " + std::to_string(EIGEN_WORLD_VERSION) + "." + std::to_string(EIGEN_MAJOR_VERSION) + "." +
         std::to_string(EIGEN_MINOR_VERSION) + " (EIGEN_DONT_PARALLELIZE)";
#else
  return "eigen, version unknown (EIGEN_DONT_PARALLELIZE)";
#endif
}

}  // namespace

BackendKernels DescribeBackendKernels(const Backend& backend) {
  BackendKernels out;
  out.backend = backend.name();
  out.multithreaded = backend.multithreaded();
  if (out.backend == "native") {
    // Asked again with the same variable only for the note: the registry's
    // instance made the same choice once.
    native::SelectIsa(std::getenv("EDGEBENCH_NATIVE_ISA"), &out.note);
    const native::Isa isa = NativeBackendInstance().isa();
    out.variant = std::string(native::IsaName(isa)) + " (int8: " +
                  native::Int8IsaName(native::Int8IsaFor(isa, native::HostCpuFeatures())) + ")";
  } else if (out.backend == "eigen") {
    out.variant = EigenVariant();
  } else {
    out.variant = out.backend;
  }
  return out;
}

nlohmann::json KernelsJson(const Session& session) {
  const BackendKernels kernels = DescribeBackendKernels(session.backend());
  int fallback_nodes = 0;
  std::set<std::string> fallback_types;
  for (int s = 0; s < session.num_steps(); ++s) {
    const int n = session.step_node(s);
    if (!session.node_reports()[n].fallback) continue;
    ++fallback_nodes;
    fallback_types.insert(session.graph().nodes[n].op_type);
  }
  return {{"backend", kernels.backend},
          {"variant", kernels.variant},
          {"multithreaded", kernels.multithreaded},
          {"fallback_nodes", fallback_nodes},
          {"fallback_op_types", fallback_types}};
}

}  // namespace edgebench
