// The `native` backend: hand-written SIMD kernels (Conv, depthwise Conv,
// FusedConv, Gemm, MatMul, MaxPool in float32) with the kernel level chosen
// at run time from the CPU's features (cpu_features.h). Nodes it does not
// take fall back to ref.
#pragma once

#include "runtime/backends/backend.h"
#include "runtime/backends/native/cpu_features.h"

namespace edgebench {

class NativeBackend final : public Backend {
 public:
  // Kernels of level `isa`; the registry's instance uses SelectedIsa().
  // Tests build one per level this host runs.
  explicit NativeBackend(native::Isa isa) : isa_(isa) {}
  const char* name() const override { return "native"; }
  const OpDef* Find(const Node& node, const InferContext& ctx) const override;
  bool multithreaded() const override { return true; }
  // Where its level has the pixel tile that runs NhwcFusedConv.
  bool prefers_nhwc() const override;
  native::Isa isa() const { return isa_; }

 private:
  native::Isa isa_;
};

// The registry's native backend.
const NativeBackend& NativeBackendInstance();
// The kernel level the registry's native backend runs ("avx512", ...), for results.
const char* NativeIsaName();

}  // namespace edgebench
