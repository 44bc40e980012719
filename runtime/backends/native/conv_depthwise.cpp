#include <algorithm>

#include "runtime/backends/native/conv_plan.h"

namespace edgebench::native {

DepthwisePlan MakeDepthwisePlan(const ConvParams& p, const NativeKernels& kernels, const float* w, const float* bias,
                                int threads) {
  DepthwisePlan plan;
  plan.p = p;
  plan.kernels = &kernels;
  plan.taps = p.kernel_h * p.kernel_w;
  plan.w.assign(w, w + p.channels * plan.taps);
  plan.bias.assign(static_cast<size_t>(p.channels), 0.0f);
  if (bias) std::copy(bias, bias + p.channels, plan.bias.begin());
  plan.layout = MakePhaseLayout(1, p.in_h, p.in_w, p.pads, p.strides, p.dilations, p.out_h, p.out_w);
  for (int64_t kh = 0; kh < p.kernel_h; ++kh) {
    for (int64_t kw = 0; kw < p.kernel_w; ++kw) plan.offsets.push_back(plan.layout.TapOffset(0, kh, kw));
  }
  plan.slots = static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(threads, p.channels)));
  return plan;
}

void RunDepthwise(const DepthwisePlan& plan, const float* x, float* y, void* scratch, ThreadPool* pool) {
  const ConvParams& p = plan.p;
  const PhaseLayout& l = plan.layout;
  const int64_t in_plane = p.in_h * p.in_w;
  const int64_t out_plane = p.out_h * p.out_w;
  // Each slot owns one scratch area and a contiguous range of channels; a
  // pool with more threads than the plan was sized for uses only `slots`.
  const int64_t slots = std::min<int64_t>(plan.slots, NumThreads(pool));
  const double work_per_slot = 2.0 * static_cast<double>(plan.taps * l.wide_outputs() * p.channels) / slots;
  for (int64_t n = 0; n < p.batch; ++n) {
    const float* xn = x + n * p.channels * in_plane;
    float* yn = y + n * p.channels * out_plane;
    ParallelFor(pool, slots, work_per_slot, [&](int64_t s0, int64_t s1) {
      for (int64_t s = s0; s < s1; ++s) {
        float* copy = static_cast<float*>(scratch) + s * plan.slot_floats();
        float* wide = copy + l.floats();
        ZeroSlack(l, copy);
        const int64_t c_begin = p.channels * s / slots;
        const int64_t c_end = p.channels * (s + 1) / slots;
        for (int64_t c = c_begin; c < c_end; ++c) {
          FillPhases(l, xn + c * in_plane, 0, 1, copy, /*pads_ready=*/c > c_begin);
          DepthwiseArgs a;
          a.taps = plan.taps;
          a.w = plan.w.data() + c * plan.taps;
          a.x = copy;
          a.offsets = plan.offsets.data();
          a.n = l.wide_outputs();
          a.y = l.wide() ? wide : yn + c * out_plane;
          a.bias = plan.bias[c];
          a.lo = p.lo;
          a.hi = p.hi;
          plan.kernels->depthwise(a);
          if (l.wide()) CompactWideRows(wide, 0, a.n, l.wq, p.out_w, yn + c * out_plane);
        }
      }
    });
  }
}

}  // namespace edgebench::native
