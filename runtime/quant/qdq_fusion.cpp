#include "runtime/quant/qdq_fusion.h"

#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "runtime/quant/onnx_graph_edit.h"
#include "runtime/quant/onnx_model_edit.h"

namespace edgebench {
namespace {

constexpr char kDequantize[] = "DequantizeLinear";
constexpr char kQuantize[] = "QuantizeLinear";
constexpr char kMicrosoftDomain[] = "com.microsoft";

// Ops that only move or select elements: on equal input and output
// quantization parameters, running them on the quantized tensor gives exactly
// what DQ -> op -> Q gives.
const std::set<std::string> kDataMovementOps = {"MaxPool", "Reshape", "Flatten", "Transpose", "Squeeze", "Unsqueeze"};

bool IsOp(const onnx::NodeProto& node, const char* op_type) {
  return node.op_type() == op_type && (node.domain().empty() || node.domain() == "ai.onnx");
}

bool Is8Bit(int elem_type) {
  return elem_type == onnx::TensorProto::UINT8 || elem_type == onnx::TensorProto::INT8;
}

std::string TypeName(int elem_type) {
  return onnx::TensorProto::DataType_Name(static_cast<onnx::TensorProto::DataType>(elem_type));
}

// The scale and zero point of one QuantizeLinear or DequantizeLinear, read
// from its initializers.
struct QuantParams {
  int node = -1;
  std::string data;        // the quantized tensor: the DQ's input, the Q's output
  std::string scale;       // initializer names; zero_point empty when absent
  std::string zero_point;
  int elem_type = 0;       // of the quantized tensor
  std::vector<float> scales;
  std::vector<int32_t> zero_points;  // as many as scales
  int64_t axis = 1;                  // the raw attribute (opset 13 on)

  bool per_tensor() const { return scales.size() == 1; }
  // Same type, scale and zero point: a requantization between them is the identity.
  bool SameAs(const QuantParams& o) const {
    return per_tensor() && o.per_tensor() && elem_type == o.elem_type && scales[0] == o.scales[0] &&
           zero_points[0] == o.zero_points[0];
  }
};

// The integer node that replaces one float op, and what it absorbs.
struct Fusion {
  onnx::NodeProto node;
  std::vector<int> dequantizers;  // DQ nodes whose outputs the float op read
  std::vector<int> absorbed;      // the Q, and a Relu/Clip: removed
  std::vector<std::pair<std::string, Tensor>> initializers;  // new: zero points, biases
};

class QdqFuser {
 public:
  explicit QdqFuser(onnx::ModelProto& model)
      : model_(model),
        graph_(*model.mutable_graph()),
        index_(graph_),
        names_(graph_),
        types_(StatedElemTypes(graph_)),
        subgraph_reads_(SubgraphReads(graph_)),
        opset_(DefaultOpset(model)) {}

  void Run(QdqFusionReport* report);

 private:
  const onnx::NodeProto& node(int n) const { return graph_.node(n); }
  bool InQdqForm(int n) const;
  Expected<Fusion> Match(int n);
  Expected<Fusion> MatchConv(int n);
  Expected<Fusion> MatchMatMul(int n);
  Expected<Fusion> MatchGemm(int n);
  Expected<Fusion> MatchDataMovement(int n);
  Expected<Fusion> MatchConcat(int n);

  // The DequantizeLinear writing input `slot` of node n.
  Expected<int> Dequantizer(int n, int slot) const;
  Expected<QuantParams> ReadParams(int q_or_dq) const;
  // Params of an activation: per tensor, 8-bit.
  Expected<QuantParams> ActivationParams(int q_or_dq) const;
  // The Q that alone reads node n's only output, directly or (when
  // `clamp` is given) through a Relu/Clip written to *clamp.
  Expected<int> OutputQuantizer(int n, int* clamp) const;
  Status CheckClampIsSaturation(int clamp, const QuantParams& y) const;
  // Checks weights in `w` are a constant, per tensor or per channel along `axis`.
  Status CheckWeight(const QuantParams& w, int64_t axis, const char* what) const;
  // An int32 bias with scale `scales[c]` per last-dim index c (one scale for
  // all when there is one), from a DQ of int32 or a float initializer, times
  // `multiplier`. Reuses the DQ's initializer when it already is that.
  Expected<std::string> IntegerBias(const std::string& bias, const std::vector<float>& scales, float multiplier,
                                    Fusion& fusion);
  // The zero point input for `p`, made (0 of p's type) when the node had none.
  std::string ZeroPointInput(const QuantParams& p, Fusion& fusion);

