// The native AveragePool against ref: count_include_pad both ways, symmetric
// and asymmetric pads, ceil_mode (windows past the end pad), dilation,
// strides, DS-CNN's whole-plane window, batch 2, on every host level (the op
// itself is not per-ISA; the loop keeps the level of Find honest).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/core/thread_pool.h"
#include "tests/runtime/backends/native/op_runner.h"

namespace edgebench::native::testing {
namespace {

struct AvgCase {
  Shape x;
  int64_t kh, kw, stride, dilation;
  std::vector<int64_t> pads;
  int64_t ceil_mode;
};

NodeCase MakeAveragePool(const AvgCase& c, int64_t include_pad, uint32_t seed) {
  NodeCase n;
  n.node.name = "avgpool";
  n.node.op_type = "AveragePool";
  n.node.inputs = {0};
  n.node.outputs = {1};
  n.node.attributes.Set("kernel_shape", Ints({c.kh, c.kw}));
  n.node.attributes.Set("strides", Ints({c.stride, c.stride}));
  if (c.dilation != 1) n.node.attributes.Set("dilations", Ints({c.dilation, c.dilation}));
  n.node.attributes.Set("pads", Ints(c.pads));
  n.node.attributes.Set("ceil_mode", Int(c.ceil_mode));
  n.node.attributes.Set("count_include_pad", Int(include_pad));
  n.inputs.push_back(RandomTensor(c.x, seed));
  n.known = {false};
  return n;
}

std::string Label(const AvgCase& c, int64_t include_pad) {
  std::string s = "AveragePool X" + ShapeToString(c.x) + " k" + std::to_string(c.kh) + "x" + std::to_string(c.kw) +
                  " s" + std::to_string(c.stride) + " d" + std::to_string(c.dilation) + " pads";
  for (int64_t p : c.pads) s += " " + std::to_string(p);
  return s + " ceil" + std::to_string(c.ceil_mode) + " include_pad" + std::to_string(include_pad);
}

TEST(NativeAveragePoolTest, MatchesRefOnEveryLevel) {
  const std::vector<AvgCase> cases = {
      {{1, 64, 25, 5}, 25, 5, 1, 1, {0, 0, 0, 0}, 0},  // DS-CNN's pool: the whole plane
      {{1, 5, 17, 19}, 3, 3, 2, 1, {1, 1, 1, 1}, 0},
      {{1, 3, 18, 18}, 3, 3, 2, 1, {0, 0, 0, 0}, 1},   // ceil_mode, no pads
      {{1, 3, 16, 15}, 3, 3, 2, 1, {1, 1, 1, 1}, 1},   // ceil_mode past the end pad
      {{2, 4, 9, 11}, 2, 2, 2, 1, {0, 0, 0, 0}, 0},
      {{1, 6, 13, 12}, 3, 3, 1, 1, {1, 0, 2, 1}, 0},   // asymmetric pads
      {{1, 2, 15, 16}, 3, 3, 2, 2, {2, 2, 2, 2}, 1},   // dilation
      {{1, 7, 1, 1}, 1, 1, 1, 1, {0, 0, 0, 0}, 0},
      {{1, 3, 5, 7}, 5, 3, 3, 1, {2, 1, 2, 1}, 1},
  };
  for (native::Isa isa : HostIsas()) {
    uint32_t seed = 1;
    for (const AvgCase& c : cases) {
      for (int64_t include_pad : {0, 1}) {
        ExpectMatchesRef(MakeAveragePool(c, include_pad, seed++), isa, Label(c, include_pad));
      }
    }
  }
}

// Two threads split the planes (each with its own row buffer).
TEST(NativeAveragePoolTest, TwoThreadsMatchRef) {
  ThreadPoolOptions options;
  options.threads = 2;
  auto pool = ThreadPool::Create(options);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  const AvgCase c{{2, 32, 28, 28}, 3, 3, 1, 1, {1, 1, 1, 1}, 0};
  ExpectMatchesRef(MakeAveragePool(c, 1, 3), HostIsas().back(), Label(c, 1), 2, pool->get());
}

}  // namespace
}  // namespace edgebench::native::testing
