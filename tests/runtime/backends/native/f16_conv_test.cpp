// The native float16 Conv and FusedConv against ref's float16 adapter on a
// shape grid with fixed seeds, for every kernel level this host runs, on one
// thread and on a pool of 3 (per-thread widened panels).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/runtime/backends/native/f16_op_runner.h"

namespace edgebench::native::testing {
namespace {

struct ConvCase {
  int64_t batch, channels, filters, group, h, w, kernel, stride, dilation;
  std::vector<int64_t> pads;  // top, left, bottom, right
  bool bias;
};

std::string Label(const ConvCase& c) {
  std::string s = "N" + std::to_string(c.batch) + " C" + std::to_string(c.channels) + " M" +
                  std::to_string(c.filters) + " g" + std::to_string(c.group) + " " + std::to_string(c.h) + "x" +
                  std::to_string(c.w) + " k" + std::to_string(c.kernel) + " s" + std::to_string(c.stride) + " d" +
                  std::to_string(c.dilation) + " pads";
  for (int64_t p : c.pads) s += " " + std::to_string(p);
  return s + (c.bias ? " bias" : "");
}

NodeCase MakeConv(const ConvCase& c, uint32_t seed, const std::string& op_type = "Conv") {
  NodeCase n;
  n.node.name = "conv";
  n.node.op_type = op_type;
  if (op_type == "FusedConv") n.node.domain = "com.microsoft";
  n.node.inputs = c.bias ? std::vector<int>{0, 1, 2} : std::vector<int>{0, 1};
  n.node.outputs = {3};
  n.node.attributes.Set("kernel_shape", Ints({c.kernel, c.kernel}));
  n.node.attributes.Set("strides", Ints({c.stride, c.stride}));
  n.node.attributes.Set("dilations", Ints({c.dilation, c.dilation}));
  n.node.attributes.Set("pads", Ints(c.pads));
  n.node.attributes.Set("group", Int(c.group));
  n.inputs.push_back(RandomTensor({c.batch, c.channels, c.h, c.w}, seed));
  n.inputs.push_back(RandomTensor({c.filters, c.channels / c.group, c.kernel, c.kernel}, seed + 1));
  n.known = {false, true};
  if (c.bias) {
    n.inputs.push_back(RandomTensor({c.filters}, seed + 2));
    n.known.push_back(true);
  }
  return n;
}

// Odd channel counts (MR tails), direct and wide layouts with NR tails,
// strides, asymmetric pads, dilation, groups, batch 2.
std::vector<ConvCase> Cases() {
  std::vector<ConvCase> cases;
  for (int64_t channels : {3, 17}) {
    for (int64_t filters : {5, 33}) {
      cases.push_back({1, channels, filters, 1, 9, 37, 1, 1, 1, {0, 0, 0, 0}, true});    // direct GEMM
      cases.push_back({1, channels, filters, 1, 11, 13, 3, 1, 1, {1, 1, 1, 1}, true});   // 3x3 s1
      cases.push_back({1, channels, filters, 1, 12, 15, 3, 2, 1, {1, 1, 1, 1}, false});  // 3x3 s2
    }
  }
  cases.push_back({2, 3, 16, 1, 17, 19, 7, 2, 1, {3, 3, 3, 3}, true});   // first layer, batch 2
  cases.push_back({1, 8, 9, 1, 9, 10, 3, 2, 1, {1, 0, 0, 2}, false});    // asymmetric, stride 2
  cases.push_back({1, 6, 7, 1, 13, 12, 3, 2, 2, {1, 2, 2, 1}, true});    // dilation 2, stride 2
  cases.push_back({1, 16, 24, 1, 14, 14, 1, 2, 1, {0, 0, 0, 0}, true});  // 1x1 stride 2
  cases.push_back({1, 10, 14, 2, 9, 11, 3, 1, 1, {1, 1, 1, 1}, true});   // groups 2
  cases.push_back({2, 12, 6, 2, 8, 9, 1, 1, 1, {0, 0, 0, 0}, false});    // groups 2, 1x1, batch 2
  cases.push_back({1, 64, 64, 1, 14, 14, 3, 1, 1, {1, 1, 1, 1}, true});  // a ResNet-like layer
  return cases;
}

TEST(F16ConvTest, MatchesRefOnEveryLevel) {
  auto pool = MakePool(3);
  for (native::Isa isa : HostIsas()) {
    uint32_t seed = 1;
    for (const ConvCase& c : Cases()) {
      const NodeCase n = MakeConv(c, seed++);
      ExpectF16MatchesRef(n, isa, Label(c));
      ExpectF16MatchesRef(n, isa, Label(c) + " 3 threads", 3, pool.get());
    }
  }
}

TEST(F16ConvTest, FusedReluAndClipMatchRef) {
  const ConvCase c = {1, 17, 33, 1, 11, 13, 3, 1, 1, {1, 1, 1, 1}, true};
  for (native::Isa isa : HostIsas()) {
    NodeCase relu = MakeConv(c, 7, "FusedConv");
    relu.node.attributes.Set("activation", Str("Relu"));
    ExpectF16MatchesRef(relu, isa, "FusedConv Relu");
    NodeCase clip = MakeConv(c, 8, "FusedConv");
    clip.node.attributes.Set("activation", Str("Clip"));
    clip.node.attributes.Set("activation_params", FloatList({-0.25f, 0.5f}));
    ExpectF16MatchesRef(clip, isa, "FusedConv Clip");
  }
}

// Depthwise float16 runs the float32 native depthwise kernel between a
// widening and a rounding (native_f16_widened.cpp): stride 1 and 2, 3x3 and
// 5x5, FusedConv with a clamp and with an activation run after.
TEST(F16ConvTest, DepthwiseMatchesRef) {
  const std::vector<ConvCase> cases = {
      {1, 32, 32, 32, 14, 14, 3, 1, 1, {1, 1, 1, 1}, true},
      {1, 17, 17, 17, 15, 13, 3, 2, 1, {1, 1, 1, 1}, true},
      {2, 9, 9, 9, 11, 12, 5, 1, 1, {2, 2, 2, 2}, false},
  };
  auto pool = MakePool(3);
  for (native::Isa isa : HostIsas()) {
    uint32_t seed = 41;
    for (const ConvCase& c : cases) {
      ExpectF16MatchesRef(MakeConv(c, seed), isa, "depthwise " + Label(c));
      ExpectF16MatchesRef(MakeConv(c, seed), isa, "depthwise " + Label(c) + " 3 threads", 3, pool.get());
      NodeCase clip = MakeConv(c, seed + 1, "FusedConv");
      clip.node.attributes.Set("activation", Str("Clip"));
      clip.node.attributes.Set("activation_params", FloatList({0.0f, 0.5f}));
      ExpectF16MatchesRef(clip, isa, "depthwise FusedConv Clip " + Label(c));
      NodeCase sigmoid = MakeConv(c, seed + 2, "FusedConv");
      sigmoid.node.attributes.Set("activation", Str("Sigmoid"));
      ExpectF16MatchesRef(sigmoid, isa, "depthwise FusedConv Sigmoid " + Label(c));
      seed += 3;
    }
  }
}

// FusedConv's residual Z (ResNet blocks after residual Add fusion), added
// before the clamp, on the direct, padded-stride-1 and wide (stride 2) layouts.
TEST(F16ConvTest, FusedResidualZMatchesRef) {
  const std::vector<ConvCase> cases = {
      {1, 17, 33, 1, 9, 37, 1, 1, 1, {0, 0, 0, 0}, true},
      {1, 17, 33, 1, 11, 13, 3, 1, 1, {1, 1, 1, 1}, true},
      {1, 8, 9, 1, 12, 15, 3, 2, 1, {1, 1, 1, 1}, false},
  };
  auto pool = MakePool(3);
  for (native::Isa isa : HostIsas()) {
    uint32_t seed = 21;
    for (const ConvCase& c : cases) {
      NodeCase n = MakeConv({c.batch, c.channels, c.filters, c.group, c.h, c.w, c.kernel, c.stride, c.dilation,
                             c.pads, true},
                            seed++, "FusedConv");
      n.node.attributes.Set("activation", Str("Relu"));
      const int64_t oh = (c.h + c.pads[0] + c.pads[2] - c.kernel) / c.stride + 1;
      const int64_t ow = (c.w + c.pads[1] + c.pads[3] - c.kernel) / c.stride + 1;
      n.node.inputs = {0, 1, 2, 4};
      n.inputs.push_back(RandomTensor({c.batch, c.filters, oh, ow}, seed++));
      n.known.push_back(false);
      ExpectF16MatchesRef(n, isa, "FusedConv Z " + Label(c));
      ExpectF16MatchesRef(n, isa, "FusedConv Z " + Label(c) + " 3 threads", 3, pool.get());
    }
  }
}

// What stays on ref: activations the output step cannot clamp on the GEMM
// path, and mixed float16/float32 inputs.
TEST(F16ConvTest, FindLeavesTheRestToRef) {
  const NativeBackend backend(HostIsas().back());
  auto finds = [&](const NodeCase& c) {
    std::vector<const Tensor*> infos;
    for (const Tensor& t : c.inputs) infos.push_back(&t);
    return backend.Find(c.node, InferContext(c.node, 13, infos, c.known)) != nullptr;
  };
  EXPECT_TRUE(finds(ToHalfCase(MakeConv({1, 8, 8, 1, 9, 9, 3, 1, 1, {1, 1, 1, 1}, true}, 1))));
  NodeCase sigmoid = ToHalfCase(MakeConv({1, 8, 8, 1, 9, 9, 3, 1, 1, {1, 1, 1, 1}, true}, 1, "FusedConv"));
  sigmoid.node.attributes.Set("activation", Str("Sigmoid"));
  EXPECT_FALSE(finds(sigmoid));
  NodeCase mixed = MakeConv({1, 8, 8, 1, 9, 9, 3, 1, 1, {1, 1, 1, 1}, true}, 1);
  mixed.inputs[0] = ToHalf(mixed.inputs[0]);
  EXPECT_FALSE(finds(mixed)) << "float16 X with float32 W";
}

}  // namespace
}  // namespace edgebench::native::testing
