// Sliding-window geometry shared by Conv, ConvTranspose, MaxPool and
// AveragePool: attribute parsing (kernel_shape, strides, dilations, pads,
// auto_pad), output sizes and the pads auto_pad implies (ONNX Operators.md,
// Conv and MaxPool "auto_pad" and output-shape formulas), the input checks
// and costs of the convolutions and of the pools, and the index helpers their
// kernels share.
#pragma once

#include <cstdint>

#include "runtime/core/shape.h"
#include "runtime/core/status.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {

enum class AutoPad { kNotSet, kSameUpper, kSameLower, kValid };

// Per spatial dim, in fixed arrays so that Run reads it without allocating.
struct WindowGeometry {
  int rank = 0;  // number of spatial dims
  AutoPad auto_pad = AutoPad::kNotSet;
  int64_t kernel[kMaxRank] = {};
  int64_t stride[kMaxRank] = {};
  int64_t dilation[kMaxRank] = {};
  int64_t pad_begin[kMaxRank] = {};
  int64_t pad_end[kMaxRank] = {};
  int64_t in[kMaxRank] = {};   // input spatial sizes
  int64_t out[kMaxRank] = {};  // output spatial sizes

  // Extent of the dilated kernel: (k - 1) * d + 1.
  int64_t DilatedKernel(int d) const { return (kernel[d] - 1) * dilation[d] + 1; }
};

// Reads auto_pad, kernel_shape, strides, dilations and pads of the node for
// `spatial_rank` dims and validates them. Without a kernel_shape attribute the
// kernel is `kernel_from_weights` (Conv, ConvTranspose); null makes
// kernel_shape required (pooling). Pads hold the explicit values; `in` and
// `out` are left for the caller.
Status ParseWindowAttributes(const InferContext& ctx, int spatial_rank, const int64_t* kernel_from_weights,
                             WindowGeometry* geometry);

// Output sizes and pads of a forward window (Conv, pooling) over the spatial
// sizes `in_spatial`. Explicit pads: out = floor((in + pads - dilated_k) / s) + 1,
// ceil instead of floor with `ceil_mode`, dropping a last window that would
// start in the end padding (as PyTorch and ONNX Runtime do). SAME_*:
// out = ceil(in / s) with the total pad split evenly, the odd one at the end
// (UPPER) or the beginning (LOWER). VALID: no pads.
Status ComputeForwardWindow(const InferContext& ctx, const int64_t* in_spatial, bool ceil_mode,
                            WindowGeometry* geometry);

// Y's shape (batch, channels, out...) for the window's output sizes.
Shape WindowOutputShape(int64_t batch, int64_t channels, const WindowGeometry& geometry);

// Infer's common part for MaxPool and AveragePool: X of rank 3 to kMaxRank,
// the window attributes and ceil_mode (opset 10 on; 0 before). Sets the
// geometry and Y's shape (N, C, out...).
Status InferPoolWindow(const InferContext& ctx, WindowGeometry* geometry, Shape* y_shape);

// FLOPs of MaxPool and AveragePool = output elements * window size (one
// comparison or add per tap; AveragePool's divide is folded in).
OpCost PoolCost(const CostContext& ctx);

// Infer's first checks for Conv and ConvTranspose: inputs X and W, and the
// optional B, are float32; X has rank 3 to kMaxRank and W has X's rank.
Status CheckConvInputs(const InferContext& ctx);

// B, when given, has shape [filters].
Status CheckConvBias(const InferContext& ctx, int64_t filters);

// Cost of Conv and ConvTranspose: each of `positions` elements (Y's for Conv,
// X's for ConvTranspose) takes W.dim(1) * prod(kernel) MACs; FLOPs = 2 * MACs,
// plus one add per element of Y with a bias.
OpCost ConvCost(const CostContext& ctx, int64_t positions);

// Product of the first `n` values.
inline int64_t Product(const int64_t* values, int n) {
  int64_t p = 1;
  for (int i = 0; i < n; ++i) p *= values[i];
  return p;
}

// Floor and ceiling of a / b for b > 0 and any sign of a.
inline int64_t FloorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
inline int64_t CeilDiv(int64_t a, int64_t b) { return a >= 0 ? (a + b - 1) / b : -((-a) / b); }

// The indices i in [0, count) with 0 <= i * step + offset < limit, as the
// half-open range [*lo, *hi) (empty when *lo >= *hi). Conv uses it for the
// output positions a kernel tap reaches, pooling for the taps of a window that
// fall inside the input.
inline void ValidRange(int64_t offset, int64_t step, int64_t limit, int64_t count, int64_t* lo, int64_t* hi) {
  const int64_t first = CeilDiv(-offset, step);
  const int64_t last = FloorDiv(limit - 1 - offset, step) + 1;
  *lo = first > 0 ? first : 0;
  *hi = last < count ? last : count;
}

// The taps of a pooling window that fall inside the input: per dim, the
// window's first position `start` (in the pads when negative) and the range
// [lo, hi) of tap indices whose position start + tap * dilation is inside.
struct WindowTaps {
  int64_t start[kMaxRank];
  int64_t lo[kMaxRank];
  int64_t hi[kMaxRank];
};

// The taps of the window at output position `out_index`; returns how many
// fall inside the input (0 for a window entirely in padding, possible with
// dilation).
inline int64_t ClipWindow(const WindowGeometry& g, const int64_t* out_index, WindowTaps* taps) {
  int64_t inside = 1;
  for (int d = 0; d < g.rank; ++d) {
    taps->start[d] = out_index[d] * g.stride[d] - g.pad_begin[d];
    ValidRange(taps->start[d], g.dilation[d], g.in[d], g.kernel[d], &taps->lo[d], &taps->hi[d]);
    inside *= taps->hi[d] > taps->lo[d] ? taps->hi[d] - taps->lo[d] : 0;
  }
  return inside;
}

// Row-major offset in the input plane of the tap with indices `k`.
inline int64_t TapOffset(const WindowGeometry& g, const WindowTaps& taps, const int64_t* k) {
  int64_t offset = 0;
  for (int d = 0; d < g.rank; ++d) offset = offset * g.in[d] + taps.start[d] + k[d] * g.dilation[d];
  return offset;
}

// Where the convolutions' kernel tap `k` from position `index` lands:
// index[d] * stride[d] + k[d] * dilation[d] - pad_begin[d] in every spatial
// dim but the last. Sets *row to its row-major offset over those dims of
// `dims` (g.in for Conv, which gathers; g.out for ConvTranspose, which
// scatters) and returns false when it falls outside them.
inline bool TapRow(const WindowGeometry& g, const int64_t* index, const int64_t* k, const int64_t* dims,
                   int64_t* row) {
  *row = 0;
  for (int d = 0; d < g.rank - 1; ++d) {
    const int64_t pos = index[d] * g.stride[d] + k[d] * g.dilation[d] - g.pad_begin[d];
    if (pos < 0 || pos >= dims[d]) return false;
    *row = *row * dims[d] + pos;
  }
  return true;
}

// Advances a row-major multi-index over `dims`; false after the last one.
inline bool NextIndex(int64_t* index, const int64_t* dims, int rank) {
  for (int d = rank - 1; d >= 0; --d) {
    if (++index[d] < dims[d]) return true;
    index[d] = 0;
  }
  return false;
}

// Same over the box [lo, hi) per dim.
inline bool NextIndexInBox(int64_t* index, const int64_t* lo, const int64_t* hi, int rank) {
  for (int d = rank - 1; d >= 0; --d) {
    if (++index[d] < hi[d]) return true;
    index[d] = lo[d];
  }
  return false;
}

}  // namespace edgebench::ops
