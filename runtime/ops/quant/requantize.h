// The output step of the quantized kernels: float -> 8-bit with ONNX
// QuantizeLinear's rounding (half to even) and saturation, and the int32
// accumulator -> 8-bit requantization of QLinearConv, QLinearMatMul and QGemm:
// y = saturate(round(acc * multiplier) + zero_point), multiplier =
// x_scale * w_scale / y_scale, computed in float as ONNX Runtime does.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

namespace edgebench::ops {

// Round half to even (the default FP rounding mode), clamp to T's range, and
// convert; NaN gives 0 + zero_point's clamp of 0.
template <typename T>
inline T SaturateRound(float value, int32_t zero_point) {
  constexpr float kLow = static_cast<float>(std::numeric_limits<T>::lowest());
  constexpr float kHigh = static_cast<float>(std::numeric_limits<T>::max());
  float v = std::nearbyint(value);
  if (!(v == v)) v = 0.0f;  // NaN
  v += static_cast<float>(zero_point);
  v = v < kLow ? kLow : v;
  v = v > kHigh ? kHigh : v;
  return static_cast<T>(v);
}

// out[i] = SaturateRound(x[i] / scale, zero_point) for i in [0, n). Divides,
// as the ONNX reference does, rather than multiplying by 1 / scale, which
// rounds differently at ties.
template <typename T, typename X>
void QuantizeRow(const X* x, int64_t n, float scale, int32_t zero_point, T* out) {
  for (int64_t i = 0; i < n; ++i) out[i] = SaturateRound<T>(static_cast<float>(x[i]) / scale, zero_point);
}

// out[i] = SaturateRound(acc[i] * multipliers[i * step], zero_point): step 0
// for one multiplier (per-tensor, or per row of the output), 1 for one per
// column.
template <typename T>
void RequantizeRow(const int32_t* acc, int64_t n, const float* multipliers, int64_t step, int32_t zero_point,
                   T* out) {
  if (step == 0) {
    const float m = multipliers[0];
    for (int64_t i = 0; i < n; ++i) out[i] = SaturateRound<T>(static_cast<float>(acc[i]) * m, zero_point);
  } else {
    for (int64_t i = 0; i < n; ++i) {
      out[i] = SaturateRound<T>(static_cast<float>(acc[i]) * multipliers[i], zero_point);
    }
  }
}

// out[i] = acc[i] * multipliers[i * step]: the float output of QGemm without y_scale.
inline void ScaleRow(const int32_t* acc, int64_t n, const float* multipliers, int64_t step, float* out) {
  for (int64_t i = 0; i < n; ++i) out[i] = static_cast<float>(acc[i]) * multipliers[i * step];
}

}  // namespace edgebench::ops
