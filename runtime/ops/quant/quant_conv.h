// What ConvInteger and QLinearConv share: Conv's geometry (window.h), the
// weights packed as int8 rows per filter (packed_weights.h), and the run loop.
// A convolution with more than one input channel per group runs as im2col
// into the scratch (one row of uint8 taps per output position, padding holding
// the input's zero point so that it contributes 0) and the integer GEMM core;
// a depthwise one (one input channel per group) runs a direct loop, since
// im2col per group would copy the input kernel-size times for a few MACs.
#pragma once

#include <cstdint>
#include <memory>

#include "runtime/ops/nn/window.h"
#include "runtime/ops/op.h"
#include "runtime/ops/quant/packed_weights.h"

namespace edgebench::ops {

struct QuantConvState {
  WindowGeometry geometry;
  int64_t group = 1;
  int64_t channels = 0;
  int64_t filters = 0;
  int64_t channels_per_group = 0;
  int64_t filters_per_group = 0;
  int64_t kernel_size = 0;  // taps per channel
  int64_t depth = 0;        // channels_per_group * kernel_size
  int64_t in_plane = 0;
  int64_t out_plane = 0;
  bool depthwise = false;
  // W packed at Infer, when W and its zero point are initializers.
  bool w_packed = false;
  OwnedPackedWeights packed;
  // Scratch: packed W (when not packed at Infer), the im2col patches and
  // their sums, one int32 output plane.
  size_t scratch_patches = 0;
  size_t scratch_patch_sums = 0;
  size_t scratch_acc = 0;
  size_t scratch_bytes = 0;
};

// Infer's common part. X at input `x` (uint8 or int8), its zero point at
// `x_zp` (per tensor), W at `w` (uint8 or int8, [M, C / group, k...]), its
// zero point at `w_zp` (per tensor or per filter). Sets output 0 with `y_type`.
Expected<std::shared_ptr<QuantConvState>> InferQuantConv(InferContext& ctx, int x, int x_zp, int w, int w_zp,
                                                        DType y_type);

// Calls emit(n, m, acc) for every image n and filter m, with acc the int32
// output plane (out_plane values); with `direct_output` set, acc is that
// plane of it (ConvInteger).
using QuantConvEmit = void (*)(const KernelContext& ctx, const QuantConvState& s, int64_t n, int64_t m,
                               int32_t* acc);
void RunQuantConv(const KernelContext& ctx, const QuantConvState& s, int x, int x_zp, int w, int w_zp,
                  int32_t* direct_output, QuantConvEmit emit);

// MACs = Y's elements * W.dim(1) * prod(kernel) (W at input `w`); FLOPs = 2 MACs.
OpCost QuantConvCost(const CostContext& ctx, int w);

}  // namespace edgebench::ops
