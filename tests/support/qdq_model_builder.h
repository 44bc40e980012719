// Small models in the ONNX QDQ form (QuantizeLinear -> DequantizeLinear pairs
// around float ops) for the QDQ fusion and quantization tests. Weights and
// biases are drawn from a fixed seed.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/core/tensor.h"

namespace edgebench::testing {

class QdqModelBuilder {
 public:
  explicit QdqModelBuilder(int64_t opset = 13, uint32_t seed = 7);

  onnx::ModelProto& model() { return model_; }

  // A float32 graph input.
  std::string Input(const std::string& name, const std::vector<int64_t>& dims);
  // Marks `name` as a graph output of `dtype` and shape `dims`.
  void Output(const std::string& name, DType dtype, const std::vector<int64_t>& dims);

  // Initializers "<name>_scale" (float32) and "<name>_zero_point" (`type`): a
  // scalar each when given one value, else a 1-D tensor.
  struct Params {
    std::string scale;
    std::string zero_point;
  };
  Params QuantParams(const std::string& name, const std::vector<float>& scales, const std::vector<int32_t>& zero_points,
                     DType type);

  // x -> QuantizeLinear -> "<x>_q".
  std::string Quantize(const std::string& x, const Params& p);
  // q -> DequantizeLinear -> "<q>_dq"; `axis` is set when >= 0.
  std::string Dequantize(const std::string& q, const Params& p, int64_t axis = -1);
  // x -> Q -> DQ with per-tensor (scale, zero point) of `type`; the DQ output.
  std::string QuantDequant(const std::string& x, float scale, int32_t zero_point, DType type);

  // A constant weight of `type` (values in the type's range, symmetric for
  // int8), dequantized with `scales`: one (per tensor) or one per index of
  // `axis` (per channel, zero points 0). Returns the DQ output.
  std::string Weight(const std::string& name, const std::vector<int64_t>& dims, const std::vector<float>& scales,
                     int64_t axis, DType type = DType::kInt8);
  // A constant int32 bias of `n` values behind a DQ with per-tensor or
  // per-channel `scales` and zero point 0. Returns the DQ output.
  std::string Int32Bias(const std::string& name, int64_t n, const std::vector<float>& scales);
  // A float32 constant of `dims` with values in [-range, range).
  std::string FloatConstant(const std::string& name, const std::vector<int64_t>& dims, float range);

  // One node with one output, named "<name>_out" unless given; returns it.
  onnx::NodeProto* Node(const std::string& op, const std::string& name, const std::vector<std::string>& inputs,
                        const std::string& output = "");
  static std::string OutputOf(const onnx::NodeProto* node) { return node->output(0); }
  static void IntAttr(onnx::NodeProto* node, const std::string& name, int64_t value);
  static void IntsAttr(onnx::NodeProto* node, const std::string& name, const std::vector<int64_t>& values);
  static void FloatAttr(onnx::NodeProto* node, const std::string& name, float value);

 private:
  onnx::ModelProto model_;
  uint32_t seed_;
};

// The op types of the graph's nodes, in order.
std::vector<std::string> OpTypes(const onnx::ModelProto& model);

}  // namespace edgebench::testing
