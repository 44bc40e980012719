// The layout QuantizeLinear and DequantizeLinear walk: x viewed as
// [outer, axis_length, inner] around the quantization axis, with one scale
// and zero point per axis index (per-axis) or one for all (per-tensor).
#pragma once

#include <cstdint>

#include "runtime/core/status.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {

struct QuantAxis {
  bool per_axis = false;
  int64_t outer = 1;
  int64_t axis_length = 1;
  int64_t inner = 1;
};

// Checks the scale (input `scale_input`, float32) and the optional zero point
// (input `zp_input`, of `zp_type`) against input 0: scalars, or from opset
// 13 1-D tensors of input 0's length along `axis`; sets the layout.
Status InferQuantAxis(const InferContext& ctx, int scale_input, int zp_input, const char* scale_name,
                      const char* zp_name, DType zp_type, QuantAxis* layout);

}  // namespace edgebench::ops
