// The native uint8/int8 MaxPool against ref, byte for byte, on a grid of
// kernels, strides, pads, dilations and ceil_mode with fixed seeds.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/backends/native/int8_ops.h"
#include "runtime/core/thread_pool.h"
#include "tests/runtime/backends/native/op_runner.h"

namespace edgebench::native::testing {
namespace {

struct PoolCase {
  int64_t batch, channels, h, w, kernel, stride, dilation;
  std::vector<int64_t> pads;
  int64_t ceil_mode;
};

Tensor RunPool(const OpDef& op, const Node& node, const Tensor& x, ThreadPool* pool) {
  std::vector<const Tensor*> infos = {&x};
  InferContext ictx(node, 13, infos, {false});
  const Status s = op.infer(ictx);
  EXPECT_TRUE(s.ok()) << s.ToString();
  if (!s.ok()) return Tensor();
  Tensor y = Tensor::Allocate(ictx.outputs()[0].dtype, ictx.outputs()[0].shape).value();
  Tensor scratch = Tensor::Allocate(DType::kUInt8, {static_cast<int64_t>(ictx.scratch_bytes()) + 1}).value();
  KernelContext k;
  k.node = &node;
  k.opset = 13;
  k.inputs = infos;
  k.outputs = {&y};
  k.state = ictx.state();
  k.scratch = scratch.raw_data();
  k.scratch_bytes = ictx.scratch_bytes();
  k.pool = pool;
  const Status r = op.run(k);
  EXPECT_TRUE(r.ok()) << r.ToString();
  return y;
}

void ExpectEqualToRef(const PoolCase& c, DType type, uint32_t seed, ThreadPool* pool = nullptr) {
  Node node;
  node.name = "pool";
  node.op_type = "MaxPool";
  node.inputs = {0};
  node.outputs = {1};
  node.attributes.Set("kernel_shape", Ints({c.kernel, c.kernel}));
  node.attributes.Set("strides", Ints({c.stride, c.stride}));
  node.attributes.Set("dilations", Ints({c.dilation, c.dilation}));
  node.attributes.Set("pads", Ints(c.pads));
  node.attributes.Set("ceil_mode", Int(c.ceil_mode));
  Tensor x = Tensor::Allocate(type, {c.batch, c.channels, c.h, c.w}).value();
  uint32_t s = seed * 2654435761u + 1;
  for (int64_t i = 0; i < x.num_elements(); ++i) {
    s = s * 1664525u + 1013904223u;
    static_cast<uint8_t*>(x.raw_data())[i] = static_cast<uint8_t>(s >> 24);
  }
  std::vector<const Tensor*> infos = {&x};
  const InferContext ictx(node, 13, infos, {false});
  ASSERT_TRUE(SupportsMaxPoolInt8(ictx));
  const Tensor want = RunPool(*FindRefOp("", "MaxPool"), node, x, nullptr);
  const Tensor got = RunPool(NativeMaxPoolInt8Op(), node, x, pool);
  ASSERT_EQ(got.shape(), want.shape());
  ASSERT_EQ(got.dtype(), want.dtype());
  const auto* g = static_cast<const uint8_t*>(got.raw_data());
  const auto* w = static_cast<const uint8_t*>(want.raw_data());
  for (int64_t i = 0; i < want.num_elements(); ++i) {
    ASSERT_EQ(g[i], w[i]) << DTypeName(type) << " k" << c.kernel << " s" << c.stride << " d" << c.dilation
                          << " ceil " << c.ceil_mode << " element " << i;
  }
}

TEST(Int8MaxPool, GridMatchesRefExactly) {
  const std::vector<PoolCase> cases = {
      {1, 3, 17, 19, 3, 2, 1, {1, 1, 1, 1}, 0},  // ResNet's stem pool
      {2, 5, 12, 13, 3, 1, 1, {1, 1, 1, 1}, 0},
      {1, 4, 11, 11, 2, 2, 1, {0, 0, 0, 0}, 0},
      {1, 4, 11, 11, 2, 2, 1, {0, 0, 0, 0}, 1},  // ceil_mode
      {1, 4, 13, 10, 3, 2, 1, {0, 1, 2, 0}, 1},  // asymmetric pads, ceil_mode
      {1, 2, 14, 15, 3, 3, 2, {2, 2, 2, 2}, 0},  // dilation, stride 3
      {1, 2, 9, 40, 5, 1, 1, {2, 2, 2, 2}, 0},
      // The separable 3x3 stride-2 path, rows wide enough for 16-byte runs
      // and their tails: pads 1 and 0, asymmetric, ceil_mode, odd widths.
      {1, 3, 40, 75, 3, 2, 1, {1, 1, 1, 1}, 0},
      {1, 2, 33, 70, 3, 2, 1, {0, 0, 0, 0}, 1},
      {2, 2, 20, 113, 3, 2, 1, {1, 0, 0, 1}, 1},
      {1, 1, 7, 34, 3, 2, 1, {0, 1, 1, 0}, 0},
  };
  uint32_t seed = 1;
  for (const PoolCase& c : cases) {
    ExpectEqualToRef(c, DType::kUInt8, seed++);
    ExpectEqualToRef(c, DType::kInt8, seed++);
  }
}

TEST(Int8MaxPool, TwoThreadsMatchRef) {
  ThreadPoolOptions options;
  options.threads = 2;
  auto pool = ThreadPool::Create(options);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  ExpectEqualToRef({1, 16, 56, 56, 3, 2, 1, {1, 1, 1, 1}, 0}, DType::kUInt8, 50, pool->get());
}

}  // namespace
}  // namespace edgebench::native::testing
