// The `eigen` backend: Conv, Gemm and MatMul in float32 through Eigen3's GEMM
// kernel, their tiles split over the session's thread pool (Eigen itself
// runs single-threaded: EIGEN_DONT_PARALLELIZE). Every other node falls back
// to `ref`, and the session records the fallback.
#pragma once

#include "runtime/backends/backend.h"

namespace edgebench {

class EigenBackend final : public Backend {
 public:
  const char* name() const override { return "eigen"; }
  // Kernels split their tiles over the session's pool.
  bool multithreaded() const override { return true; }
  const OpDef* Find(const Node& node, const InferContext& ctx) const override;
};

// The one instance, listed in backend_registry.cpp.
const EigenBackend& EigenBackendInstance();

}  // namespace edgebench
