#include "runtime/quant/qdq_fusion_fuser.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace edgebench::qdq_fusion_detail {

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

}  // namespace edgebench::qdq_fusion_detail
