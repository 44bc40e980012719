// DynamicQuantizeLinear's rule (ONNX Operators.md, opset 11) applied to one
// buffer: uint8 with a scale and zero point computed from the values
// themselves, over a range widened to include 0,
//   scale = (max(0, max(x)) - min(0, min(x))) / 255
//   zero_point = round(saturate(0 - min(0, min(x)) / scale))
//   q = saturate(round(x / scale) + zero_point)
// rounding half to even. All zeros give scale 0, zero point 0 and q 0 (the
// formulas would divide 0 by 0). The dynamically quantized RNNs use it for X
// and for the state of every step.
#pragma once

#include <algorithm>
#include <cstdint>

#include "runtime/ops/quant/requantize.h"

namespace edgebench::ops {

struct DynamicQuantParams {
  float scale = 0.0f;
  int32_t zero_point = 0;
};

inline DynamicQuantParams DynamicQuantizeRow(const float* x, int64_t n, uint8_t* out) {
  float low = 0.0f;
  float high = 0.0f;
  for (int64_t i = 0; i < n; ++i) {
    low = std::min(low, x[i]);
    high = std::max(high, x[i]);
  }
  DynamicQuantParams p;
  p.scale = (high - low) / 255.0f;
  if (p.scale == 0.0f) {
    std::fill(out, out + n, uint8_t{0});
    return p;
  }
  p.zero_point = SaturateRound<uint8_t>(std::clamp(0.0f - low / p.scale, 0.0f, 255.0f), 0);
  QuantizeRow(x, n, p.scale, p.zero_point, out);
  return p;
}

}  // namespace edgebench::ops
