// The native depthwise Conv against ref on a shape grid, for every kernel
// level this host runs, on each of conv_depthwise.cpp's paths: the direct
// 3x3 stride-1 kernel (read from X with the pads masked off; planes of 16
// columns and more) with column tails and row counts that leave tails of its
// row blocks, every pad side; the direct 3x3 stride-2 kernel (odd and even
// sizes, interior and edge column blocks); the flat 3x3 stride-1 kernel of
// the avx2 and avx512 levels (narrow planes whose column pads sum to 2,
// several planes per call, chunk tails); and the phase-copy path (other pads
// of narrow planes, the scalar level's narrow planes, 5x5, dilation 2).
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

// Stride 2 on planes wide enough for the direct kernel's interior column
// blocks (avx512 takes 16 outputs from 34 input columns) and their edges,
// odd and even sizes, asymmetric and wide pads; channel counts off 16.
TEST(NativeDepthwiseTest, Stride2MatchesRefOnEveryLevel) {
  const std::vector<std::vector<int64_t>> pads = {{1, 1, 1, 1}, {0, 0, 1, 1}, {1, 0, 0, 1}, {0, 1, 0, 0}, {2, 3, 1, 2}};
  const std::vector<std::pair<int64_t, int64_t>> sizes = {{56, 56}, {57, 57}, {28, 29}, {14, 14},
                                                          {15, 71}, {8, 35},  {9, 33},  {10, 34}};
  std::vector<DwCase> cases;
  for (int64_t channels : {3, 20}) {
    for (const auto& [h, w] : sizes) {
      for (const std::vector<int64_t>& p : pads) cases.push_back({1, channels, h, w, 3, 2, 1, p, (h + w) % 2 == 0});
    }
  }
  cases.push_back({2, 7, 29, 30, 3, 2, 1, {1, 1, 1, 1}, true});
  for (native::Isa isa : HostIsas()) {
    uint32_t seed = 300;
    for (const DwCase& c : cases) ExpectMatchesRef(MakeDepthwise(c, seed++), isa, Label(c));
  }
}

// Narrow planes: the flat kernel where the column pads sum to 2 (pads left
// 0, 1 or 2), rows taller than one chunk of registers, batch 2 (the weights
// restart at the image boundary inside one call's range); other pads keep
// the phase path.
TEST(NativeDepthwiseTest, NarrowPlanesMatchRefOnEveryLevel) {
  const std::vector<std::vector<int64_t>> pads = {{1, 1, 1, 1}, {0, 2, 2, 0}, {2, 0, 0, 2}, {0, 1, 0, 1},
                                                  {3, 1, 2, 1}, {1, 1, 0, 0}, {0, 0, 0, 0}};
  const std::vector<std::pair<int64_t, int64_t>> sizes = {{25, 5}, {7, 7},  {14, 14}, {49, 3},
                                                          {1, 15},  {40, 1}, {9, 28},  {6, 31}};
  std::vector<DwCase> cases;
  for (int64_t batch : {1, 2}) {
    for (int64_t channels : {1, 19}) {
      for (const auto& [h, w] : sizes) {
        for (const std::vector<int64_t>& p : pads) {
          const DwCase c{batch, channels, h, w, 3, 1, 1, p, (channels + w) % 2 == 0};
          if (HasOutput(c)) cases.push_back(c);
        }
      }
    }
  }
  for (native::Isa isa : HostIsas()) {
    uint32_t seed = 700;
    for (const DwCase& c : cases) ExpectMatchesRef(MakeDepthwise(c, seed++), isa, Label(c));
  }
}

// The fused clamp of each direct path: FusedConv Relu and Clip on the 3x3
// stride-1 kernel, the flat kernel (25x5) and the stride-2 kernel.
TEST(NativeDepthwiseTest, FusedReluAndClipMatchRefOnEveryLevel) {
  const std::vector<DwCase> cases = {{1, 17, 13, 21, 3, 1, 1, {1, 1, 1, 1}, true},
                                     {1, 5, 25, 5, 3, 1, 1, {1, 1, 1, 1}, false},
                                     {1, 9, 29, 40, 3, 2, 1, {1, 1, 1, 1}, true}};
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

// Two threads split the planes of each direct path (batch 2: planes of both
// images; 33 channels put the flat kernel's split inside the first image)
// and give the single-thread result.
TEST(NativeDepthwiseTest, TwoThreadsMatchRef) {
  ThreadPoolOptions options;
  options.threads = 2;
  auto pool = ThreadPool::Create(options);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  const std::vector<DwCase> cases = {{2, 48, 56, 56, 3, 1, 1, {1, 1, 1, 1}, true},
                                     {2, 33, 25, 5, 3, 1, 1, {1, 1, 1, 1}, true},
                                     {2, 33, 28, 28, 3, 2, 1, {0, 0, 1, 1}, true}};
  uint32_t seed = 9;
  for (const DwCase& c : cases) ExpectMatchesRef(MakeDepthwise(c, seed++), HostIsas().back(), Label(c), 2, pool->get());
}

}  // namespace
}  // namespace edgebench::native::testing
