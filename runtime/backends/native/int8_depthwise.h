// The native depthwise QLinearConv (2-D, NCHW, one input channel per group,
// any channel multiplier, kernel, stride, dilation and pads) as a plan built
// once at infer: weights as int16 pairs w - w_zp (int8_depthwise_kernels.h),
// per-filter bias and requantization multiplier, and which pair rows each
// output row reads. Run takes one channel at a time: its pair rows are packed
// into a slice of the scratch (one slice per concurrent task, so a channel
// stays in L2 between the packing and the rows that read it), then each of
// its filters runs the row kernel over every output row. The pool splits the
// channels.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "runtime/backends/native/int8_depthwise_kernels.h"
#include "runtime/core/thread_pool.h"

namespace edgebench::native {

struct Int8DepthwiseParams {
  int64_t batch = 0, channels = 0, filters = 0, in_h = 0, in_w = 0, out_h = 0, out_w = 0;
  int64_t kernel_h = 0, kernel_w = 0;
  int64_t pad_top = 0, pad_left = 0;
  int64_t strides[2] = {1, 1};
  int64_t dilations[2] = {1, 1};
  bool x_signed = false;
  bool y_signed = false;
};

// The quantization parameters, as read from the node's constants.
struct Int8DepthwiseQuant {
  int32_t x_zp = 0;  // as stored
  float x_scale = 1.0f, y_scale = 1.0f;
  int32_t y_zp = 0;
  std::vector<float> w_scale;  // 1 or filters
  std::vector<int32_t> w_zp;   // 1 or filters, as stored; empty: 0
  bool w_signed = true;
  const void* w = nullptr;        // filters x 1 x kh x kw
  const int32_t* bias = nullptr;  // filters, or null
};

struct Int8DepthwisePlan {
  Int8DepthwiseParams p;
  const Int8DepthwiseKernels* kernels = nullptr;
  int64_t pairs = 0;        // ceil(kernel_h / 2) * kernel_w
  int64_t padded_h = 0;     // pair rows a channel has room for (one per padded input row)
  int64_t lanes = 0;        // lanes per phase of a pair row
  int64_t row_ints = 0;     // int16 per pair row: stride_w phases x lanes x 2
  std::vector<int64_t> packed_rows;  // padded rows that start a pair some output row reads
  std::vector<int64_t> pair_row;     // per pair: its first row below the output row's top (2a * dilation_h)
  std::vector<int64_t> pair_offset;  // per pair: int16 offset of its phase and first lane in a pair row
  std::vector<int32_t> weights;      // [filter][pair]: (w', w' of the row below or 0) as int16 x 2
  std::vector<int32_t> bias;         // [filter]
  std::vector<float> multiplier;     // [filter]: x_scale * w_scale / y_scale, as ref computes it
  int32_t x_zp = 0;  // as stored
  float y_zp = 0.0f, lo = 0.0f, hi = 0.0f;
  int64_t slices = 1;       // concurrent tasks, each with its own scratch slice
  size_t slice_bytes = 0;   // pair rows, then the pair pointers of one output row
  size_t scratch_total = 0;
};

// `threads`: the session's threads (the plan makes a few slices per thread).
Int8DepthwisePlan MakeInt8DepthwisePlan(const Int8DepthwiseParams& p, const Int8DepthwiseQuant& q,
                                        const Int8DepthwiseKernels& kernels, int threads);
void RunInt8Depthwise(const Int8DepthwisePlan& plan, const void* x, void* y, void* scratch, ThreadPool* pool);

}  // namespace edgebench::native
