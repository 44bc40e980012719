// The dense Conv in NHWC (the layout pass's NhwcFusedConv,
// runtime/passes/nhwc_layout.h) on the pixel tile. With channels innermost
// the taps of one kernel position are one contiguous run of x (the tile's
// broadcasts walk memory in order), any stride is a pixel offset (no phase
// split), and a pixel's filters are one contiguous run of y and Z.
#include <algorithm>
#include <cstring>

#include "runtime/backends/native/conv_plan.h"

namespace edgebench::native {
namespace {

bool HasPads(const ConvParams& p) {
  return std::any_of(std::begin(p.pads), std::end(p.pads), [](int64_t pad) { return pad != 0; });
}

// One image of x (in_h x in_w x C) into the middle of its zero-padded copy.
void FillPadded(const DenseConvPlan& plan, const float* x, float* dst, ThreadPool* pool) {
  const ConvParams& p = plan.p;
  const int64_t row = plan.nhwc_w * p.channels;
  ParallelFor(pool, plan.nhwc_h, static_cast<double>(row), [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      float* out = dst + r * row;
      const int64_t ih = r - p.pads[0];
      if (ih < 0 || ih >= p.in_h) {
        std::fill(out, out + row, 0.0f);
        continue;
      }
      const int64_t left = p.pads[1] * p.channels;
      const int64_t middle = p.in_w * p.channels;
      std::fill(out, out + left, 0.0f);
      std::memcpy(out + left, x + ih * middle, sizeof(float) * static_cast<size_t>(middle));
      std::fill(out + left + middle, out + row, 0.0f);
    }
  });
}

}  // namespace

DenseConvPlan MakeNhwcConvPlan(const ConvParams& p, const NativeKernels& kernels, const float* w, const float* bias) {
  DenseConvPlan plan;
  plan.p = p;
  plan.kernels = &kernels;
  plan.nhwc = true;
  plan.pixel_tiles = true;
  plan.direct = !HasPads(p);
  plan.nhwc_h = p.in_h + p.pads[0] + p.pads[2];
  plan.nhwc_w = p.in_w + p.pads[1] + p.pads[3];
  const int64_t nf = kernels.pixel_tile.nf;
  const int64_t c = p.channels;
  plan.k = p.kernel_h * p.kernel_w * c;
  plan.blocks_per_group = (p.filters + nf - 1) / nf;

  // Tap t = (kh * kernel_w + kw) * C + ci reads the padded copy at
  // (kh * dh * nhwc_w + kw * dw) * C + ci from its output pixel's corner.
  plan.offsets.resize(static_cast<size_t>(plan.k));
  for (int64_t kh = 0; kh < p.kernel_h; ++kh) {
    for (int64_t kw = 0; kw < p.kernel_w; ++kw) {
      for (int64_t ci = 0; ci < c; ++ci) {
        plan.offsets[(kh * p.kernel_w + kw) * c + ci] =
            (kh * p.dilations[0] * plan.nhwc_w + kw * p.dilations[1]) * c + ci;
      }
    }
  }
  plan.pixels.reserve(static_cast<size_t>(p.out_h * p.out_w));
  for (int64_t oh = 0; oh < p.out_h; ++oh) {
    for (int64_t ow = 0; ow < p.out_w; ++ow) {
      plan.pixels.push_back((oh * p.strides[0] * plan.nhwc_w + ow * p.strides[1]) * c);
    }
  }

  // Panels in the tap order above: block b holds filters b * NF + r at [t][r].
  plan.packed_w.assign(static_cast<size_t>(plan.blocks_per_group * plan.k * nf), 0.0f);
  plan.packed_bias.assign(static_cast<size_t>(plan.blocks_per_group * nf), 0.0f);
  const int64_t taps = p.kernel_h * p.kernel_w;
  for (int64_t m = 0; m < p.filters; ++m) {
    float* panel = plan.packed_w.data() + (m / nf) * plan.k * nf + m % nf;
    for (int64_t ci = 0; ci < c; ++ci) {
      for (int64_t tap = 0; tap < taps; ++tap) panel[(tap * c + ci) * nf] = w[(m * c + ci) * taps + tap];
    }
    if (bias) plan.packed_bias[static_cast<size_t>(m)] = bias[m];
  }
  return plan;
}

void RunNhwcConv(const DenseConvPlan& plan, const float* x, float* y, void* scratch, ThreadPool* pool,
                 const float* z) {
  const ConvParams& p = plan.p;
  const int64_t in_image = p.in_h * p.in_w * p.channels;
  const int64_t out_image = p.out_h * p.out_w * p.filters;
  auto* copy = static_cast<float*>(scratch);
  for (int64_t n = 0; n < p.batch; ++n) {
    const float* xn = x + n * in_image;
    if (!plan.direct) FillPadded(plan, xn, copy, pool);
    RunPixelTiles(plan, plan.direct ? xn : copy, y + n * out_image, z ? z + n * out_image : nullptr, pool);
  }
}

}  // namespace edgebench::native
