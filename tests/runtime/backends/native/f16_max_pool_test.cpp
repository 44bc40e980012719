// The native float16 MaxPool against ref's float16 adapter: the max of halves
// is a half, so both give the same bits (the shared tolerance is met with 0).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/runtime/backends/native/f16_op_runner.h"

namespace edgebench::native::testing {
namespace {

struct PoolCase {
  int64_t channels, h, w, kernel, stride;
  std::vector<int64_t> pads;
  int64_t ceil_mode;
};

TEST(F16MaxPoolTest, MatchesRefOnEveryLevel) {
  const std::vector<PoolCase> cases = {
      {64, 112, 112, 3, 2, {1, 1, 1, 1}, 0},  // ResNet-18's stem
      {5, 13, 17, 3, 1, {1, 1, 1, 1}, 0},
      {3, 14, 15, 2, 2, {0, 0, 0, 0}, 1},
      {7, 9, 10, 3, 2, {0, 1, 2, 0}, 1},
  };
  auto pool = MakePool(3);
  for (native::Isa isa : HostIsas()) {
    uint32_t seed = 3;
    for (const PoolCase& p : cases) {
      NodeCase c;
      c.node.name = "pool";
      c.node.op_type = "MaxPool";
      c.node.inputs = {0};
      c.node.outputs = {1};
      c.node.attributes.Set("kernel_shape", Ints({p.kernel, p.kernel}));
      c.node.attributes.Set("strides", Ints({p.stride, p.stride}));
      c.node.attributes.Set("pads", Ints(p.pads));
      c.node.attributes.Set("ceil_mode", Int(p.ceil_mode));
      c.inputs = {RandomTensor({1, p.channels, p.h, p.w}, seed++)};
      c.known = {false};
      const std::string label = "MaxPool C" + std::to_string(p.channels) + " " + std::to_string(p.h) + "x" +
                                std::to_string(p.w) + " k" + std::to_string(p.kernel) + " s" + std::to_string(p.stride);
      ExpectF16MatchesRef(c, isa, label);
      ExpectF16MatchesRef(c, isa, label + " 3 threads", 3, pool.get());
    }
  }
}

}  // namespace
}  // namespace edgebench::native::testing
