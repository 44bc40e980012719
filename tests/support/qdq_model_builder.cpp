#include "tests/support/qdq_model_builder.h"

#include <cmath>

#include "tests/support/tensor_values.h"
#include "tests/support/tiny_models.h"

namespace edgebench::testing {

QdqModelBuilder::QdqModelBuilder(int64_t opset, uint32_t seed) : model_(MakeEmptyModel(opset)), seed_(seed) {}

std::string QdqModelBuilder::Input(const std::string& name, const std::vector<int64_t>& dims) {
  AddInput(model_, name, DType::kFloat32, dims);
  return name;
}

void QdqModelBuilder::Output(const std::string& name, DType dtype, const std::vector<int64_t>& dims) {
  AddOutput(model_, name, dtype, dims);
}

QdqModelBuilder::Params QdqModelBuilder::QuantParams(const std::string& name, const std::vector<float>& scales,
                                                     const std::vector<int32_t>& zero_points, DType type) {
  const Shape shape = scales.size() == 1 ? Shape{} : Shape{static_cast<int64_t>(scales.size())};
  Params p{name + "_scale", name + "_zero_point"};
  AddInitializer(model_, p.scale, MakeTensor(DType::kFloat32, shape, {scales.begin(), scales.end()}));
  AddInitializer(model_, p.zero_point, MakeTensor(type, shape, {zero_points.begin(), zero_points.end()}));
  return p;
}

std::string QdqModelBuilder::Quantize(const std::string& x, const Params& p) {
  return OutputOf(Node("QuantizeLinear", x + "_quantize", {x, p.scale, p.zero_point}, x + "_q"));
}

std::string QdqModelBuilder::Dequantize(const std::string& q, const Params& p, int64_t axis) {
  auto* node = Node("DequantizeLinear", q + "_dequantize", {q, p.scale, p.zero_point}, q + "_dq");
  if (axis >= 0) IntAttr(node, "axis", axis);
  return OutputOf(node);
}

std::string QdqModelBuilder::QuantDequant(const std::string& x, float scale, int32_t zero_point, DType type) {
  return Dequantize(Quantize(x, QuantParams(x, {scale}, {zero_point}, type)), QuantParams(x + "_q", {scale}, {zero_point}, type));
}

std::string QdqModelBuilder::Weight(const std::string& name, const std::vector<int64_t>& dims,
                                    const std::vector<float>& scales, int64_t axis, DType type) {
  int64_t n = 1;
  for (int64_t d : dims) n *= d;
  std::vector<double> values = RandomValues(n, seed_++);
  for (double& v : values) v = type == DType::kInt8 ? std::round(v * 127.0) : std::round((v + 1.0) * 127.5);
  AddInitializer(model_, name, MakeTensor(type, dims, values));
  const int32_t zero = type == DType::kInt8 ? 0 : 128;
  const Params p = QuantParams(name, scales, std::vector<int32_t>(scales.size(), zero), type);
  return Dequantize(name, p, scales.size() > 1 ? axis : -1);
}

std::string QdqModelBuilder::Int32Bias(const std::string& name, int64_t n, const std::vector<float>& scales) {
  std::vector<double> values = RandomValues(n, seed_++);
  for (double& v : values) v = std::round(v * 2000.0);
  AddInitializer(model_, name, MakeTensor(DType::kInt32, {n}, values));
  const Params p = QuantParams(name, scales, std::vector<int32_t>(scales.size(), 0), DType::kInt32);
  return Dequantize(name, p, scales.size() > 1 ? 0 : -1);
}

std::string QdqModelBuilder::FloatConstant(const std::string& name, const std::vector<int64_t>& dims, float range) {
  int64_t n = 1;
  for (int64_t d : dims) n *= d;
  std::vector<double> values = RandomValues(n, seed_++);
  for (double& v : values) v *= range;
  AddInitializer(model_, name, MakeTensor(DType::kFloat32, dims, values));
  return name;
}

onnx::NodeProto* QdqModelBuilder::Node(const std::string& op, const std::string& name,
                                       const std::vector<std::string>& inputs, const std::string& output) {
  return AddNode(model_, op, inputs, {output.empty() ? name + "_out" : output}, name);
}

void QdqModelBuilder::IntAttr(onnx::NodeProto* node, const std::string& name, int64_t value) {
  AddAttribute(node, name, onnx::AttributeProto::INT)->set_i(value);
}

void QdqModelBuilder::IntsAttr(onnx::NodeProto* node, const std::string& name, const std::vector<int64_t>& values) {
  auto* attr = AddAttribute(node, name, onnx::AttributeProto::INTS);
  for (int64_t v : values) attr->add_ints(v);
}

void QdqModelBuilder::FloatAttr(onnx::NodeProto* node, const std::string& name, float value) {
  AddAttribute(node, name, onnx::AttributeProto::FLOAT)->set_f(value);
}

std::vector<std::string> OpTypes(const onnx::ModelProto& model) {
  std::vector<std::string> types;
  for (const auto& node : model.graph().node()) types.push_back(node.op_type());
  return types;
}

}  // namespace edgebench::testing
