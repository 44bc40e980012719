// QLinearConv test cases for the native INT8 tests: a case's shape, types
// and zero points, its label, and the node with fixed-seed random inputs.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "tests/runtime/backends/native/op_runner.h"

namespace edgebench::native::testing {

struct QConvCase {
  int64_t batch, channels, filters, group, h, w, kernel, stride, dilation;
  std::vector<int64_t> pads;  // top, left, bottom, right
  DType x_type, w_type, y_type;
  int32_t x_zp, w_zp, y_zp;  // w_zp < 0: per-channel zero points (odd, varying)
  bool per_channel_scale, bias;
};

inline std::string Label(const QConvCase& c) {
  std::string s = "N" + std::to_string(c.batch) + " C" + std::to_string(c.channels) + " M" +
                  std::to_string(c.filters) + " g" + std::to_string(c.group) + " " + std::to_string(c.h) + "x" +
                  std::to_string(c.w) + " k" + std::to_string(c.kernel) + " s" + std::to_string(c.stride) + " d" +
                  std::to_string(c.dilation) + " pads";
  for (int64_t p : c.pads) s += " " + std::to_string(p);
  s += std::string(" x:") + DTypeName(c.x_type) + " w:" + DTypeName(c.w_type) + " y:" + DTypeName(c.y_type) +
       " zp " + std::to_string(c.x_zp) + "/" + std::to_string(c.w_zp) + "/" + std::to_string(c.y_zp);
  return s + (c.per_channel_scale ? " per-channel" : " per-tensor") + (c.bias ? " bias" : "");
}

inline Tensor Floats(const std::vector<float>& values, bool scalar) {
  Tensor t = Tensor::Allocate(DType::kFloat32, scalar ? Shape{} : Shape{static_cast<int64_t>(values.size())}).value();
  for (size_t i = 0; i < values.size(); ++i) t.data<float>()[i] = values[i];
  return t;
}

inline NodeCase MakeQConv(const QConvCase& c, uint32_t seed) {
  NodeCase n;
  n.node.name = "qconv";
  n.node.op_type = "QLinearConv";
  n.node.inputs = {0, 1, 2, 3, 4, 5, 6, 7};
  if (c.bias) n.node.inputs.push_back(8);
  n.node.outputs = {9};
  n.node.attributes.Set("kernel_shape", Ints({c.kernel, c.kernel}));
  n.node.attributes.Set("strides", Ints({c.stride, c.stride}));
  n.node.attributes.Set("dilations", Ints({c.dilation, c.dilation}));
  n.node.attributes.Set("pads", Ints(c.pads));
  n.node.attributes.Set("group", Int(c.group));
  const int64_t depth = c.channels / c.group * c.kernel * c.kernel;
  uint32_t s = seed;
  std::vector<float> w_scales;
  for (int64_t m = 0; m < (c.per_channel_scale ? c.filters : 1); ++m) {
    w_scales.push_back(0.004f + 0.004f * static_cast<float>(Next(&s) % 1000) / 1000.0f);
  }
  const float x_scale = 0.021f;
  // Outputs that span the 8-bit range: |acc| grows like sqrt(depth) * 128 * 74.
  const float y_scale = x_scale * w_scales[0] * 120.0f * std::sqrt(static_cast<float>(depth));
  n.inputs.push_back(Random8(c.x_type, {c.batch, c.channels, c.h, c.w}, seed));
  n.inputs.push_back(Floats({x_scale}, true));
  n.inputs.push_back(Bytes8(c.x_type, {}, {c.x_zp}));
  n.inputs.push_back(Random8(c.w_type, {c.filters, c.channels / c.group, c.kernel, c.kernel}, seed + 1));
  n.inputs.push_back(Floats(w_scales, !c.per_channel_scale));
  if (c.w_zp >= 0 || c.w_zp == -128) {
    n.inputs.push_back(c.per_channel_scale
                           ? Bytes8(c.w_type, {c.filters}, std::vector<int32_t>(static_cast<size_t>(c.filters), c.w_zp))
                           : Bytes8(c.w_type, {}, {c.w_zp}));
  } else {
    // Per-channel zero points: odd, different for each filter.
    Tensor zp = Tensor::Allocate(c.w_type, {c.filters}).value();
    for (int64_t m = 0; m < c.filters; ++m) static_cast<uint8_t*>(zp.raw_data())[m] = static_cast<uint8_t>(2 * m + 3);
    n.inputs.push_back(std::move(zp));
  }
  n.inputs.push_back(Floats({y_scale}, true));
  n.inputs.push_back(Bytes8(c.y_type, {}, {c.y_zp}));
  if (c.bias) {
    Tensor b = Tensor::Allocate(DType::kInt32, {c.filters}).value();
    for (int64_t m = 0; m < c.filters; ++m) b.data<int32_t>()[m] = static_cast<int32_t>(Next(&s) % 20001) - 10000;
    n.inputs.push_back(std::move(b));
  }
  n.known.assign(n.inputs.size(), true);
  n.known[0] = false;
  return n;
}

}  // namespace edgebench::native::testing
