// The native depthwise Conv against ref on a shape grid, for every kernel
// level this host runs: the direct 3x3 stride-1 kernel (conv_depthwise.cpp,
// read from X with the pads masked off; planes of 16 columns and more) with
// column tails and row counts that leave tails of its row blocks, every pad
// side; and the phase-copy path (narrow planes, stride 2, 5x5, dilation 2).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/core/thread_pool.h"
#include "tests/runtime/backends/native/op_runner.h"

namespace edgebench::native::testing {
namespace {

struct DwCase {
  int64_t batch, channels, h, w, kernel, stride, dilation;
  std::vector<int64_t> pads;  // top, left, bottom, right
  bool bias;
};

std::string Label(const DwCase& c) {
  std::string s = "N" + std::to_string(c.batch) + " C" + std::to_string(c.channels) + " " + std::to_string(c.h) +
                  "x" + std::to_string(c.w) + " k" + std::to_string(c.kernel) + " s" + std::to_string(c.stride) +
                  " d" + std::to_string(c.dilation) + " pads";
  for (int64_t p : c.pads) s += " " + std::to_string(p);
  return s + (c.bias ? " bias" : "");
}

// Whether the case has at least one output pixel (ref refuses empty outputs).
bool HasOutput(const DwCase& c) {
  const int64_t span = (c.kernel - 1) * c.dilation + 1;
  return c.h + c.pads[0] + c.pads[2] >= span && c.w + c.pads[1] + c.pads[3] >= span;
}

NodeCase MakeDepthwise(const DwCase& c, uint32_t seed) {
  NodeCase n;
  n.node.name = "dw";
  n.node.op_type = "Conv";
  n.node.inputs = c.bias ? std::vector<int>{0, 1, 2} : std::vector<int>{0, 1};
  n.node.outputs = {3};
  n.node.attributes.Set("kernel_shape", Ints({c.kernel, c.kernel}));
  n.node.attributes.Set("strides", Ints({c.stride, c.stride}));
  n.node.attributes.Set("dilations", Ints({c.dilation, c.dilation}));
  n.node.attributes.Set("pads", Ints(c.pads));
  n.node.attributes.Set("group", Int(c.channels));
  n.inputs.push_back(RandomTensor({c.batch, c.channels, c.h, c.w}, seed));
  n.inputs.push_back(RandomTensor({c.channels, 1, c.kernel, c.kernel}, seed + 1));
  n.known = {false, true};
  if (c.bias) {
    n.inputs.push_back(RandomTensor({c.channels}, seed + 2));
    n.known.push_back(true);
  }
  return n;
}

std::vector<DwCase> GridCases() {
  const std::vector<std::vector<int64_t>> pads = {{0, 0, 0, 0}, {1, 1, 1, 1}, {0, 1, 1, 0}, {1, 0, 0, 1}};
  const std::vector<std::pair<int64_t, int64_t>> sizes = {{1, 1}, {2, 2}, {5, 5}, {7, 7}, {13, 13},
                                                          {56, 56}, {5, 13}, {13, 2}, {25, 5}, {9, 17}, {3, 35}};
  std::vector<DwCase> cases;
  for (int64_t channels : {1, 3, 17, 33}) {
    for (const auto& [h, w] : sizes) {
      for (int64_t stride : {1, 2}) {
        for (const std::vector<int64_t>& p : pads) {
          const DwCase c{1, channels, h, w, 3, stride, 1, p, (channels + h + stride) % 2 == 0};
          if (HasOutput(c)) cases.push_back(c);
        }
      }
    }
  }
  return cases;
}

TEST(NativeDepthwiseTest, Grid3x3MatchesRefOnEveryLevel) {
  const std::vector<DwCase> cases = GridCases();
  for (native::Isa isa : HostIsas()) {
    uint32_t seed = 1;
    for (const DwCase& c : cases) ExpectMatchesRef(MakeDepthwise(c, seed++), isa, Label(c));
  }
}

// Shapes the direct kernel does not take (5x5, dilation 2) and pads wider
// than the 3x3 window's reach, batch 2.
TEST(NativeDepthwiseTest, OtherKernelsAndWidePadsMatchRefOnEveryLevel) {
  std::vector<DwCase> cases;
  for (int64_t channels : {1, 17}) {
    for (int64_t size : {5, 7, 13}) {
      cases.push_back({1, channels, size, size + 1, 5, 1, 1, {2, 2, 2, 2}, true});
      cases.push_back({1, channels, size, size, 5, 2, 1, {2, 1, 1, 2}, false});
      cases.push_back({1, channels, size + 1, size, 3, 1, 2, {2, 2, 2, 2}, true});
      cases.push_back({1, channels, size, size, 3, 2, 2, {1, 2, 2, 1}, true});
      cases.push_back({2, channels, size, size, 3, 1, 1, {2, 3, 0, 2}, true});
    }
  }
  for (native::Isa isa : HostIsas()) {
    uint32_t seed = 500;
    for (const DwCase& c : cases) ExpectMatchesRef(MakeDepthwise(c, seed++), isa, Label(c));
  }
}

// The direct kernel's fused clamp: FusedConv Relu and Clip.
TEST(NativeDepthwiseTest, FusedReluAndClipMatchRefOnEveryLevel) {
  const std::vector<DwCase> cases = {{1, 17, 13, 21, 3, 1, 1, {1, 1, 1, 1}, true},
                                     {1, 5, 25, 5, 3, 1, 1, {1, 1, 1, 1}, false}};
  for (native::Isa isa : HostIsas()) {
    uint32_t seed = 800;
    for (const DwCase& c : cases) {
      for (const std::string activation : {"Relu", "Clip"}) {
        NodeCase n = MakeDepthwise(c, seed++);
        n.node.op_type = "FusedConv";
        n.node.domain = "com.microsoft";
        Attribute name;
        name.kind = Attribute::Kind::kString;
        name.s = activation;
        n.node.attributes.Set("activation", name);
        if (activation == "Clip") {
          Attribute params;
          params.kind = Attribute::Kind::kFloats;
          params.floats = {0.0f, 0.5f};
          n.node.attributes.Set("activation_params", params);
        }
        ExpectMatchesRef(n, isa, Label(c) + " " + activation);
      }
    }
  }
}

// Two threads split the planes of the direct kernel (batch 2: planes of both
// images) and give the single-thread result.
TEST(NativeDepthwiseTest, TwoThreadsMatchRef) {
  ThreadPoolOptions options;
  options.threads = 2;
  auto pool = ThreadPool::Create(options);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  const DwCase c{2, 48, 56, 56, 3, 1, 1, {1, 1, 1, 1}, true};
  ExpectMatchesRef(MakeDepthwise(c, 9), HostIsas().back(), Label(c), 2, pool->get());
}

}  // namespace
}  // namespace edgebench::native::testing
