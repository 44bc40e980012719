// The native MaxPool against ref: strides, pads (asymmetric), ceil_mode,
// dilation, odd sizes, batch 2, for every kernel level this host runs; the
// direct 3x3 stride-2 kernel over a grid of plane sizes, pads and ceil_mode.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "runtime/backends/native/kernels.h"
#include "runtime/core/thread_pool.h"
#include "tests/cross/cross_check.h"
#include "tests/runtime/backends/native/op_runner.h"

namespace edgebench::native::testing {
namespace {

struct PoolCase {
  Shape x;
  int64_t kernel, stride, dilation;
  std::vector<int64_t> pads;
  int64_t ceil_mode;
};

NodeCase MakePoolCase(const PoolCase& c, uint32_t seed) {
  NodeCase n;
  n.node.name = "pool";
  n.node.op_type = "MaxPool";
  n.node.inputs = {0};
  n.node.outputs = {1};
  n.node.attributes.Set("kernel_shape", Ints({c.kernel, c.kernel}));
  n.node.attributes.Set("strides", Ints({c.stride, c.stride}));
  n.node.attributes.Set("dilations", Ints({c.dilation, c.dilation}));
  n.node.attributes.Set("pads", Ints(c.pads));
  n.node.attributes.Set("ceil_mode", Int(c.ceil_mode));
  n.inputs.push_back(RandomTensor(c.x, seed));
  n.known = {false};
  return n;
}

std::string PoolLabel(const PoolCase& c) {
  std::string pads;
  for (int64_t p : c.pads) pads += std::to_string(p);
  return "MaxPool X" + ShapeToString(c.x) + " k" + std::to_string(c.kernel) + " s" + std::to_string(c.stride) + " d" +
         std::to_string(c.dilation) + " pads" + pads + " ceil" + std::to_string(c.ceil_mode);
}

TEST(NativeMaxPoolTest, MatchesRefOnEveryLevel) {
  const std::vector<PoolCase> cases = {
      {{1, 5, 17, 19}, 3, 2, 1, {1, 1, 1, 1}, 0},  // ResNet's stem pool
      {{1, 3, 18, 18}, 3, 2, 1, {0, 0, 0, 0}, 1},  // SqueezeNet's, ceil_mode
      {{2, 4, 9, 11}, 2, 2, 1, {0, 0, 0, 0}, 0},
      {{1, 6, 13, 12}, 3, 1, 1, {1, 0, 2, 1}, 0},
      {{1, 2, 15, 16}, 3, 2, 2, {2, 2, 2, 2}, 1},
      {{1, 33, 7, 7}, 7, 1, 1, {0, 0, 0, 0}, 0},
  };
  for (native::Isa isa : HostIsas()) {
    uint32_t seed = 1;
    for (const PoolCase& c : cases) ExpectMatchesRef(MakePoolCase(c, seed++), isa, PoolLabel(c));
  }
}

// The direct 3x3 stride-2 kernel (max_pool_3x3s2) on every level that has
// one: odd and even plane sizes 1..33 (heights and widths paired off so each
// size meets several others), symmetric and asymmetric pads 0/1, ceil_mode
// 0/1, 1/3/17 channels, then SqueezeNet's and ResNet's planes and wide rows
// that take the unmasked passes; two threads.
TEST(NativeMaxPoolTest, Direct3x3S2MatchesRefOnEveryLevel) {
  ThreadPoolOptions options;
  options.threads = 2;
  auto pool = ThreadPool::Create(options);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  const std::vector<std::vector<int64_t>> pads = {{0, 0, 0, 0}, {1, 1, 1, 1}, {1, 0, 0, 1}, {0, 1, 1, 0}};
  const int64_t channels[] = {1, 3, 17};
  std::vector<PoolCase> cases;
  for (int64_t h = 1; h <= 33; ++h) {
    for (int64_t w : {h, 34 - h, (h * 7) % 33 + 1}) {
      for (size_t p = 0; p < pads.size(); ++p) {
        for (int64_t ceil_mode : {0, 1}) {
          // The window must fit the padded plane once (ref rejects an empty output).
          if (h + pads[p][0] + pads[p][2] < 3 || w + pads[p][1] + pads[p][3] < 3) continue;
          const int64_t c = channels[(h + w + p) % 3];
          cases.push_back({{1, c, h, w}, 3, 2, 1, pads[p], ceil_mode});
        }
      }
    }
  }
  cases.push_back({{1, 17, 111, 111}, 3, 2, 1, {0, 0, 0, 0}, 1});  // SqueezeNet features.2
  cases.push_back({{1, 3, 55, 55}, 3, 2, 1, {0, 0, 0, 0}, 1});
  cases.push_back({{1, 3, 27, 27}, 3, 2, 1, {0, 0, 0, 0}, 1});
  cases.push_back({{2, 3, 112, 112}, 3, 2, 1, {1, 1, 1, 1}, 0});  // ResNet's stem pool, batch 2
  cases.push_back({{1, 3, 9, 130}, 3, 2, 1, {0, 1, 1, 0}, 1});
  cases.push_back({{1, 3, 10, 97}, 3, 2, 1, {1, 0, 0, 1}, 0});
  cases.push_back({{1, 3, 6, 66}, 3, 2, 1, {0, 0, 0, 0}, 0});
  for (native::Isa isa : HostIsas()) {
    if (!KernelsFor(isa).max_pool_3x3s2) continue;
    uint32_t seed = 100;
    for (const PoolCase& c : cases) ExpectMatchesRef(MakePoolCase(c, seed++), isa, PoolLabel(c), 2, pool->get());
  }
}

// MaxPool3x3Args' definition as a direct loop.
float DirectMax(const MaxPool3x3Args& a, const float* x, int64_t oh, int64_t ow) {
  float m = -std::numeric_limits<float>::infinity();
  for (int64_t kh = 0; kh < 3; ++kh) {
    for (int64_t kw = 0; kw < 3; ++kw) {
      const int64_t ih = 2 * oh - a.pad_top + kh, iw = 2 * ow - a.pad_left + kw;
      if (ih >= 0 && ih < a.in_h && iw >= 0 && iw < a.in_w) m = std::max(m, x[ih * a.in_w + iw]);
    }
  }
  return m;
}

// The kernel on its own, with the plane against a PROT_NONE page after it,
// then before it (tests/cross/cross_check.h), so a load past the plane
// faults: every pad combination per side, floor and ceil output sizes,
// widths around the levels' register and pass widths. Exact.
TEST(NativeMaxPoolTest, Direct3x3S2ReadsOnlyItsPlane) {
  auto out_size = [](int64_t in, int64_t begin, int64_t end, bool ceil_mode) {
    const int64_t span = in + begin + end - 3;
    int64_t out = (ceil_mode ? (span + 1) / 2 : span / 2) + 1;
    if (ceil_mode && (out - 1) * 2 >= in + begin) --out;
    return out;
  };
  for (native::Isa isa : HostIsas()) {
    const auto kernel = KernelsFor(isa).max_pool_3x3s2;
    if (!kernel) continue;
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
    for (int64_t in_h : {1, 2, 3, 5, 8, 11}) {
      for (int64_t in_w : {1, 2, 3, 4, 5, 8, 9, 15, 16, 17, 31, 32, 33, 34, 35, 63, 65, 66, 67}) {
        for (int pads = 0; pads < 16; ++pads) {  // bits: top, left, bottom, right
          const int64_t top = pads & 1, left = (pads >> 1) & 1, bottom = (pads >> 2) & 1, right = (pads >> 3) & 1;
          if (in_h + top + bottom < 3 || in_w + left + right < 3) continue;
          for (bool ceil_mode : {false, true}) {
            for (bool at_start : {false, true}) {
              MaxPool3x3Args a;
              a.in_h = in_h;
              a.in_w = in_w;
              a.out_h = out_size(in_h, top, bottom, ceil_mode);
              a.out_w = out_size(in_w, left, right, ceil_mode);
              a.pad_top = top;
              a.pad_left = left;
              Guarded<float> x(static_cast<size_t>(in_h * in_w), at_start);
              for (int64_t i = 0; i < in_h * in_w; ++i) x[i] = uniform(rng);
              Guarded<float> y(static_cast<size_t>(a.out_h * a.out_w), at_start);
              a.x = x.data();
              a.y = y.data();
              kernel(a);
              int failures = 0;
              for (int64_t oh = 0; oh < a.out_h; ++oh) {
                for (int64_t ow = 0; ow < a.out_w && failures < 3; ++ow) {
                  const float want = DirectMax(a, x.data(), oh, ow);
                  if (y[oh * a.out_w + ow] != want) {
                    ADD_FAILURE() << IsaName(isa) << " " << in_h << "x" << in_w << " pads " << pads << " ceil "
                                  << ceil_mode << " y[" << oh << ", " << ow << "] = " << y[oh * a.out_w + ow]
                                  << ", want " << want;
                    ++failures;
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace edgebench::native::testing
