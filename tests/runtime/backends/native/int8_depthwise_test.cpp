// The native depthwise QLinearConv (int8_depthwise.h) against ref's direct
// loop, on shape grids with fixed seeds, for every INT8 kernel level this
// host runs. Both sum the exact int32 products and requantize with the same
// float expression (x_scale * w_scale / y_scale, float(acc + B) *
// multiplier, round half to even), so the outputs must be equal byte for byte.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "runtime/backends/native/int8_ops.h"
#include "runtime/core/thread_pool.h"
#include "tests/runtime/backends/native/qconv_case.h"

namespace edgebench::native::testing {
namespace {

constexpr DType kU8 = DType::kUInt8;
constexpr DType kS8 = DType::kInt8;

struct DwCase {
  int64_t batch, channels, multiplier, h, w, kernel_h, kernel_w, stride, dilation;
  std::vector<int64_t> pads;  // top, left, bottom, right
  DType x_type, w_type, y_type;
  int32_t x_zp, w_zp, y_zp;  // w_zp < 0: per-channel zero points (varying)
  bool per_channel_scale, bias;
};

std::string Label(const DwCase& c) {
  std::string s = "N" + std::to_string(c.batch) + " C" + std::to_string(c.channels) + " x" +
                  std::to_string(c.multiplier) + " " + std::to_string(c.h) + "x" + std::to_string(c.w) + " k" +
                  std::to_string(c.kernel_h) + "x" + std::to_string(c.kernel_w) + " s" + std::to_string(c.stride) +
                  " d" + std::to_string(c.dilation) + " pads";
  for (int64_t p : c.pads) s += " " + std::to_string(p);
  s += std::string(" x:") + DTypeName(c.x_type) + " w:" + DTypeName(c.w_type) + " y:" + DTypeName(c.y_type) +
       " zp " + std::to_string(c.x_zp) + "/" + std::to_string(c.w_zp) + "/" + std::to_string(c.y_zp);
  return s + (c.per_channel_scale ? " per-channel" : " per-tensor") + (c.bias ? " bias" : "");
}

NodeCase MakeDepthwise(const DwCase& c, uint32_t seed) {
  const int64_t filters = c.channels * c.multiplier;
  NodeCase n;
  n.node.name = "dw";
  n.node.op_type = "QLinearConv";
  n.node.inputs = {0, 1, 2, 3, 4, 5, 6, 7};
  if (c.bias) n.node.inputs.push_back(8);
  n.node.outputs = {9};
  n.node.attributes.Set("kernel_shape", Ints({c.kernel_h, c.kernel_w}));
  n.node.attributes.Set("strides", Ints({c.stride, c.stride}));
  n.node.attributes.Set("dilations", Ints({c.dilation, c.dilation}));
  n.node.attributes.Set("pads", Ints(c.pads));
  n.node.attributes.Set("group", Int(c.channels));
  uint32_t s = seed;
  std::vector<float> w_scales;
  for (int64_t m = 0; m < (c.per_channel_scale ? filters : 1); ++m) {
    w_scales.push_back(0.004f + 0.004f * static_cast<float>(Next(&s) % 1000) / 1000.0f);
  }
  const float x_scale = 0.021f;
  // Outputs that span the 8-bit range: |acc| grows like sqrt(taps) * 128 * 74.
  const float y_scale = x_scale * w_scales[0] * 120.0f * std::sqrt(static_cast<float>(c.kernel_h * c.kernel_w));
  n.inputs.push_back(Random8(c.x_type, {c.batch, c.channels, c.h, c.w}, seed));
  n.inputs.push_back(Floats({x_scale}, true));
  n.inputs.push_back(Bytes8(c.x_type, {}, {c.x_zp}));
  n.inputs.push_back(Random8(c.w_type, {filters, 1, c.kernel_h, c.kernel_w}, seed + 1));
  n.inputs.push_back(Floats(w_scales, !c.per_channel_scale));
  std::vector<int32_t> w_zps;
  for (int64_t m = 0; m < (c.per_channel_scale ? filters : 1); ++m) w_zps.push_back(c.w_zp >= 0 ? c.w_zp : 3 * m + 5);
  n.inputs.push_back(Bytes8(c.w_type, c.per_channel_scale ? Shape{filters} : Shape{}, w_zps));
  n.inputs.push_back(Floats({y_scale}, true));
  n.inputs.push_back(Bytes8(c.y_type, {}, {c.y_zp}));
  if (c.bias) {
    Tensor b = Tensor::Allocate(DType::kInt32, {filters}).value();
    for (int64_t m = 0; m < filters; ++m) b.data<int32_t>()[m] = static_cast<int32_t>(Next(&s) % 20001) - 10000;
    n.inputs.push_back(std::move(b));
  }
  n.known.assign(n.inputs.size(), true);
  n.known[0] = false;
  return n;
}

void ExpectEqualToRef(const DwCase& c, uint32_t seed, int threads = 1, ThreadPool* pool = nullptr) {
  const NodeCase n = MakeDepthwise(c, seed);
  std::vector<const Tensor*> infos;
  for (const Tensor& t : n.inputs) infos.push_back(&t);
  const InferContext ictx(n.node, 13, infos, n.known);
  ASSERT_TRUE(SupportsQLinearConv(ictx)) << Label(c);
  const Tensor want = RunOp(*FindRefOp("", "QLinearConv"), n);
  for (Int8Isa isa : HostInt8Isas()) {
    ExpectSameBytes(RunOp(NativeQLinearConvOp(isa), n, threads, pool), want,
                    Label(c) + " [" + Int8IsaName(isa) + "]");
  }
}

// MobileNet's shapes: 3x3, stride 1 and 2, pads 1, over channel counts that
// are not multiples of the vector width and odd planes (column tails of every
// kernel width, rows of 64 pixels and more for the 4-register blocks).
TEST(Int8Depthwise, Kernel3x3GridMatchesRefExactly) {
  uint32_t seed = 1;
  for (int64_t channels : {1, 3, 17, 40}) {
    for (const auto& hw : std::vector<std::pair<int64_t, int64_t>>{{1, 1}, {5, 7}, {11, 13}, {9, 75}, {6, 130}}) {
      for (int64_t stride : {1, 2}) {
        const DwCase c{1, channels, 1, hw.first, hw.second, 3, 3, stride, 1, {1, 1, 1, 1}, kU8, kS8, kU8,
                       131, -1, 120, true, true};
        ExpectEqualToRef(c, seed++);
      }
    }
  }
}

TEST(Int8Depthwise, KernelsStridesPadsDilationMatchRefExactly) {
  uint32_t seed = 100;
  const std::vector<DwCase> cases = {
      {1, 17, 1, 12, 19, 3, 3, 1, 1, {0, 0, 0, 0}, kU8, kS8, kU8, 128, 0, 128, true, true},     // no pads
      {1, 17, 1, 12, 19, 3, 3, 2, 1, {0, 0, 0, 0}, kU8, kS8, kU8, 128, 0, 128, true, true},     // no pads, s2
      {1, 16, 1, 13, 20, 3, 3, 2, 1, {0, 0, 1, 1}, kU8, kS8, kU8, 77, 0, 128, true, true},      // TF-style s2 pads
      {1, 9, 1, 10, 11, 3, 3, 1, 1, {2, 0, 1, 3}, kU8, kS8, kU8, 61, 0, 128, true, true},       // asymmetric
      {1, 8, 1, 14, 17, 5, 5, 1, 1, {2, 2, 2, 2}, kU8, kS8, kU8, 128, -1, 128, true, true},     // 5x5
      {1, 8, 1, 14, 17, 5, 5, 2, 1, {2, 2, 2, 2}, kU8, kS8, kU8, 128, 0, 128, true, true},      // 5x5 s2
      {1, 5, 1, 15, 21, 7, 7, 3, 1, {3, 3, 3, 3}, kU8, kS8, kU8, 128, 0, 128, false, false},    // 7x7 s3
      {1, 6, 1, 12, 12, 3, 3, 1, 2, {2, 2, 2, 2}, kU8, kS8, kU8, 128, 0, 128, true, true},      // dilation 2
      {1, 6, 1, 13, 14, 3, 3, 2, 2, {2, 2, 2, 2}, kU8, kS8, kU8, 128, 0, 128, true, true},      // dilation 2, s2
      {1, 7, 1, 25, 5, 3, 3, 1, 1, {1, 1, 1, 1}, kU8, kS8, kU8, 128, 0, 128, true, true},       // DS-CNN's 25x5
      {1, 7, 1, 9, 10, 1, 1, 1, 1, {0, 0, 0, 0}, kU8, kS8, kU8, 128, 0, 128, true, true},       // 1x1
      {1, 7, 1, 9, 16, 1, 4, 1, 1, {0, 1, 0, 2}, kU8, kS8, kU8, 128, 0, 128, true, true},       // 1x4
      {1, 7, 1, 16, 9, 4, 2, 2, 1, {1, 0, 2, 1}, kU8, kS8, kU8, 128, 0, 128, true, true},       // 4x2 s2
      {2, 10, 1, 9, 11, 3, 3, 1, 1, {1, 1, 1, 1}, kU8, kS8, kU8, 128, 0, 128, true, true},      // batch 2
      {1, 6, 3, 9, 11, 3, 3, 1, 1, {1, 1, 1, 1}, kU8, kS8, kU8, 128, -1, 128, true, true},      // multiplier 3
      {2, 4, 2, 8, 9, 3, 3, 2, 1, {1, 1, 1, 1}, kS8, kS8, kS8, -3, 0, 5, true, true},           // multiplier 2, s2
  };
  for (const DwCase& c : cases) ExpectEqualToRef(c, seed++);
}

// Planes of more than 4096 pairs go in bands of output rows (the last band
// shorter): strides 1, 2 and 3, 5x5, a channel multiplier.
TEST(Int8Depthwise, BandsOfLargePlanesMatchRefExactly) {
  uint32_t seed = 400;
  const std::vector<DwCase> cases = {
      {1, 3, 1, 70, 67, 3, 3, 1, 1, {1, 1, 1, 1}, kU8, kS8, kU8, 128, -1, 128, true, true},
      {1, 3, 1, 140, 133, 3, 3, 2, 1, {1, 1, 1, 1}, kS8, kS8, kS8, 3, 0, -1, true, true},
      {1, 2, 1, 66, 80, 5, 5, 1, 1, {2, 2, 2, 2}, kU8, kS8, kU8, 128, 0, 128, true, true},
      {1, 2, 1, 200, 190, 3, 3, 3, 1, {1, 1, 1, 1}, kU8, kS8, kU8, 128, 0, 128, true, true},
      {1, 2, 2, 65, 71, 3, 3, 1, 2, {2, 2, 2, 2}, kU8, kU8, kU8, 128, -1, 128, true, true},
  };
  for (const DwCase& c : cases) ExpectEqualToRef(c, seed++);
}

TEST(Int8Depthwise, TypesAndZeroPointsMatchRefExactly) {
  uint32_t seed = 200;
  for (DType x_type : {kU8, kS8}) {
    for (DType w_type : {kU8, kS8}) {
      for (DType y_type : {kU8, kS8}) {
        for (bool per_channel : {false, true}) {
          const int32_t x_zp = x_type == kU8 ? 137 : -9;
          const int32_t w_zp = per_channel ? -1 : (w_type == kU8 ? 128 : 0);
          const int32_t y_zp = y_type == kU8 ? 118 : 3;
          for (int64_t stride : {1, 2}) {
            const DwCase c{1, 19, 1, 10, 37, 3, 3, stride, 1, {1, 1, 1, 1}, x_type, w_type, y_type,
                           x_zp, w_zp, y_zp, per_channel, stride == 1};
            ExpectEqualToRef(c, seed++);
          }
        }
      }
    }
  }
  // All zero points 0 (a symmetric export), and weights at their type's extremes.
  ExpectEqualToRef({1, 21, 1, 9, 33, 3, 3, 1, 1, {1, 1, 1, 1}, kS8, kS8, kS8, 0, 0, 0, true, true}, seed++);
  ExpectEqualToRef({1, 21, 1, 9, 33, 3, 3, 1, 1, {1, 1, 1, 1}, kU8, kU8, kU8, 128, 255, 128, false, true}, seed++);
}

TEST(Int8Depthwise, ThreadedMatchesRefExactly) {
  ThreadPoolOptions options;
  options.threads = 2;
  auto pool = ThreadPool::Create(options);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  ExpectEqualToRef({1, 72, 1, 28, 28, 3, 3, 1, 1, {1, 1, 1, 1}, kU8, kS8, kU8, 128, 0, 128, true, true}, 300, 2,
                   pool->get());
  ExpectEqualToRef({2, 37, 1, 29, 31, 3, 3, 2, 1, {1, 1, 1, 1}, kS8, kS8, kS8, 1, -1, -2, true, true}, 301, 2,
                   pool->get());
}

}  // namespace
}  // namespace edgebench::native::testing
