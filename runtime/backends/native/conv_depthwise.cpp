#include <algorithm>

#include "runtime/backends/native/conv_plan.h"

namespace edgebench::native {

namespace {

// Planes narrower than 16 columns stay off the direct 3x3 s1 kernel: its row
// passes would be mostly masked edges (avx512 here, best of 200: 64@25x5 12
// us on the phase path vs 16 us direct; 144@56x56 193 -> 120 us, 32@112x112
// 168 -> 97 us direct). Those whose rows keep their width ("same" column
// pads) run flat, several planes per call, up to the level's
// depthwise_flat_below (64@25x5 12 -> 2.8 us).
DepthwisePath ChooseDepthwisePath(const ConvParams& p, const NativeKernels& k) {
  const bool is_3x3 = p.kernel_h == 3 && p.kernel_w == 3 && p.dilations[0] == 1 && p.dilations[1] == 1;
  if (!is_3x3) return DepthwisePath::kPhase;
  if (p.strides[0] == 1 && p.strides[1] == 1) {
    const bool flat = k.depthwise_3x3s1_flat && p.out_w == p.in_w;
    if (flat && p.out_w < k.depthwise_flat_below) return DepthwisePath::kFlat3x3S1;
    if (k.depthwise_3x3s1 && p.out_w >= 16) return DepthwisePath::kDirect3x3S1;
    return flat ? DepthwisePath::kFlat3x3S1 : DepthwisePath::kPhase;
  }
  if (p.strides[0] == 2 && p.strides[1] == 2 && k.depthwise_3x3s2) return DepthwisePath::kDirect3x3S2;
  return DepthwisePath::kPhase;
}

}  // namespace

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
  plan.path = ChooseDepthwisePath(p, kernels);
  return plan;
}

namespace {

// Every (image, channel) plane on its own, straight from X with the 3x3
// stride-1 or stride-2 kernel; planes are split over the pool.
void RunDepthwiseDirect(const DepthwisePlan& plan, const float* x, float* y, ThreadPool* pool) {
  const ConvParams& p = plan.p;
  const int64_t in_plane = p.in_h * p.in_w;
  const int64_t out_plane = p.out_h * p.out_w;
  const int64_t planes = p.batch * p.channels;
  auto* kernel = plan.path == DepthwisePath::kDirect3x3S1 ? plan.kernels->depthwise_3x3s1
                                                           : plan.kernels->depthwise_3x3s2;
  ParallelFor(pool, planes, 18.0 * static_cast<double>(out_plane), [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) {
      const int64_t c = i % p.channels;
      Depthwise3x3Args a;
      a.x = x + i * in_plane;
      a.in_h = p.in_h;
      a.in_w = p.in_w;
      a.w = plan.w.data() + c * 9;
      a.y = y + i * out_plane;
      a.out_h = p.out_h;
      a.out_w = p.out_w;
      a.pad_top = p.pads[0];
      a.pad_left = p.pads[1];
      a.bias = plan.bias[c];
      a.lo = p.lo;
      a.hi = p.hi;
      kernel(a);
    }
  });
}

// Narrow planes whose rows keep their width, as flat runs: each range of
// planes from the pool is cut at image boundaries, where the weights restart.
void RunDepthwiseFlat(const DepthwisePlan& plan, const float* x, float* y, ThreadPool* pool) {
  const ConvParams& p = plan.p;
  const int64_t in_plane = p.in_h * p.in_w;
  const int64_t out_plane = p.out_h * p.out_w;
  ParallelFor(pool, p.batch * p.channels, 18.0 * static_cast<double>(out_plane), [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e;) {
      const int64_t c = i % p.channels;
      const int64_t planes = std::min(e - i, p.channels - c);
      DepthwiseFlatArgs a;
      a.planes = planes;
      a.x = x + i * in_plane;
      a.in_h = p.in_h;
      a.width = p.in_w;
      a.w = plan.w.data() + c * 9;
      a.bias = plan.bias.data() + c;
      a.y = y + i * out_plane;
      a.out_h = p.out_h;
      a.pad_top = p.pads[0];
      a.pad_left = p.pads[1];
      a.lo = p.lo;
      a.hi = p.hi;
      plan.kernels->depthwise_3x3s1_flat(a);
      i += planes;
    }
  });
}

}  // namespace

void RunDepthwise(const DepthwisePlan& plan, const float* x, float* y, void* scratch, ThreadPool* pool) {
  switch (plan.path) {
    case DepthwisePath::kDirect3x3S1:
    case DepthwisePath::kDirect3x3S2:
      RunDepthwiseDirect(plan, x, y, pool);
      return;
    case DepthwisePath::kFlat3x3S1:
      RunDepthwiseFlat(plan, x, y, pool);
      return;
    case DepthwisePath::kPhase:
      break;
  }
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
