// The native Add, Mul, Relu and Clip against ref: same shapes (sizes around
// the vector widths and above the pool's small-work limit), a one-element B,
// Clip's bounds as inputs, two threads; and the broadcasts Find leaves to ref.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/core/thread_pool.h"
#include "tests/runtime/backends/native/op_runner.h"

namespace edgebench::native::testing {
namespace {

NodeCase MakeNode(const std::string& op, const std::vector<Shape>& shapes, uint32_t seed) {
  NodeCase n;
  n.node.name = "ew";
  n.node.op_type = op;
  for (size_t i = 0; i < shapes.size(); ++i) {
    n.node.inputs.push_back(static_cast<int>(i));
    n.inputs.push_back(RandomTensor(shapes[i], seed + static_cast<uint32_t>(i)));
    n.known.push_back(i > 0 && op == "Clip");  // Clip's bounds are constants
  }
  n.node.outputs = {static_cast<int>(shapes.size())};
  return n;
}

const std::vector<Shape>& Shapes() {
  static const std::vector<Shape> shapes = {{1}, {7}, {2, 17}, {1, 16, 5, 5}, {1, 64, 25, 5}, {1, 96, 56, 56}};
  return shapes;
}

TEST(NativeElementwiseTest, BinaryMatchesRefOnEveryLevel) {
  for (native::Isa isa : HostIsas()) {
    uint32_t seed = 1;
    for (const std::string op : {"Add", "Mul"}) {
      for (const Shape& s : Shapes()) {
        ExpectMatchesRef(MakeNode(op, {s, s}, seed += 2), isa, op + " " + ShapeToString(s));
        ExpectMatchesRef(MakeNode(op, {s, {1}}, seed += 2), isa, op + " scalar B " + ShapeToString(s));
      }
    }
  }
}

TEST(NativeElementwiseTest, ReluAndClipMatchRefOnEveryLevel) {
  for (native::Isa isa : HostIsas()) {
    uint32_t seed = 100;
    for (const Shape& s : Shapes()) {
      ExpectMatchesRef(MakeNode("Relu", {s}, seed++), isa, "Relu " + ShapeToString(s));
      NodeCase clip = MakeNode("Clip", {s, {}, {}}, seed++);
      clip.inputs[1].data<float>()[0] = -0.25f;
      clip.inputs[2].data<float>()[0] = 0.5f;
      ExpectMatchesRef(clip, isa, "Clip [-0.25, 0.5] " + ShapeToString(s));
      ExpectMatchesRef(MakeNode("Clip", {s}, seed++), isa, "Clip unbounded " + ShapeToString(s));
    }
  }
}

TEST(NativeElementwiseTest, TwoThreadsMatchRef) {
  ThreadPoolOptions options;
  options.threads = 2;
  auto pool = ThreadPool::Create(options);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  const Shape s = {1, 144, 56, 56};
  ExpectMatchesRef(MakeNode("Add", {s, s}, 1), HostIsas().back(), "Add", 2, pool->get());
  ExpectMatchesRef(MakeNode("Relu", {s}, 3), HostIsas().back(), "Relu", 2, pool->get());
}

// Broadcasts other than a one-element B, and non-float tensors, stay on ref.
TEST(NativeElementwiseTest, FindLeavesOtherBroadcastsToRef) {
  const NativeBackend backend(HostIsas().back());
  for (const std::vector<Shape>& shapes : std::vector<std::vector<Shape>>{
           {{1, 8, 4, 4}, {1, 8, 1, 1}}, {{1}, {2, 3}}, {{4, 1}, {1, 4}}, {{1, 1}, {1, 1, 1}}}) {
    const NodeCase n = MakeNode("Add", shapes, 1);
    std::vector<const Tensor*> infos;
    for (const Tensor& t : n.inputs) infos.push_back(&t);
    const InferContext ctx(n.node, 13, infos, n.known);
    EXPECT_EQ(backend.Find(n.node, ctx), nullptr) << ShapeToString(shapes[0]) << " + " << ShapeToString(shapes[1]);
  }
}

}  // namespace
}  // namespace edgebench::native::testing
