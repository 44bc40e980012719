// The native FusedConv with its residual input Z (Y = activation(Conv + Z))
// against ref, for every kernel level this host runs: Z is added in the GEMM
// tile's output step, on direct (1x1) and wide (padded, strided) layouts,
// with MR and NR tails, before the clamp (Relu, Clip) or an activation run
// after the conv (HardSigmoid); a depthwise FusedConv with Z is left to ref.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/core/thread_pool.h"
#include "tests/runtime/backends/native/op_runner.h"

namespace edgebench::native::testing {
namespace {

struct ResidualCase {
  int64_t channels, filters, group, h, w, kernel, stride;
  int64_t pad;
  int64_t batch;
};

std::string Label(const ResidualCase& c) {
  return "N" + std::to_string(c.batch) + " C" + std::to_string(c.channels) + " M" + std::to_string(c.filters) +
         " g" + std::to_string(c.group) + " " + std::to_string(c.h) + "x" + std::to_string(c.w) + " k" +
         std::to_string(c.kernel) + " s" + std::to_string(c.stride) + " p" + std::to_string(c.pad);
}

// FusedConv(X, W, B, Z) with `activation` (empty: none).
NodeCase MakeResidualConv(const ResidualCase& c, const std::string& activation, const std::vector<float>& params,
                          uint32_t seed) {
  const int64_t out_h = (c.h + 2 * c.pad - c.kernel) / c.stride + 1;
  const int64_t out_w = (c.w + 2 * c.pad - c.kernel) / c.stride + 1;
  NodeCase n;
  n.node.name = "fused_conv";
  n.node.op_type = "FusedConv";
  n.node.domain = "com.microsoft";
  n.node.inputs = {0, 1, 2, 3};
  n.node.outputs = {4};
  n.node.attributes.Set("kernel_shape", Ints({c.kernel, c.kernel}));
  n.node.attributes.Set("strides", Ints({c.stride, c.stride}));
  n.node.attributes.Set("pads", Ints({c.pad, c.pad, c.pad, c.pad}));
  n.node.attributes.Set("group", Int(c.group));
  if (!activation.empty()) n.node.attributes.Set("activation", String(activation));
  if (!params.empty()) n.node.attributes.Set("activation_params", Floats(params));
  n.inputs.push_back(RandomTensor({c.batch, c.channels, c.h, c.w}, seed));
  n.inputs.push_back(RandomTensor({c.filters, c.channels / c.group, c.kernel, c.kernel}, seed + 1));
  n.inputs.push_back(RandomTensor({c.filters}, seed + 2));
  n.inputs.push_back(RandomTensor({c.batch, c.filters, out_h, out_w}, seed + 3));
  n.known = {false, true, true, false};
  return n;
}

std::vector<ResidualCase> Cases() {
  return {
      {16, 24, 1, 7, 9, 1, 1, 0, 1},    // direct 1x1 (MobileNetV2 projection), NR tail
      {17, 5, 1, 9, 37, 1, 1, 0, 2},    // direct, MR tail, batch 2
      {9, 13, 1, 10, 11, 3, 1, 1, 1},   // wide 3x3 (ResNet block's second conv)
      {64, 64, 1, 14, 14, 3, 1, 1, 1},  // a ResNet-like layer
      {8, 17, 1, 12, 15, 3, 2, 1, 2},   // wide, stride 2, batch 2
      {10, 14, 2, 9, 11, 3, 1, 1, 1},   // groups 2
      // Small planes (SmallPlaneKernelsFor's tile where the level has one):
      {64, 47, 1, 7, 7, 3, 1, 1, 1},    // wide 3x3, row tail
      {40, 36, 1, 7, 7, 1, 1, 0, 2},    // direct 1x1, batch 2
      {16, 23, 1, 14, 14, 3, 2, 1, 1},  // stride 2 to 7x7
      {24, 48, 2, 7, 7, 3, 1, 1, 1},    // groups 2 of 24 filters
  };
}

struct Activation {
  std::string name;
  std::vector<float> params;
};

TEST(NativeConvResidualTest, FusedConvWithZMatchesRefOnEveryLevel) {
  const std::vector<Activation> activations = {
      {"", {}}, {"Relu", {}}, {"Clip", {-0.25f, 0.5f}}, {"HardSigmoid", {0.2f, 0.5f}}};
  for (native::Isa isa : HostIsas()) {
    uint32_t seed = 300;
    for (const ResidualCase& c : Cases()) {
      for (const Activation& a : activations) {
        ExpectMatchesRef(MakeResidualConv(c, a.name, a.params, seed), isa, Label(c) + " " + a.name);
        seed += 4;
      }
    }
  }
}

TEST(NativeConvResidualTest, TwoThreadsMatchRef) {
  ThreadPoolOptions options;
  options.threads = 2;
  auto pool = ThreadPool::Create(options);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  for (native::Isa isa : HostIsas()) {
    uint32_t seed = 400;
    for (const ResidualCase& c : Cases()) {
      ExpectMatchesRef(MakeResidualConv(c, "Relu", {}, seed), isa, Label(c) + " 2 threads", 2, pool->get());
      seed += 4;
    }
  }
}

TEST(NativeConvResidualTest, DepthwiseWithZIsLeftToRef) {
  const NodeCase n = MakeResidualConv({9, 9, 9, 12, 12, 3, 1, 1, 1}, "Relu", {}, 500);
  std::vector<const Tensor*> infos;
  for (const Tensor& t : n.inputs) infos.push_back(&t);
  const InferContext ctx(n.node, 13, infos, n.known);
  for (native::Isa isa : HostIsas()) EXPECT_EQ(NativeBackend(isa).Find(n.node, ctx), nullptr);
  NodeCase dense = n;
  dense.node.attributes.Set("group", Int(1));
  dense.inputs[1] = RandomTensor({9, 9, 3, 3}, 501);
  std::vector<const Tensor*> dense_infos;
  for (const Tensor& t : dense.inputs) dense_infos.push_back(&t);
  const InferContext dense_ctx(dense.node, 13, dense_infos, dense.known);
  for (native::Isa isa : HostIsas()) EXPECT_NE(NativeBackend(isa).Find(dense.node, dense_ctx), nullptr);
}

}  // namespace
}  // namespace edgebench::native::testing
