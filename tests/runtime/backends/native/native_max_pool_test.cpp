// The native MaxPool against ref: strides, pads (asymmetric), ceil_mode,
// dilation, odd sizes, batch 2, for every kernel level this host runs; the
// direct 3x3 stride-2 kernel over a grid of plane sizes, pads and ceil_mode.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/backends/native/kernels.h"
#include "runtime/core/thread_pool.h"
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

}  // namespace
}  // namespace edgebench::native::testing
