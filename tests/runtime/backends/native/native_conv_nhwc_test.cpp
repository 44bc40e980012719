// The native ai.edgebench NhwcFusedConv (the pixel tile on NHWC X, Z and Y)
// against ref's, on a fixed-seed shape grid, for every kernel level this host
// runs that has a pixel tile: filter tails, pixel counts that split into
// uneven tiles and tasks, depths that split into chunks, strides, pads
// (in place without, from a padded copy with), dilation, batch 2, Z, the
// clamps the output step fuses and an activation run after, two threads.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/backends/native/kernels.h"
#include "runtime/backends/native/native_backend.h"
#include "runtime/core/thread_pool.h"
#include "tests/runtime/backends/native/op_runner.h"

namespace edgebench::native::testing {
namespace {

struct NhwcCase {
  int64_t batch, channels, filters, h, w, kernel, stride, dilation;
  std::vector<int64_t> pads;  // top, left, bottom, right
  bool z;
};

std::string Label(const NhwcCase& c) {
  std::string s = "N" + std::to_string(c.batch) + " C" + std::to_string(c.channels) + " M" +
                  std::to_string(c.filters) + " " + std::to_string(c.h) + "x" + std::to_string(c.w) + " k" +
                  std::to_string(c.kernel) + " s" + std::to_string(c.stride) + " d" + std::to_string(c.dilation) +
                  " pads";
  for (int64_t p : c.pads) s += " " + std::to_string(p);
  return s + (c.z ? " z" : "");
}

int64_t OutSize(int64_t in, int64_t pad_begin, int64_t pad_end, const NhwcCase& c) {
  return (in + pad_begin + pad_end - c.dilation * (c.kernel - 1) - 1) / c.stride + 1;
}

NodeCase MakeNhwcConv(const NhwcCase& c, const std::string& activation, const std::vector<float>& params,
                      uint32_t seed) {
  NodeCase n;
  n.node.name = "nhwc_conv";
  n.node.op_type = "NhwcFusedConv";
  n.node.domain = "ai.edgebench";
  n.node.inputs = c.z ? std::vector<int>{0, 1, 2, 3} : std::vector<int>{0, 1, 2};
  n.node.outputs = {4};
  n.node.attributes.Set("kernel_shape", Ints({c.kernel, c.kernel}));
  n.node.attributes.Set("strides", Ints({c.stride, c.stride}));
  n.node.attributes.Set("dilations", Ints({c.dilation, c.dilation}));
  n.node.attributes.Set("pads", Ints(c.pads));
  if (!activation.empty()) n.node.attributes.Set("activation", String(activation));
  if (!params.empty()) n.node.attributes.Set("activation_params", Floats(params));
  n.inputs.push_back(RandomTensor({c.batch, c.h, c.w, c.channels}, seed));
  n.inputs.push_back(RandomTensor({c.filters, c.channels, c.kernel, c.kernel}, seed + 1));
  n.inputs.push_back(RandomTensor({c.filters}, seed + 2));
  n.known = {false, true, true};
  if (c.z) {
    const int64_t out_h = OutSize(c.h, c.pads[0], c.pads[2], c);
    const int64_t out_w = OutSize(c.w, c.pads[1], c.pads[3], c);
    n.inputs.push_back(RandomTensor({c.batch, out_h, out_w, c.filters}, seed + 3));
    n.known.push_back(false);
  }
  return n;
}

std::vector<NhwcCase> Cases() {
  std::vector<NhwcCase> cases;
  for (int64_t channels : {3, 17, 130}) {  // 130 x 9: two depth chunks of a 64-filter panel
    for (int64_t filters : {1, 16, 17, 67}) {
      cases.push_back({1, channels, filters, 7, 7, 3, 1, 1, {1, 1, 1, 1}, filters % 2 == 1});
    }
  }
  cases.push_back({1, 9, 33, 13, 13, 3, 1, 1, {1, 1, 1, 1}, true});    // 169 pixels: uneven tasks and tiles
  cases.push_back({2, 11, 20, 9, 37, 1, 1, 1, {0, 0, 0, 0}, true});    // 1x1 read in place, batch 2
  cases.push_back({1, 12, 24, 14, 15, 3, 2, 1, {1, 1, 1, 1}, false});  // stride 2
  cases.push_back({1, 8, 19, 12, 11, 5, 1, 2, {4, 3, 4, 5}, true});    // dilation 2, asymmetric pads
  cases.push_back({1, 8, 18, 16, 16, 1, 2, 1, {0, 0, 0, 0}, false});   // 1x1 stride 2 in place (downsample)
  cases.push_back({1, 6, 18, 3, 3, 3, 1, 1, {0, 0, 0, 0}, true});      // one output pixel
  return cases;
}

bool HasPixelTile(Isa isa) { return KernelsFor(isa).pixel_tile.tile != nullptr; }

TEST(NativeConvNhwcTest, MatchesRefOnEveryLevelWithAPixelTile) {
  struct Activation {
    std::string name;
    std::vector<float> params;
  };
  const std::vector<Activation> activations = {
      {"", {}}, {"Relu", {}}, {"Clip", {-0.25f, 0.5f}}, {"HardSigmoid", {0.2f, 0.5f}}};
  int levels = 0;
  for (Isa isa : HostIsas()) {
    if (!HasPixelTile(isa)) continue;
    ++levels;
    uint32_t seed = 1100;
    for (const NhwcCase& c : Cases()) {
      for (const Activation& a : activations) {
        ExpectMatchesRef(MakeNhwcConv(c, a.name, a.params, seed), isa, Label(c) + " " + a.name);
        seed += 4;
      }
    }
  }
  if (levels == 0) GTEST_SKIP() << "no kernel level of this host has a pixel tile";
}

TEST(NativeConvNhwcTest, TwoThreadsMatchRef) {
  ThreadPoolOptions options;
  options.threads = 2;
  auto pool = ThreadPool::Create(options);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  for (Isa isa : HostIsas()) {
    if (!HasPixelTile(isa)) continue;
    uint32_t seed = 1500;
    for (const NhwcCase& c : Cases()) {
      ExpectMatchesRef(MakeNhwcConv(c, "Relu", {}, seed), isa, Label(c) + " 2 threads", 2, pool->get());
      seed += 4;
    }
  }
}

// Only where the level has the pixel tile does the backend take the node
// (and ask the passes for NHWC); elsewhere it falls back to ref.
TEST(NativeConvNhwcTest, TheBackendTakesItWhereItsLevelHasAPixelTile) {
  const NodeCase n = MakeNhwcConv({1, 4, 8, 5, 5, 3, 1, 1, {1, 1, 1, 1}, false}, "", {}, 9);
  std::vector<const Tensor*> infos;
  for (const Tensor& t : n.inputs) infos.push_back(&t);
  const InferContext ctx(n.node, 13, infos, n.known);
  for (Isa isa : HostIsas()) {
    const NativeBackend backend(isa);
    EXPECT_EQ(backend.Find(n.node, ctx) != nullptr, HasPixelTile(isa)) << IsaName(isa);
    EXPECT_EQ(backend.prefers_nhwc(), HasPixelTile(isa)) << IsaName(isa);
  }
}

}  // namespace
}  // namespace edgebench::native::testing
