// The FP32 Conv plans of the cross-built NEON driver (cross_check.h): dense,
// grouped and depthwise convolutions through MakeDenseConvPlan /
// MakeDepthwisePlan with the NEON table, against the same plans on the
// scalar table and against a direct loop, so that the packing for NEON's
// tile shape and the paths the plans pick for it are checked too.
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "runtime/backends/native/conv_plan.h"
#include "tests/cross/cross_check.h"

namespace edgebench::native {
namespace {

struct ConvCase {
  int64_t channels, filters, group, in_h, in_w, kernel, stride, pad, dilation;
  bool relu;
};

ConvParams ParamsOf(const ConvCase& c) {
  ConvParams p;
  p.batch = 2;
  p.channels = c.channels;
  p.in_h = c.in_h;
  p.in_w = c.in_w;
  p.filters = c.filters;
  p.group = c.group;
  p.kernel_h = p.kernel_w = c.kernel;
  for (int64_t& pad : p.pads) pad = c.pad;
  p.strides[0] = p.strides[1] = c.stride;
  p.dilations[0] = p.dilations[1] = c.dilation;
  const int64_t span = (c.kernel - 1) * c.dilation + 1;
  p.out_h = (c.in_h + 2 * c.pad - span) / c.stride + 1;
  p.out_w = (c.in_w + 2 * c.pad - span) / c.stride + 1;
  p.lo = c.relu ? 0.0f : -INFINITY;
  p.hi = INFINITY;
  return p;
}

// y and sum |w x| per output, in double.
void DirectConv(const ConvParams& p, const std::vector<float>& x, const std::vector<float>& w,
                const std::vector<float>& bias, std::vector<double>* y, std::vector<double>* scale) {
  const int64_t cin_g = p.channels / p.group, cout_g = p.filters / p.group;
  for (int64_t n = 0; n < p.batch; ++n) {
    for (int64_t m = 0; m < p.filters; ++m) {
      for (int64_t oh = 0; oh < p.out_h; ++oh) {
        for (int64_t ow = 0; ow < p.out_w; ++ow) {
          double s = bias[m], a = std::fabs(bias[m]);
          for (int64_t c = 0; c < cin_g; ++c) {
            for (int64_t kh = 0; kh < p.kernel_h; ++kh) {
              for (int64_t kw = 0; kw < p.kernel_w; ++kw) {
                const int64_t ih = oh * p.strides[0] - p.pads[0] + kh * p.dilations[0];
                const int64_t iw = ow * p.strides[1] - p.pads[1] + kw * p.dilations[1];
                if (ih < 0 || ih >= p.in_h || iw < 0 || iw >= p.in_w) continue;
                const double v = static_cast<double>(w[((m * cin_g + c) * p.kernel_h + kh) * p.kernel_w + kw]) *
                                 x[((n * p.channels + (m / cout_g) * cin_g + c) * p.in_h + ih) * p.in_w + iw];
                s += v;
                a += std::fabs(v);
              }
            }
          }
          y->push_back(std::min(std::max(s, static_cast<double>(p.lo)), static_cast<double>(p.hi)));
          scale->push_back(a);
        }
      }
    }
  }
}

std::vector<float> RunConv(const ConvParams& p, const NativeKernels& kernels, const std::vector<float>& x,
                           const std::vector<float>& w, const std::vector<float>& bias,
                           DenseTile tile = DenseTile::kCheapest) {
  std::vector<float> y(static_cast<size_t>(p.batch * p.filters * p.out_h * p.out_w));
  if (p.group == p.channels && p.filters == p.channels) {
    const DepthwisePlan plan = MakeDepthwisePlan(p, kernels, w.data(), bias.data(), 1);
    std::vector<uint8_t> scratch(plan.scratch_bytes());
    RunDepthwise(plan, x.data(), y.data(), scratch.data(), nullptr);
  } else {
    const DenseConvPlan plan = MakeDenseConvPlan(p, kernels, w.data(), bias.data(), tile);
    std::vector<uint8_t> scratch(plan.scratch_bytes());
    RunDenseConv(plan, x.data(), y.data(), scratch.data(), nullptr);
  }
  return y;
}

}  // namespace

void TestF32Conv(const NativeKernels& neon, const NativeKernels& ref, Group& vs_scalar, Group& vs_direct) {
  std::mt19937 rng(71);
  std::uniform_real_distribution<float> d(-1.0f, 1.0f);
  const ConvCase cases[] = {
      {3, 16, 1, 17, 19, 3, 2, 1, 1, true},   {16, 13, 1, 9, 9, 1, 1, 0, 1, false},  // first layer, 1x1 direct
      {8, 20, 1, 11, 7, 3, 1, 1, 1, true},    {12, 18, 3, 8, 10, 3, 1, 1, 1, false},  // 3x3, grouped
      {6, 7, 1, 12, 13, 5, 1, 2, 2, false},   {8, 8, 1, 7, 7, 3, 1, 1, 1, true},      // dilated 5x5, 7x7 plane
      {8, 8, 8, 20, 23, 3, 1, 1, 1, true},    {8, 8, 8, 9, 5, 3, 1, 1, 1, false},     // depthwise 3x3 s1
      {6, 6, 6, 21, 18, 3, 2, 1, 1, true},    {5, 5, 5, 11, 12, 5, 1, 2, 1, false},   // depthwise s2, 5x5
      {4, 4, 4, 16, 40, 3, 1, 0, 1, false}};
  for (const ConvCase& c : cases) {
    const ConvParams p = ParamsOf(c);
    std::vector<float> x(static_cast<size_t>(p.batch * p.channels * p.in_h * p.in_w));
    std::vector<float> w(static_cast<size_t>(p.filters * (p.channels / p.group) * p.kernel_h * p.kernel_w));
    std::vector<float> bias(static_cast<size_t>(p.filters));
    for (float& v : x) v = d(rng);
    for (float& v : w) v = d(rng);
    for (float& v : bias) v = d(rng);
    const std::vector<float> yn = RunConv(p, neon, x, w, bias);
    const std::vector<float> yr = RunConv(p, ref, x, w, bias);
    std::vector<double> yd, scale;
    DirectConv(p, x, w, bias, &yd, &scale);
    const std::string where = std::to_string(c.channels) + "->" + std::to_string(c.filters) + " g" +
                              std::to_string(c.group) + " " + std::to_string(c.in_h) + "x" + std::to_string(c.in_w) +
                              " k" + std::to_string(c.kernel) + " s" + std::to_string(c.stride);
    for (size_t i = 0; i < yn.size(); ++i) {
      vs_scalar.Check(yn[i], yr[i], scale[i], kTol, where);
      vs_direct.Check(yn[i], yd[i], scale[i], kTol, where);
    }
    ++vs_scalar.cases;
    ++vs_direct.cases;
    if (p.group != 1) continue;
    // The pixel tile (filters as vectors), forced: its cost rule keeps it off
    // these small sums.
    const std::vector<float> yp = RunConv(p, neon, x, w, bias, DenseTile::kPixel);
    for (size_t i = 0; i < yp.size(); ++i) {
      vs_scalar.Check(yp[i], yr[i], scale[i], kTol, where + " pixel tile");
      vs_direct.Check(yp[i], yd[i], scale[i], kTol, where + " pixel tile");
    }
    ++vs_scalar.cases;
    ++vs_direct.cases;
  }
}

}  // namespace edgebench::native
