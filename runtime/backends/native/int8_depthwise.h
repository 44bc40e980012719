// The native depthwise QLinearConv (2-D, NCHW, one input channel per group,
// any channel multiplier, kernel, stride, dilation and pads) as a plan built
// once at infer: weights as int16 pairs w - w_zp (int8_depthwise_kernels.h),
// per-filter bias and requantization multiplier, and where each pair row goes.
//
// Run takes one channel at a time: its pair rows are packed into a slice of
// the scratch (one slice per concurrent task, so the channel stays in cache
// between the packing and its use), in "slots" of `lanes` lanes laid end to
// end, one such plane per column phase. A slot is chosen so that output row
// oh's pair a sits in slot oh * slot_step + a * a_step; then output (oh, ow)
// reads every tap at flat lane t = oh * slot_step * lanes + ow plus a fixed
// offset per pair, so the whole channel is one run of the kernel over t,
// narrow planes included (DS-CNN's 25x5 would fill a third of a vector per
// row). The lanes t that fall past a row's out_w are computed and dropped
// when the run's bytes are copied out (unpad). Strides 1 and 2 pack through
// padded uint8 copies in flat passes, small planes through gather tables
// (int8_depthwise_kernels.h). The pool splits the channels.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "runtime/backends/native/int8_conv_plan.h"
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
// The quantization inputs are the dense plan's (Int8ConvQuant, int8_conv_plan.h); W is filters x 1 x kh x kw.
using Int8DepthwiseQuant = Int8ConvQuant;

struct Int8DepthwisePlan {
  Int8DepthwiseParams p;
  const Int8DepthwiseKernels* kernels = nullptr;
  int64_t pairs = 0;        // ceil(kernel_h / 2) * kernel_w
  int64_t lanes = 0;        // lanes per slot: out_w + the widest tap's lane offset
  int64_t slot_step = 1;    // slots between output rows
  int64_t slots = 0;        // of the whole plane
  // Large planes go in bands of output rows whose pair planes stay in L1
  // (the band's slots are packed, run and unpadded before the next band's).
  int64_t band_rows = 0;
  int64_t band_extra_slots = 0;  // slots a band reads below its last row's first slot
  int64_t band_slots = 0;        // slots of a full band
  int64_t phase_stride = 0;  // int16 per phase plane: band_slots x lanes pairs, and slack
  int64_t run = 0;           // outputs of a full band's run: (band_rows - 1) * slot_step * lanes + out_w
  std::vector<int64_t> slot_row;     // per slot: the padded input row its pair starts at
  std::vector<int64_t> pair_offset;  // per pair: int16 offset of its phase, slot and lane from t = 0
  std::vector<int32_t> weights;      // [filter][pair]: (w', w' of the row below or 0) as int16 x 2
  std::vector<int32_t> bias;         // [filter]
  std::vector<float> multiplier;     // [filter]: x_scale * w_scale / y_scale, as ref computes it
  int32_t x_zp = 0;                  // as stored
  float y_zp = 0.0f, lo = 0.0f, hi = 0.0f;
  // Strides 1 and 2 (both axes): slot s is padded row s * stride_h, so the
  // pair rows are packed by the copy and pair kernels in flat passes over
  // padded uint8 copies (int8_depthwise_kernels.h) instead of row by row.
  // Stride_h 1 copies a band's rows and dilation_h more once (a slot's second row
  // is dilation_h copy rows below); stride_h 2 copies the slots' first rows
  // and their second rows (dilation_h further) apart.
  bool flat = false;
  int64_t copy_rows = 0;
  int64_t copy_phase_stride = 0;  // bytes per phase plane of one copy, with its slack
  bool second_copy = false;
  uint8_t x_zp_unsigned = 0;  // x's zero point in the copy (int8 X: + 128)
  // Small planes: the pair planes gathered straight from X (int8_depthwise_kernels.h);
  // empty when the kernels have no gather or a chunk's values span more than 64 bytes.
  std::vector<Int8DwGatherChunk> gather;
  std::vector<Int8DwUnpadChunk> unpad;  // likewise for the unpad: empty, row by row
  int64_t slices = 1;  // concurrent tasks, each with its own scratch slice
  // A slice: the phase planes, the run's bytes, the pair pointers, the copy.
  size_t slice_planes = 0, slice_run = 0, slice_taps = 0, slice_copy = 0, slice_bytes = 0;
  size_t scratch_total = 0;
};

// `threads`: the session's threads (the plan makes a few slices per thread).
Int8DepthwisePlan MakeInt8DepthwisePlan(const Int8DepthwiseParams& p, const Int8DepthwiseQuant& q,
                                        const Int8DepthwiseKernels& kernels, int threads);
void RunInt8Depthwise(const Int8DepthwisePlan& plan, const void* x, void* y, void* scratch, ThreadPool* pool);

}  // namespace edgebench::native
