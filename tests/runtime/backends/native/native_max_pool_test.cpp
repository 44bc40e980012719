// The native MaxPool against ref: strides, pads (asymmetric), ceil_mode,
// dilation, odd sizes, batch 2, for every kernel level this host runs.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/runtime/backends/native/op_runner.h"

namespace edgebench::native::testing {
namespace {

struct PoolCase {
  Shape x;
  int64_t kernel, stride, dilation;
  std::vector<int64_t> pads;
  int64_t ceil_mode;
};

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
    for (const PoolCase& c : cases) {
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
      n.inputs.push_back(RandomTensor(c.x, seed++));
      n.known = {false};
      ExpectMatchesRef(n, isa, "MaxPool X" + ShapeToString(c.x) + " k" + std::to_string(c.kernel) + " s" +
                                   std::to_string(c.stride) + " d" + std::to_string(c.dilation) + " ceil" +
                                   std::to_string(c.ceil_mode));
    }
  }
}

}  // namespace
}  // namespace edgebench::native::testing
