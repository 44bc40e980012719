// Sliding-window geometry shared by Conv, ConvTranspose, MaxPool and
// AveragePool: attribute parsing (kernel_shape, strides, dilations, pads,
// auto_pad), output sizes and the pads auto_pad implies (ONNX Operators.md,
// Conv and MaxPool "auto_pad" and output-shape formulas), and the index
// helpers their kernels share.
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

// Infer's common part for MaxPool and AveragePool: X of rank 3 to kMaxRank,
// the window attributes and ceil_mode (opset 10 on; 0 before). Sets the
// geometry and Y's shape (N, C, out...).
Status InferPoolWindow(const InferContext& ctx, WindowGeometry* geometry, Shape* y_shape);

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
