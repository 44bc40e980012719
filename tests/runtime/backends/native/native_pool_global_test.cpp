// The native GlobalAveragePool and GlobalMaxPool against ref: planes shorter
// and longer than the eight partial results, rank 3 and 4, batch 2, threads.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/core/thread_pool.h"
#include "tests/runtime/backends/native/op_runner.h"

namespace edgebench::native::testing {
namespace {

NodeCase MakeGlobalPool(const std::string& op, const Shape& x, uint32_t seed) {
  NodeCase n;
  n.node.name = "global";
  n.node.op_type = op;
  n.node.inputs = {0};
  n.node.outputs = {1};
  n.inputs.push_back(RandomTensor(x, seed));
  n.known = {false};
  return n;
}

TEST(NativeGlobalPoolTest, MatchesRefOnEveryLevel) {
  const std::vector<Shape> shapes = {{1, 3, 1, 1}, {1, 5, 2, 3}, {2, 17, 7, 7}, {1, 64, 25, 5},
                                     {1, 33, 56, 56}, {2, 4, 13}};
  for (native::Isa isa : HostIsas()) {
    uint32_t seed = 1;
    for (const std::string op : {"GlobalAveragePool", "GlobalMaxPool"}) {
      for (const Shape& x : shapes) ExpectMatchesRef(MakeGlobalPool(op, x, seed++), isa, op + " X" + ShapeToString(x));
    }
  }
}

TEST(NativeGlobalPoolTest, TwoThreadsMatchRef) {
  ThreadPoolOptions options;
  options.threads = 2;
  auto pool = ThreadPool::Create(options);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  for (const std::string op : {"GlobalAveragePool", "GlobalMaxPool"}) {
    ExpectMatchesRef(MakeGlobalPool(op, {2, 96, 28, 28}, 7), HostIsas().back(), op, 2, pool->get());
  }
}

}  // namespace
}  // namespace edgebench::native::testing