  onnx::ModelProto& model_;
  onnx::GraphProto& graph_;
  GraphIndex index_;
  NameGenerator names_;
  std::map<std::string, int> types_;
  std::set<std::string> subgraph_reads_;
  int64_t opset_;
};

Expected<int> QdqFuser::Dequantizer(int n, int slot) const {
  const std::string& value = node(n).input(slot);
  const int producer = index_.producer(value);
  if (producer < 0 || !IsOp(node(producer), kDequantize)) {
    return Unsupported("input '" + value + "' is not dequantized");
  }
  return producer;
}

Expected<QuantParams> QdqFuser::ReadParams(int q_or_dq) const {
  const onnx::NodeProto& qdq = node(q_or_dq);
  const bool is_q = IsOp(qdq, kQuantize);
  QuantParams p;
  p.node = q_or_dq;
  p.data = is_q ? qdq.output(0) : qdq.input(0);
  p.scale = qdq.input_size() > 1 ? qdq.input(1) : "";
  p.zero_point = qdq.input_size() > 2 ? qdq.input(2) : "";
  p.axis = IntAttribute(qdq, "axis", 1);
  const onnx::TensorProto* scale = index_.initializer(p.scale);
  if (scale == nullptr) return Unsupported("scale '" + p.scale + "' is not a constant");
  if (scale->data_type() != onnx::TensorProto::FLOAT) return Unsupported("scale '" + p.scale + "' is not float32");
  EB_ASSIGN_OR_RETURN(Tensor scales, ReadInitializer(*scale));
  p.scales.assign(scales.data<float>(), scales.data<float>() + scales.num_elements());
  for (float s : p.scales) {
    if (!(s > 0.0f) || !std::isfinite(s)) return Unsupported("scale '" + p.scale + "' is not positive and finite");
  }
  if (!p.zero_point.empty()) {
    const onnx::TensorProto* zp = index_.initializer(p.zero_point);
    if (zp == nullptr) return Unsupported("zero point '" + p.zero_point + "' is not a constant");
    EB_ASSIGN_OR_RETURN(Tensor zps, ReadInitializer(*zp));
    if (zps.num_elements() != scales.num_elements()) {
      return Unsupported("zero point '" + p.zero_point + "' and scale '" + p.scale + "' differ in size");
    }
    p.elem_type = zp->data_type();
    for (int64_t i = 0; i < zps.num_elements(); ++i) {
      switch (zps.dtype()) {
        case DType::kUInt8: p.zero_points.push_back(zps.data<uint8_t>()[i]); break;
        case DType::kInt8: p.zero_points.push_back(zps.data<int8_t>()[i]); break;
        case DType::kInt32: p.zero_points.push_back(zps.data<int32_t>()[i]); break;
        default: return Unsupported("zero point '" + p.zero_point + "' has type " + TypeName(p.elem_type));
      }
    }
  } else {
    p.zero_points.assign(p.scales.size(), 0);
    // Without a zero point QuantizeLinear writes uint8; a DQ's input type must be stated.
    auto stated = types_.find(p.data);
    p.elem_type = is_q ? onnx::TensorProto::UINT8 : (stated == types_.end() ? 0 : stated->second);
    if (p.elem_type == 0) return Unsupported("type of '" + p.data + "' is unknown (no zero point, no value_info)");
  }
  return p;
}

Expected<QuantParams> QdqFuser::ActivationParams(int q_or_dq) const {
  EB_ASSIGN_OR_RETURN(QuantParams p, ReadParams(q_or_dq));
  if (!p.per_tensor()) return Unsupported("activation '" + p.data + "' is quantized per channel");
  if (!Is8Bit(p.elem_type)) return Unsupported("activation '" + p.data + "' is " + TypeName(p.elem_type));
  return p;
}

Expected<int> QdqFuser::OutputQuantizer(int n, int* clamp) const {
  const onnx::NodeProto& op = node(n);
  if (op.output_size() != 1 && !(op.output_size() == 2 && op.output(1).empty())) {
    return Unsupported("has more than one output");
  }
  std::string value = op.output(0);
  for (int hop = 0; hop < 2; ++hop) {
    if (index_.is_graph_output(value)) return Unsupported("float output '" + value + "' is a graph output");
    if (subgraph_reads_.count(value) > 0) return Unsupported("float output '" + value + "' is read by a subgraph");
    const auto& uses = index_.consumers(value);
    if (uses.empty()) return Unsupported("float output '" + value + "' is not quantized");
    if (uses.size() > 1) {
      return Unsupported("float output '" + value + "' has " + std::to_string(uses.size()) + " readers");
    }
    const int reader = uses[0].first;
    if (IsOp(node(reader), kQuantize) && uses[0].second == 0) return reader;
    const bool is_clamp = IsOp(node(reader), "Relu") || IsOp(node(reader), "Clip");
    if (hop > 0 || clamp == nullptr || !is_clamp) {
      return Unsupported("float output '" + value + "' is read by " + DescribeNode(node(reader)) +
                         ", not a QuantizeLinear");
    }
    *clamp = reader;
    value = node(reader).output(0);
  }
  return Internal("unreachable");
}

Status QdqFuser::CheckClampIsSaturation(int clamp, const QuantParams& y) const {
  const onnx::NodeProto& c = node(clamp);
  float lo = -std::numeric_limits<float>::infinity();
  float hi = std::numeric_limits<float>::infinity();
  if (IsOp(c, "Relu")) {
    lo = 0.0f;
  } else if (opset_ < 11) {
    lo = FloatAttribute(c, "min", lo);
    hi = FloatAttribute(c, "max", hi);
  } else {
    for (int slot : {1, 2}) {
      if (c.input_size() <= slot || c.input(slot).empty()) continue;
      const onnx::TensorProto* bound = index_.initializer(c.input(slot));
      if (bound == nullptr || bound->data_type() != onnx::TensorProto::FLOAT) {
        return Unsupported(DescribeNode(c) + " has a bound that is not a float constant");
      }
      EB_ASSIGN_OR_RETURN(Tensor t, ReadInitializer(*bound));
      (slot == 1 ? lo : hi) = t.data<float>()[0];
    }
  }
  // QuantizeLinear saturates to [qmin, qmax]. The clamp changes nothing the Q
  // writes iff Q(lo) is already qmin and Q(hi) qmax (Q is monotone); for Relu
  // that is: the zero point is the type's minimum.
  const int32_t qmin = y.elem_type == onnx::TensorProto::UINT8 ? 0 : -128;
  const int32_t qmax = y.elem_type == onnx::TensorProto::UINT8 ? 255 : 127;
  auto quantize = [&](float v) {
    if (std::isinf(v)) return v < 0 ? qmin : qmax;
    const double q = std::nearbyint(static_cast<double>(v / y.scales[0])) + y.zero_points[0];
    return static_cast<int32_t>(std::clamp<double>(q, qmin, qmax));
  };
  if (quantize(lo) != qmin || quantize(hi) != qmax) {
    return Unsupported(DescribeNode(c) + " clamps inside the range of '" + y.data + "' (zero point " +
                       std::to_string(y.zero_points[0]) + "), so the QuantizeLinear's saturation is not the clamp");
  }
  return Status::Ok();
}

Status QdqFuser::CheckWeight(const QuantParams& w, int64_t axis, const char* what) const {
  const onnx::TensorProto* weight = index_.initializer(w.data);
  if (weight == nullptr) return Unsupported(std::string(what) + " '" + w.data + "' is not a constant");
  if (!Is8Bit(w.elem_type)) return Unsupported(std::string(what) + " '" + w.data + "' is " + TypeName(w.elem_type));
  if (w.per_tensor()) return Status::Ok();
  const int64_t rank = weight->dims_size();
  const int64_t w_axis = w.axis < 0 ? w.axis + rank : w.axis;
  if (w_axis != axis || static_cast<int64_t>(w.scales.size()) != weight->dims(static_cast<int>(axis))) {
    return Unsupported(std::string(what) + " '" + w.data + "' is quantized per channel along axis " +
                       std::to_string(w.axis) + "; the integer op takes axis " + std::to_string(axis));
  }
  return Status::Ok();
}

std::string QdqFuser::ZeroPointInput(const QuantParams& p, Fusion& fusion) {
  if (!p.zero_point.empty()) return p.zero_point;
  const DType dtype = static_cast<DType>(p.elem_type);
  auto zero = Tensor::Allocate(dtype, {});  // zero-filled scalar; cannot overflow
  const std::string name = names_.Make(p.data + "_zero_point");
  fusion.initializers.emplace_back(name, std::move(zero).value());
  return name;
}

Expected<std::string> QdqFuser::IntegerBias(const std::string& bias, const std::vector<float>& scales,
                                            float multiplier, Fusion& fusion) {
  // The bias as float, and whether its int32 form already has the right scale.
  Tensor values;
  std::string reusable;
  const int producer = index_.producer(bias);
  if (producer >= 0 && IsOp(node(producer), kDequantize)) {
    EB_ASSIGN_OR_RETURN(QuantParams b, ReadParams(producer));
    const onnx::TensorProto* data = index_.initializer(b.data);
    if (data == nullptr) return Unsupported("bias '" + b.data + "' is not a constant");
    if (data->data_type() != onnx::TensorProto::INT32) {
      return Unsupported("bias '" + b.data + "' is " + TypeName(data->data_type()));
    }
    EB_ASSIGN_OR_RETURN(Tensor q, ReadInitializer(*data));
    EB_ASSIGN_OR_RETURN(values, Tensor::Allocate(DType::kFloat32, q.shape()));
    const int64_t last = q.rank() > 0 ? q.dim(q.rank() - 1) : 1;
    if (!b.per_tensor() && (q.rank() != 1 || static_cast<int64_t>(b.scales.size()) != last)) {
      return Unsupported("bias '" + b.data + "' is quantized per channel along an axis other than its last");
    }
    bool same_scale = multiplier == 1.0f;
    for (int64_t i = 0; i < q.num_elements(); ++i) {
      const size_t c = b.per_tensor() ? 0 : static_cast<size_t>(i % last);
      const size_t e = scales.size() == 1 ? 0 : static_cast<size_t>(i % last);
      values.data<float>()[i] = static_cast<float>(q.data<int32_t>()[i] - b.zero_points[c]) * b.scales[c];
      // The quantizers compute bias scales as the same float product; allow
      // only float rounding between them.
      same_scale = same_scale && b.zero_points[c] == 0 && std::abs(b.scales[c] - scales[e]) <= 1e-6f * scales[e];
    }
    if (same_scale) reusable = b.data;
    fusion.dequantizers.push_back(producer);
  } else if (const onnx::TensorProto* init = index_.initializer(bias)) {
    if (init->data_type() != onnx::TensorProto::FLOAT) return Unsupported("bias '" + bias + "' is not float32");
    EB_ASSIGN_OR_RETURN(values, ReadInitializer(*init));
  } else {
    return Unsupported("bias '" + bias + "' is not a constant");
  }
  const int64_t last = values.rank() > 0 ? values.dim(values.rank() - 1) : 1;
  if (scales.size() > 1 && last != static_cast<int64_t>(scales.size())) {
    return Unsupported("bias '" + bias + "' does not have one value per output channel");
  }
  if (!reusable.empty()) return reusable;
  // Requantize into the accumulator's grid: round(b / (multiplier' * scale)).
  EB_ASSIGN_OR_RETURN(Tensor q, Tensor::Allocate(DType::kInt32, values.shape()));
  for (int64_t i = 0; i < values.num_elements(); ++i) {
    const float scale = scales[scales.size() == 1 ? 0 : static_cast<size_t>(i % last)];
    const double v = std::nearbyint(static_cast<double>(values.data<float>()[i]) * multiplier / scale);
    if (!(std::abs(v) <= std::numeric_limits<int32_t>::max())) {
      return Unsupported("bias '" + bias + "' does not fit int32 at the accumulator's scale");
    }
    q.data<int32_t>()[i] = static_cast<int32_t>(v);
  }
  const std::string name = names_.Make(bias + "_int32");
  fusion.initializers.emplace_back(name, std::move(q));
  return name;
}

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

Expected<Fusion> QdqFuser::MatchDataMovement(int n) {
  const onnx::NodeProto& op = node(n);
  // MaxPool takes 8-bit integers from opset 12 and Flatten from 9; the others
  // take every type at every opset a DequantizeLinear exists in.
  if (op.op_type() == "MaxPool" && opset_ < 12) return Unsupported("MaxPool takes 8-bit integers from opset 12 on");
  if (op.op_type() == "Flatten" && opset_ < 9) return Unsupported("Flatten takes 8-bit integers from opset 9 on");
  Fusion f;
  EB_ASSIGN_OR_RETURN(const int dq, Dequantizer(n, 0));
  EB_ASSIGN_OR_RETURN(const int q, OutputQuantizer(n, nullptr));
  EB_ASSIGN_OR_RETURN(const QuantParams x, ActivationParams(dq));
  EB_ASSIGN_OR_RETURN(const QuantParams y, ActivationParams(q));
  if (!x.SameAs(y)) return Unsupported("input and output scales or zero points differ");
  f.node = op;
  f.node.set_input(0, x.data);
  f.node.set_output(0, y.data);
  f.dequantizers.push_back(dq);
  f.absorbed.push_back(q);
  return f;
}

Expected<Fusion> QdqFuser::MatchConcat(int n) {
  const onnx::NodeProto& concat = node(n);
  Fusion f;
  f.node = concat;
  EB_ASSIGN_OR_RETURN(const int q, OutputQuantizer(n, nullptr));
  EB_ASSIGN_OR_RETURN(const QuantParams y, ActivationParams(q));
  for (int slot = 0; slot < concat.input_size(); ++slot) {
    EB_ASSIGN_OR_RETURN(const int dq, Dequantizer(n, slot));
    EB_ASSIGN_OR_RETURN(const QuantParams x, ActivationParams(dq));
    if (!x.SameAs(y)) return Unsupported("input '" + x.data + "' and the output differ in scale or zero point");
    f.node.set_input(slot, x.data);
    f.dequantizers.push_back(dq);
  }
  f.node.set_output(0, y.data);
  f.absorbed.push_back(q);
  return f;
}

Expected<Fusion> QdqFuser::Match(int n) {
  const onnx::NodeProto& op = node(n);
  if (!op.domain().empty() && op.domain() != "ai.onnx") return Unsupported("not in the default domain");
  if (op.op_type() == "Conv") return MatchConv(n);
  if (op.op_type() == "MatMul") return MatchMatMul(n);
  if (op.op_type() == "Gemm") return MatchGemm(n);
  if (op.op_type() == "Concat") return MatchConcat(n);
  if (kDataMovementOps.count(op.op_type()) > 0) return MatchDataMovement(n);
  return Unsupported("no integer kernel for " + op.op_type());
}

bool QdqFuser::InQdqForm(int n) const {
  const onnx::NodeProto& op = node(n);
  if (IsOp(op, kDequantize) || IsOp(op, kQuantize)) return false;
  for (const std::string& in : op.input()) {
    const int producer = in.empty() ? -1 : index_.producer(in);
    if (producer >= 0 && IsOp(node(producer), kDequantize)) return true;
  }
  for (const std::string& out : op.output()) {
    for (const auto& use : index_.consumers(out)) {
      if (IsOp(node(use.first), kQuantize)) return true;
    }
  }
  return false;
}

void QdqFuser::Run(QdqFusionReport* report) {
  const int num_nodes = graph_.node_size();
  std::vector<bool> remove(num_nodes, false);
  std::vector<bool> replaced(num_nodes, false);
  std::set<int> dequantizers;           // DQs some fused node read from
  std::set<std::string> maybe_orphaned;  // inputs of removed or replaced nodes
  std::map<std::string, QdqFusionReport::OpCount> counts;
  bool made_qgemm = false;

  for (int n = 0; n < num_nodes; ++n) {
    if (remove[n] || !InQdqForm(n)) continue;
    auto& count = counts[node(n).op_type()];
    count.op_type = node(n).op_type();
    auto fusion = Match(n);
    if (!fusion.ok()) {
      ++count.kept_float;
      count.reasons.push_back(DescribeNode(node(n)) + ": " + fusion.status().message());
      continue;
    }
    ++count.fused;
    for (const auto& [name, value] : fusion->initializers) AddInitializer(graph_, name, value);
    for (int a : fusion->absorbed) {
      remove[a] = true;
      maybe_orphaned.insert(node(a).input().begin(), node(a).input().end());
    }
    dequantizers.insert(fusion->dequantizers.begin(), fusion->dequantizers.end());
    maybe_orphaned.insert(node(n).input().begin(), node(n).input().end());
    made_qgemm = made_qgemm || fusion->node.domain() == kMicrosoftDomain;
    graph_.mutable_node(n)->Swap(&fusion->node);
    replaced[n] = true;
  }

  // A DQ goes once every node that read it became an integer kernel.
  for (int dq : dequantizers) {
    const std::string& out = node(dq).output(0);
    if (index_.is_graph_output(out) || subgraph_reads_.count(out) > 0) continue;
    const auto& uses = index_.consumers(out);
    if (std::all_of(uses.begin(), uses.end(), [&](const auto& use) { return replaced[use.first]; })) {
      remove[dq] = true;
      maybe_orphaned.insert(node(dq).input().begin(), node(dq).input().end());
    }
  }

  const int removed = RemoveNodes(graph_, remove);
  RemoveOrphanedInitializers(graph_, maybe_orphaned);
  PruneValueInfo(graph_);
  if (made_qgemm) EnsureOpsetImport(model_, kMicrosoftDomain, 1);

  if (report == nullptr) return;
  report->ops.clear();
  for (auto& [op_type, count] : counts) report->ops.push_back(std::move(count));
  report->removed_nodes = removed;
}

}  // namespace

int QdqFusionReport::total_fused() const {
  int total = 0;
  for (const auto& op : ops) total += op.fused;
  return total;
}

int QdqFusionReport::total_kept_float() const {
  int total = 0;
  for (const auto& op : ops) total += op.kept_float;
  return total;
}

const QdqFusionReport::OpCount* QdqFusionReport::Find(const std::string& op_type) const {
  for (const auto& op : ops) {
    if (op.op_type == op_type) return &op;
  }
  return nullptr;
}

Status FuseQdq(onnx::ModelProto& model, QdqFusionReport* report) {
  if (!model.has_graph()) return InvalidArgument("model has no graph");
  QdqCanonicalFormReport canonical_form;
  EB_RETURN_IF_ERROR(CanonicalizeQdqConstants(model, &canonical_form));
  // A DequantizeLinear without a zero point leaves its input's type to the
  // graph; ONNX shape inference states it when the model does not.
  bool needs_types = false;
  for (const auto& node : model.graph().node()) {
    needs_types = needs_types || (IsOp(node, kDequantize) && (node.input_size() < 3 || node.input(2).empty()));
  }
  if (needs_types) {
    try {
      onnx::shape_inference::InferShapes(model);
    } catch (const std::exception&) {
      // Types stay unknown; those DQs' groups are reported as kept float.
    }
  }
  QdqFuser(model).Run(report);
  if (report != nullptr) report->canonical_form = canonical_form;
  return Status::Ok();
}

}  // namespace edgebench
