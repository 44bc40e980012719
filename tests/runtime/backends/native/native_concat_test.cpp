// The native Concat against ref: NCHW axis 1 (batch 1 and 2), axis 0, the
// last axis, a negative axis, an input empty along the axis; and on two
// threads, which split the output bytes across block boundaries.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/core/thread_pool.h"
#include "tests/runtime/backends/native/op_runner.h"

namespace edgebench::native::testing {
namespace {

NodeCase MakeConcat(const std::vector<Shape>& shapes, int64_t axis, uint32_t seed) {
  NodeCase n;
  n.node.name = "concat";
  n.node.op_type = "Concat";
  for (size_t i = 0; i < shapes.size(); ++i) {
    n.node.inputs.push_back(static_cast<int>(i));
    n.inputs.push_back(RandomTensor(shapes[i], seed + static_cast<uint32_t>(i)));
    n.known.push_back(false);
  }
  n.node.outputs = {static_cast<int>(shapes.size())};
  n.node.attributes.Set("axis", Int(axis));
  return n;
}

TEST(NativeConcatTest, MatchesRefOnEveryLevel) {
  struct Case {
    std::vector<Shape> shapes;
    int64_t axis;
  };
  const std::vector<Case> cases = {
      {{{1, 64, 13, 13}, {1, 64, 13, 13}}, 1},  // SqueezeNet's fire expand
      {{{2, 3, 5, 7}, {2, 5, 5, 7}, {2, 1, 5, 7}}, 1},
      {{{2, 3, 4}, {1, 3, 4}}, 0},
      {{{2, 3, 4}, {2, 3, 1}}, 2},
      {{{2, 3, 4}, {2, 3, 5}}, -1},
      {{{1, 4, 3, 3}, {1, 0, 3, 3}, {1, 2, 3, 3}}, 1},
  };
  for (native::Isa isa : HostIsas()) {
    uint32_t seed = 1;
    for (const Case& c : cases) {
      std::string label = "Concat axis " + std::to_string(c.axis);
      for (const Shape& s : c.shapes) label += " " + ShapeToString(s);
      ExpectMatchesRef(MakeConcat(c.shapes, c.axis, seed += 4), isa, label);
    }
  }
}

TEST(NativeConcatTest, TwoThreadsMatchRef) {
  ThreadPoolOptions options;
  options.threads = 2;
  auto pool = ThreadPool::Create(options);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  // Large enough to be split (SqueezeNet's first fire expand), and with a
  // batch of 3 and an odd-sized middle input, splits that fall inside blocks.
  const std::vector<std::vector<Shape>> cases = {
      {{1, 64, 55, 55}, {1, 64, 55, 55}},
      {{3, 7, 61, 67}, {3, 0, 61, 67}, {3, 13, 61, 67}, {3, 1, 61, 67}},
  };
  uint32_t seed = 50;
  for (const std::vector<Shape>& shapes : cases) {
    ExpectMatchesRef(MakeConcat(shapes, 1, seed += 4), HostIsas().back(), "Concat on 2 threads", 2, pool->get());
  }
}

}  // namespace
}  // namespace edgebench::native::testing
