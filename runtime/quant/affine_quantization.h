// Affine quantization q = saturate(round(x / scale) + zero_point), and the
// parameter choices edgebench's quantizer makes: asymmetric per-tensor
// activations, symmetric per-channel int8 weights, int32 bias.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/core/tensor.h"
#include "runtime/quant/value_histogram.h"

namespace edgebench {

struct AffineParams {
  float scale = 1.0f;
  int32_t zero_point = 0;
};

// uint8 [0, 255] or int8 [-128, 127] activations.
enum class ActivationType { kUInt8, kInt8 };
DType ActivationDType(ActivationType type);

// Parameters that map `range`, widened to include 0 (so that zero padding and
// ReLU's zero are exact), onto the whole integer grid. A range whose minimum
// is 0 gets the grid's minimum as zero point, which makes saturation exactly a
// ReLU. An empty range gets scale 1.
AffineParams ActivationParams(TensorRange range, ActivationType type);

// A float weight quantized to int8 symmetric (zero point 0) over [-127, 127]:
// -128 is left out so that the grid is symmetric, as ONNX Runtime and
// TensorFlow Lite do. `axis` -1 is per-tensor; otherwise one scale per index
// of that axis (per output channel).
struct QuantizedWeight {
  Tensor values;              // int8, the weight's shape
  std::vector<float> scales;  // one, or one per channel
  int axis = -1;
};
Expected<QuantizedWeight> QuantizeWeightSymmetric(const Tensor& weight, int axis);

// A float bias as int32 with scale input_scale * weight_scale[c] (zero point
// 0), the form integer kernels add to the int32 accumulator. Saturates at the
// int32 limits.
Expected<Tensor> QuantizeBias(const Tensor& bias, float input_scale, const std::vector<float>& weight_scales);

// round half to even, as QuantizeLinear does.
int32_t RoundHalfToEven(float x);

}  // namespace edgebench
