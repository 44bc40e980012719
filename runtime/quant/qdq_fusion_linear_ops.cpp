#include "runtime/quant/qdq_fusion_fuser.h"

namespace edgebench::qdq_fusion_detail {

Expected<Fusion> QdqFuser::MatchConv(int n) {
  const onnx::NodeProto& conv = node(n);
  Fusion f;
  EB_ASSIGN_OR_RETURN(const int dq_x, Dequantizer(n, 0));
  EB_ASSIGN_OR_RETURN(const int dq_w, Dequantizer(n, 1));
  int clamp = -1;
  EB_ASSIGN_OR_RETURN(const int q, OutputQuantizer(n, &clamp));
  EB_ASSIGN_OR_RETURN(const QuantParams x, ActivationParams(dq_x));
  EB_ASSIGN_OR_RETURN(const QuantParams w, ReadParams(dq_w));
  EB_ASSIGN_OR_RETURN(const QuantParams y, ActivationParams(q));
  EB_RETURN_IF_ERROR(CheckWeight(w, 0, "weight"));
  if (y.elem_type != x.elem_type) return Unsupported("input and output types differ");
  if (x.elem_type == onnx::TensorProto::INT8 && w.elem_type != onnx::TensorProto::INT8) {
    return Unsupported("int8 input with " + TypeName(w.elem_type) + " weights");
  }
  if (clamp >= 0) EB_RETURN_IF_ERROR(CheckClampIsSaturation(clamp, y));
  std::string bias;
  if (conv.input_size() > 2 && !conv.input(2).empty()) {
    std::vector<float> accumulator_scales;
    for (float ws : w.scales) accumulator_scales.push_back(x.scales[0] * ws);
    EB_ASSIGN_OR_RETURN(bias, IntegerBias(conv.input(2), accumulator_scales, 1.0f, f));
  }
  f.node.set_op_type("QLinearConv");
  f.node.set_name(conv.name());
  for (const std::string& in : {x.data, x.scale, ZeroPointInput(x, f), w.data, w.scale, ZeroPointInput(w, f), y.scale,
                                ZeroPointInput(y, f)}) {
    f.node.add_input(in);
  }
  if (!bias.empty()) f.node.add_input(bias);
  f.node.add_output(y.data);
  *f.node.mutable_attribute() = conv.attribute();
  f.dequantizers.insert(f.dequantizers.end(), {dq_x, dq_w});
  f.absorbed.push_back(q);
  if (clamp >= 0) f.absorbed.push_back(clamp);
  return f;
}

Expected<Fusion> QdqFuser::MatchMatMul(int n) {
  const onnx::NodeProto& matmul = node(n);
  Fusion f;
  EB_ASSIGN_OR_RETURN(const int dq_a, Dequantizer(n, 0));
  EB_ASSIGN_OR_RETURN(const int dq_b, Dequantizer(n, 1));
  int clamp = -1;
  EB_ASSIGN_OR_RETURN(const int q, OutputQuantizer(n, &clamp));
  EB_ASSIGN_OR_RETURN(const QuantParams a, ActivationParams(dq_a));
  EB_ASSIGN_OR_RETURN(const QuantParams b, ReadParams(dq_b));
  EB_ASSIGN_OR_RETURN(const QuantParams y, ActivationParams(q));
  if (!Is8Bit(b.elem_type)) return Unsupported("input '" + b.data + "' is " + TypeName(b.elem_type));
  // QLinearMatMul takes b per column only as a [N] vector: a 2-D constant b.
  if (!b.per_tensor()) {
    const onnx::TensorProto* constant = index_.initializer(b.data);
    if (constant == nullptr || constant->dims_size() != 2) {
      return Unsupported("input '" + b.data + "' is quantized per channel but is not a 2-D constant");
    }
    EB_RETURN_IF_ERROR(CheckWeight(b, 1, "input"));
  }
  if (y.elem_type != a.elem_type) return Unsupported("input and output types differ");
  if (a.elem_type == onnx::TensorProto::INT8 && b.elem_type != onnx::TensorProto::INT8) {
    return Unsupported("int8 input with " + TypeName(b.elem_type) + " weights");
  }
  if (clamp >= 0) EB_RETURN_IF_ERROR(CheckClampIsSaturation(clamp, y));
  f.node.set_op_type("QLinearMatMul");
  f.node.set_name(matmul.name());
  for (const std::string& in : {a.data, a.scale, ZeroPointInput(a, f), b.data, b.scale, ZeroPointInput(b, f), y.scale,
                                ZeroPointInput(y, f)}) {
    f.node.add_input(in);
  }
  f.node.add_output(y.data);
  f.dequantizers.insert(f.dequantizers.end(), {dq_a, dq_b});
  f.absorbed.push_back(q);
  if (clamp >= 0) f.absorbed.push_back(clamp);
  return f;
}

Expected<Fusion> QdqFuser::MatchGemm(int n) {
  const onnx::NodeProto& gemm = node(n);
  Fusion f;
  EB_ASSIGN_OR_RETURN(const int dq_a, Dequantizer(n, 0));
  EB_ASSIGN_OR_RETURN(const int dq_b, Dequantizer(n, 1));
  int clamp = -1;
  EB_ASSIGN_OR_RETURN(const int q, OutputQuantizer(n, &clamp));
  EB_ASSIGN_OR_RETURN(const QuantParams a, ActivationParams(dq_a));
  EB_ASSIGN_OR_RETURN(const QuantParams b, ReadParams(dq_b));
  EB_ASSIGN_OR_RETURN(const QuantParams y, ActivationParams(q));
  const int64_t trans_b = IntAttribute(gemm, "transB", 0);
  EB_RETURN_IF_ERROR(CheckWeight(b, trans_b ? 0 : 1, "weight"));  // per channel: along N
  if (y.elem_type != a.elem_type) return Unsupported("input and output types differ");
  if (a.elem_type == onnx::TensorProto::INT8 && b.elem_type != onnx::TensorProto::INT8) {
    return Unsupported("int8 input with " + TypeName(b.elem_type) + " weights");
  }
  if (clamp >= 0) EB_RETURN_IF_ERROR(CheckClampIsSaturation(clamp, y));
  // QGemm's C is int32 at scale alpha * a_scale * b_scale and has no beta, so
  // beta is folded into it: round(beta * C / (alpha * a_scale * b_scale)).
  const float alpha = FloatAttribute(gemm, "alpha", 1.0f);
  const float beta = FloatAttribute(gemm, "beta", 1.0f);
  std::string bias;
  if (gemm.input_size() > 2 && !gemm.input(2).empty()) {
    std::vector<float> accumulator_scales;
    for (float bs : b.scales) accumulator_scales.push_back(alpha * a.scales[0] * bs);
    EB_ASSIGN_OR_RETURN(bias, IntegerBias(gemm.input(2), accumulator_scales, beta, f));
  }
  f.node.set_op_type("QGemm");
  f.node.set_domain(kMicrosoftDomain);
  f.node.set_name(gemm.name());
  for (const std::string& in : {a.data, a.scale, ZeroPointInput(a, f), b.data, b.scale, ZeroPointInput(b, f), bias,
                                y.scale, ZeroPointInput(y, f)}) {
    f.node.add_input(in);
  }
  f.node.add_output(y.data);
  for (const auto& attr : gemm.attribute()) {
    if (attr.name() != "beta") *f.node.add_attribute() = attr;
  }
  f.dequantizers.insert(f.dequantizers.end(), {dq_a, dq_b});
  f.absorbed.push_back(q);
  if (clamp >= 0) f.absorbed.push_back(clamp);
  return f;
}

}  // namespace edgebench::qdq_fusion_detail
