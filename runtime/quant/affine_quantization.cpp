#include "runtime/quant/affine_quantization.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace edgebench {

DType ActivationDType(ActivationType type) { return type == ActivationType::kUInt8 ? DType::kUInt8 : DType::kInt8; }

int32_t RoundHalfToEven(float x) { return static_cast<int32_t>(std::nearbyint(x)); }

AffineParams ActivationParams(TensorRange range, ActivationType type) {
  const float qmin = type == ActivationType::kUInt8 ? 0.0f : -128.0f;
  const float qmax = type == ActivationType::kUInt8 ? 255.0f : 127.0f;
  const float lo = std::min(range.min, 0.0f);
  const float hi = std::max(range.max, 0.0f);
  AffineParams p;
  if (!(hi > lo)) {
    p.zero_point = static_cast<int32_t>(qmin);
    return p;
  }
  p.scale = (hi - lo) / (qmax - qmin);
  p.zero_point = static_cast<int32_t>(std::clamp(qmin - static_cast<float>(RoundHalfToEven(lo / p.scale)), qmin, qmax));
  return p;
}

Expected<QuantizedWeight> QuantizeWeightSymmetric(const Tensor& weight, int axis) {
  if (weight.dtype() != DType::kFloat32) return InvalidArgument("only float32 weights can be quantized");
  if (axis >= weight.rank()) {
    return InvalidArgument("quantization axis " + std::to_string(axis) + " is out of range for " +
                           TensorTypeToString(weight.dtype(), weight.shape()));
  }
  QuantizedWeight q;
  q.axis = axis;
  EB_ASSIGN_OR_RETURN(q.values, Tensor::Allocate(DType::kInt8, weight.shape()));
  // Element i belongs to channel (i / inner) % channels.
  int64_t channels = 1, inner = weight.num_elements();
  if (axis >= 0) {
    channels = weight.dim(axis);
    inner = 1;
    for (int d = axis + 1; d < weight.rank(); ++d) inner *= weight.dim(d);
  }
  const float* w = weight.data<float>();
  const int64_t n = weight.num_elements();
  std::vector<float> reach(static_cast<size_t>(channels), 0.0f);
  for (int64_t i = 0; i < n; ++i) {
    const int64_t c = channels == 1 ? 0 : (i / inner) % channels;
    reach[c] = std::max(reach[c], std::fabs(w[i]));
  }
  q.scales.resize(reach.size());
  // An all-zero channel quantizes to zeros at any scale; 1 keeps it finite.
  for (size_t c = 0; c < reach.size(); ++c) q.scales[c] = reach[c] > 0 ? reach[c] / 127.0f : 1.0f;
  int8_t* out = q.values.data<int8_t>();
  for (int64_t i = 0; i < n; ++i) {
    const int64_t c = channels == 1 ? 0 : (i / inner) % channels;
    out[i] = static_cast<int8_t>(std::clamp(RoundHalfToEven(w[i] / q.scales[c]), -127, 127));
  }
  return q;
}

Expected<Tensor> QuantizeBias(const Tensor& bias, float input_scale, const std::vector<float>& weight_scales) {
  if (bias.dtype() != DType::kFloat32 || bias.rank() != 1) return InvalidArgument("bias must be a 1-D float32 tensor");
  const int64_t n = bias.num_elements();
  if (weight_scales.size() != 1 && static_cast<int64_t>(weight_scales.size()) != n) {
    return InvalidArgument("bias of " + std::to_string(n) + " values for " + std::to_string(weight_scales.size()) +
                           " weight scales");
  }
  EB_ASSIGN_OR_RETURN(Tensor out, Tensor::Allocate(DType::kInt32, bias.shape()));
  for (int64_t c = 0; c < n; ++c) {
    const double scale = static_cast<double>(input_scale) * weight_scales[weight_scales.size() == 1 ? 0 : c];
    const double q = std::nearbyint(bias.data<float>()[c] / scale);
    out.data<int32_t>()[c] = static_cast<int32_t>(std::clamp<double>(q, std::numeric_limits<int32_t>::min(),
                                                                      std::numeric_limits<int32_t>::max()));
  }
  return out;
}

}  // namespace edgebench
