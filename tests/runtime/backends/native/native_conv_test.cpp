// The native Conv (implicit GEMM and depthwise) against ref, on shape grids
// with fixed seeds, for every kernel level this host runs.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "runtime/core/thread_pool.h"
#include "tests/runtime/backends/native/op_runner.h"

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

NodeCase MakeConv(const ConvCase& c, uint32_t seed) {
  NodeCase n;
  n.node.name = "conv";
  n.node.op_type = "Conv";
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

// Dense convolutions: odd channel counts (MR tails), widths that leave NR
// tails in both the direct and the wide layout, every kernel size and
// stride, symmetric and asymmetric pads, dilation, groups, batch 2.
std::vector<ConvCase> DenseCases() {
  std::vector<ConvCase> cases;
  for (int64_t channels : {1, 3, 17, 33}) {
    for (int64_t filters : {5, 17, 65}) {
      cases.push_back({1, channels, filters, 1, 9, 37, 1, 1, 1, {0, 0, 0, 0}, true});    // direct GEMM
      cases.push_back({1, channels, filters, 1, 11, 13, 3, 1, 1, {1, 1, 1, 1}, true});   // 3x3 s1
      cases.push_back({1, channels, filters, 1, 12, 15, 3, 2, 1, {1, 1, 1, 1}, false});  // 3x3 s2
    }
  }
  cases.push_back({2, 3, 16, 1, 17, 19, 7, 2, 1, {3, 3, 3, 3}, true});   // first layer, batch 2
  cases.push_back({1, 5, 17, 1, 10, 11, 5, 1, 1, {2, 1, 2, 1}, true});   // 5x5
  cases.push_back({1, 8, 9, 1, 9, 10, 3, 1, 1, {0, 1, 2, 0}, true});     // asymmetric pads
  cases.push_back({1, 8, 9, 1, 9, 10, 3, 2, 1, {1, 0, 0, 2}, false});    // asymmetric, stride 2
  cases.push_back({1, 6, 7, 1, 12, 12, 3, 1, 2, {2, 2, 2, 2}, true});    // dilation 2
  cases.push_back({1, 6, 7, 1, 13, 12, 3, 2, 2, {1, 2, 2, 1}, true});    // dilation 2, stride 2
  cases.push_back({1, 16, 24, 1, 14, 14, 1, 2, 1, {0, 0, 0, 0}, true});  // 1x1 stride 2 (downsample)
  cases.push_back({1, 16, 10, 1, 7, 7, 1, 1, 1, {1, 1, 1, 1}, true});    // 1x1 with pads
  cases.push_back({1, 10, 14, 2, 9, 11, 3, 1, 1, {1, 1, 1, 1}, true});   // groups 2
  cases.push_back({2, 12, 6, 2, 8, 9, 1, 1, 1, {0, 0, 0, 0}, false});    // groups 2, 1x1, batch 2
  cases.push_back({1, 64, 64, 1, 14, 14, 3, 1, 1, {1, 1, 1, 1}, true});  // a ResNet-like layer
  return cases;
}

// Small output planes (at most 64 wide columns), where the plan packs for
// SmallPlaneKernelsFor's taller tile on levels that have one: filter counts
// it takes (12, 36: whole panels; 17, 23, 47: row tails) and ones it leaves
// to the main tile (13, 40), 3x3 wide (7x7 pad 1: 63 columns), 1x1 direct
// (49), stride 2 (14x14 -> 7x7), asymmetric pads, dilation, groups, batch 2.
std::vector<ConvCase> SmallPlaneCases() {
  std::vector<ConvCase> cases;
  for (int64_t channels : {3, 17, 64}) {
    for (int64_t filters : {12, 13, 17, 23, 36, 40, 47}) {
      cases.push_back({1, channels, filters, 1, 7, 7, 3, 1, 1, {1, 1, 1, 1}, true});
      cases.push_back({1, channels, filters, 1, 7, 7, 1, 1, 1, {0, 0, 0, 0}, true});
      cases.push_back({1, channels, filters, 1, 14, 14, 3, 2, 1, {1, 1, 1, 1}, false});
    }
  }
  cases.push_back({1, 9, 24, 1, 5, 6, 3, 1, 1, {0, 1, 2, 0}, true});    // asymmetric pads
  cases.push_back({1, 9, 24, 1, 5, 5, 3, 1, 2, {2, 2, 2, 2}, true});    // dilation 2
  cases.push_back({1, 10, 48, 2, 7, 7, 3, 1, 1, {1, 1, 1, 1}, true});   // groups 2 of 24 filters
  cases.push_back({2, 32, 36, 1, 7, 7, 3, 1, 1, {1, 1, 1, 1}, true});   // batch 2
  cases.push_back({1, 16, 36, 1, 4, 3, 1, 1, 1, {0, 0, 0, 0}, true});   // one column tile
  cases.push_back({1, 16, 36, 1, 8, 8, 3, 1, 1, {1, 1, 1, 1}, true});   // 80 wide columns: main tile
  return cases;
}

// Depthwise: 3x3 stride 1 and 2, generic 5x5 and 7x7, dilation, odd
// channels, outputs shorter and longer than a vector run.
std::vector<ConvCase> DepthwiseCases() {
  std::vector<ConvCase> cases;
  for (int64_t channels : {3, 17}) {
    cases.push_back({1, channels, channels, channels, 7, 7, 3, 1, 1, {1, 1, 1, 1}, true});
    cases.push_back({1, channels, channels, channels, 29, 31, 3, 1, 1, {1, 1, 1, 1}, true});
    cases.push_back({1, channels, channels, channels, 28, 29, 3, 2, 1, {1, 1, 1, 1}, false});
    cases.push_back({1, channels, channels, channels, 15, 14, 5, 2, 1, {2, 2, 2, 2}, true});
    cases.push_back({2, channels, channels, channels, 11, 12, 7, 1, 1, {3, 2, 3, 4}, true});
    cases.push_back({1, channels, channels, channels, 13, 13, 3, 1, 2, {2, 2, 2, 2}, true});
  }
  return cases;
}

TEST(NativeConvTest, DenseMatchesRefOnEveryLevel) {
  for (native::Isa isa : HostIsas()) {
    uint32_t seed = 1;
    for (const ConvCase& c : DenseCases()) ExpectMatchesRef(MakeConv(c, seed++), isa, Label(c));
  }
}

TEST(NativeConvTest, SmallPlanesMatchRefOnEveryLevel) {
  for (native::Isa isa : HostIsas()) {
    uint32_t seed = 600;
    for (const ConvCase& c : SmallPlaneCases()) ExpectMatchesRef(MakeConv(c, seed++), isa, Label(c));
  }
}

TEST(NativeConvTest, DepthwiseMatchesRefOnEveryLevel) {
  for (native::Isa isa : HostIsas()) {
    uint32_t seed = 100;
    for (const ConvCase& c : DepthwiseCases()) ExpectMatchesRef(MakeConv(c, seed++), isa, Label(c));
  }
}

// FusedConv: Relu and Clip in the output step (dense and depthwise), and an
// activation the clamp cannot express run after the conv.
TEST(NativeConvTest, FusedConvMatchesRefOnEveryLevel) {
  struct Activation {
    std::string name;
    std::vector<float> params;
  };
  const std::vector<Activation> activations = {{"Relu", {}}, {"Clip", {0.0f, 0.5f}}, {"HardSigmoid", {0.2f, 0.5f}}};
  const std::vector<ConvCase> cases = {{1, 9, 13, 1, 10, 11, 3, 1, 1, {1, 1, 1, 1}, true},
                                       {1, 16, 20, 1, 6, 7, 1, 1, 1, {0, 0, 0, 0}, true},
                                       {1, 9, 9, 9, 12, 12, 3, 2, 1, {1, 1, 1, 1}, true}};
  for (native::Isa isa : HostIsas()) {
    uint32_t seed = 200;
    for (const ConvCase& c : cases) {
      for (const Activation& a : activations) {
        NodeCase n = MakeConv(c, seed++);
        n.node.op_type = "FusedConv";
        n.node.domain = "com.microsoft";
        Attribute name;
        name.kind = Attribute::Kind::kString;
        name.s = a.name;
        n.node.attributes.Set("activation", name);
        Attribute params;
        params.kind = Attribute::Kind::kFloats;
        params.floats = a.params;
        if (!a.params.empty()) n.node.attributes.Set("activation_params", params);
        ExpectMatchesRef(n, isa, Label(c) + " " + a.name);
      }
    }
  }
}

// Two threads: tiles of the GEMM and depthwise channel slots split between
// them give the single-thread result.
TEST(NativeConvTest, TwoThreadsMatchRef) {
  ThreadPoolOptions options;
  options.threads = 2;
  auto pool = ThreadPool::Create(options);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  const native::Isa isa = HostIsas().back();
  const ConvCase dense{1, 32, 40, 1, 20, 21, 3, 1, 1, {1, 1, 1, 1}, true};
  const ConvCase dw{1, 24, 24, 24, 30, 30, 3, 2, 1, {1, 1, 1, 1}, true};
  ExpectMatchesRef(MakeConv(dense, 7), isa, Label(dense), 2, pool->get());
  ExpectMatchesRef(MakeConv(dw, 8), isa, Label(dw), 2, pool->get());
  const ConvCase small{1, 64, 47, 1, 7, 7, 3, 1, 1, {1, 1, 1, 1}, true};
  ExpectMatchesRef(MakeConv(small, 9), isa, Label(small), 2, pool->get());
}

}  // namespace
}  // namespace edgebench::native::testing
