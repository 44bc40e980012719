// The dense Conv's pixel tile (filters as the vector dimension), forced on
// every shape and run against the ref Conv, for every kernel level this host
// runs that has one: filter tails, pixel counts that split into uneven tiles
// and tasks, depths that split into chunks, strides, pads, dilation, batch 2,
// the residual Z with a clamp, and two threads. Which shapes take it by
// itself is checked at the end.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "runtime/backends/native/conv_plan.h"
#include "runtime/core/thread_pool.h"
#include "runtime/ops/nn/conv_attributes.h"
#include "tests/runtime/backends/native/op_runner.h"

namespace edgebench::native::testing {
namespace {

struct PixelCase {
  int64_t batch, channels, filters, h, w, kernel, stride, dilation;
  std::vector<int64_t> pads;  // top, left, bottom, right
};

std::string Label(const PixelCase& c) {
  std::string s = "N" + std::to_string(c.batch) + " C" + std::to_string(c.channels) + " M" +
                  std::to_string(c.filters) + " " + std::to_string(c.h) + "x" + std::to_string(c.w) + " k" +
                  std::to_string(c.kernel) + " s" + std::to_string(c.stride) + " d" + std::to_string(c.dilation) +
                  " pads";
  for (int64_t p : c.pads) s += " " + std::to_string(p);
  return s;
}

NodeCase MakeConv(const PixelCase& c, uint32_t seed) {
  NodeCase n;
  n.node.name = "conv";
  n.node.op_type = "Conv";
  n.node.inputs = {0, 1, 2};
  n.node.outputs = {3};
  n.node.attributes.Set("kernel_shape", Ints({c.kernel, c.kernel}));
  n.node.attributes.Set("strides", Ints({c.stride, c.stride}));
  n.node.attributes.Set("dilations", Ints({c.dilation, c.dilation}));
  n.node.attributes.Set("pads", Ints(c.pads));
  n.inputs.push_back(RandomTensor({c.batch, c.channels, c.h, c.w}, seed));
  n.inputs.push_back(RandomTensor({c.filters, c.channels, c.kernel, c.kernel}, seed + 1));
  n.inputs.push_back(RandomTensor({c.filters}, seed + 2));
  n.known = {false, true, true};
  return n;
}

ConvParams ParamsOf(const NodeCase& n) {
  std::vector<const Tensor*> infos;
  for (const Tensor& t : n.inputs) infos.push_back(&t);
  InferContext ictx(n.node, 13, infos, n.known);
  ops::ConvAttributes attrs;
  EXPECT_TRUE(ops::ParseConvAttributes(ictx, &attrs).ok());
  return ConvParamsFrom(attrs);
}

// Runs the case on `isa`'s pixel tile with Z = `z` (or none) and the clamp
// [lo, hi]; compares with ref's Conv + Z, clamped, within 1e-5 of the sum of
// |w * x| + |z| + 1. False where the level has no pixel tile.
bool ExpectPixelTilesMatchRef(const PixelCase& c, Isa isa, uint32_t seed, bool with_z, float lo, float hi,
                              ThreadPool* pool) {
  const NodeCase n = MakeConv(c, seed);
  ConvParams p = ParamsOf(n);
  p.lo = lo;
  p.hi = hi;
  const DenseConvPlan plan = MakeDenseConvPlan(p, KernelsFor(isa), n.inputs[1].data<float>(),
                                               n.inputs[2].data<float>(), DenseTile::kPixel);
  if (!plan.pixel_tiles) return false;
  const OpDef& ref = *FindRefOp("", "Conv");
  const Tensor want = RunOp(ref, n);
  NodeCase abs_case = n;
  for (Tensor& t : abs_case.inputs) t = Abs(t);
  const Tensor bound = RunOp(ref, abs_case);
  const Tensor z = RandomTensor(want.shape(), seed + 3);
  std::vector<float> got(static_cast<size_t>(want.num_elements()));
  std::vector<uint8_t> scratch(plan.scratch_bytes() + 1, uint8_t{0xff});
  RunDenseConv(plan, n.inputs[0].data<float>(), got.data(), scratch.data(), pool, with_z ? z.data<float>() : nullptr);

  const std::string label = Label(c) + " [" + IsaName(isa) + "]" + (with_z ? " z" : "");
  int failures = 0;
  for (int64_t i = 0; i < want.num_elements() && failures < 5; ++i) {
    const float zi = with_z ? z.data<float>()[i] : 0.0f;
    const float expected = std::min(std::max(want.data<float>()[i] + zi, lo), hi);
    const float tol = 1e-5f * (std::fabs(bound.data<float>()[i]) + std::fabs(zi) + 1.0f);
    if (std::fabs(got[static_cast<size_t>(i)] - expected) > tol) {
      ADD_FAILURE() << label << " element " << i << ": got " << got[static_cast<size_t>(i)] << ", want " << expected;
      ++failures;
    }
  }
  return true;
}

std::vector<PixelCase> Cases() {
  std::vector<PixelCase> cases;
  // Filter tails (1, 17, 67 filters), whole panels (16, 64), and 130 channels
  // of 3x3 (depth 1170: two chunks of a 64-filter panel).
  for (int64_t channels : {3, 17, 130}) {
    for (int64_t filters : {1, 16, 17, 64, 67}) {
      cases.push_back({1, channels, filters, 7, 7, 3, 1, 1, {1, 1, 1, 1}});
    }
  }
  cases.push_back({1, 9, 33, 13, 13, 3, 1, 1, {1, 1, 1, 1}});   // 169 pixels: tasks of 43, tiles of 5 and 6
  cases.push_back({2, 11, 20, 9, 37, 1, 1, 1, {0, 0, 0, 0}});   // direct 1x1 (X is the layout), batch 2
  cases.push_back({1, 12, 24, 14, 14, 3, 2, 1, {1, 1, 1, 1}});  // stride 2 (phases)
  cases.push_back({1, 8, 19, 12, 11, 5, 1, 2, {4, 3, 4, 5}});   // dilation 2, asymmetric pads
  cases.push_back({1, 6, 18, 3, 3, 3, 1, 1, {0, 0, 0, 0}});     // one output pixel
  cases.push_back({1, 4100, 5, 2, 3, 1, 1, 1, {0, 0, 0, 0}});   // depth 4100: chunks of a 16-filter panel
  return cases;
}

TEST(ConvDensePixelTilesTest, MatchRefOnEveryLevelThatHasThem) {
  int levels = 0;
  for (Isa isa : HostIsas()) {
    uint32_t seed = 700;
    bool ran = false;
    for (const PixelCase& c : Cases()) {
      ran |= ExpectPixelTilesMatchRef(c, isa, seed, false, -INFINITY, INFINITY, nullptr);
      seed += 4;
    }
    levels += ran;
  }
  if (levels == 0) GTEST_SKIP() << "no kernel level of this host has a pixel tile";
}

// Z and the clamp in the output step, the pixels and filter panels split
// across two threads.
TEST(ConvDensePixelTilesTest, ResidualClampAndTwoThreadsMatchRef) {
  ThreadPoolOptions options;
  options.threads = 2;
  auto pool = ThreadPool::Create(options);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  for (Isa isa : HostIsas()) {
    uint32_t seed = 900;
    for (const PixelCase& c : Cases()) {
      ExpectPixelTilesMatchRef(c, isa, seed, true, -0.25f, 0.5f, pool->get());
      seed += 4;
    }
  }
}

// The choice by cost: the pixel tile on small planes with whole filter
// panels and a deep sum, the wide gemm tile on large planes with a shallow
// one, where the pixel tile's scalar output step would not be amortized.
TEST(ConvDensePixelTilesTest, SmallPlanesOfDeepSumsTakeThePixelTile) {
  const NativeKernels& kernels = KernelsFor(HostIsas().back());
  if (!kernels.pixel_tile.tile) GTEST_SKIP() << "this host's best level has no pixel tile";
  auto choose = [&](int64_t channels, int64_t filters, int64_t size, int64_t kernel) {
    const PixelCase c{1, channels, filters, size, size, kernel, 1, 1, std::vector<int64_t>(4, kernel / 2)};
    const NodeCase n = MakeConv(c, 1);
    return MakeDenseConvPlan(ParamsOf(n), kernels, n.inputs[1].data<float>(), nullptr).pixel_tiles;
  };
  EXPECT_TRUE(choose(512, 512, 7, 3));  // ResNet-18 layer4
  EXPECT_TRUE(choose(256, 256, 14, 3));  // layer3
  EXPECT_FALSE(choose(24, 144, 56, 1));  // MobileNetV2's first expansion
}

}  // namespace
}  // namespace edgebench::native::testing
