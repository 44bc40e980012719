// Reading the scale and zero-point inputs of the quantization ops (ONNX
// QuantizeLinear/DequantizeLinear "axis", QLinearConv, QLinearMatMul,
// MatMulInteger, com.microsoft QGemm): checks at Infer that each is
// per-tensor (a scalar or a 1-element 1-D tensor) or, where the op allows it,
// per-axis (a 1-D tensor of the axis length), that a zero point has its
// data's type; and element access at Run that broadcasts a per-tensor value.
#pragma once

#include <cstdint>
#include <string>

#include "runtime/core/status.h"
#include "runtime/core/tensor.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {

// uint8 or int8: the 8-bit types the integer kernels take.
bool IsQuant8(DType dtype);

// Checks that input `input` (named `name` in messages) is a float32 scale
// when `dtype` is kFloat32, or a zero point of `dtype`, with 1 element or,
// when `axis_length` > 0, `axis_length` elements in a 1-D tensor. Sets
// *count to the element count (1 or axis_length). An absent optional input
// passes with *count = 1.
Status CheckQuantParam(const InferContext& ctx, int input, const char* name, DType dtype, int64_t axis_length,
                       int64_t* count);

// Checks a zero point's type only (for zero points whose shape the op checks
// itself); an absent input passes.
Status CheckZeroPointType(const InferContext& ctx, int input, const char* name, DType dtype);

// Scale `i`, or the only one when the tensor holds one element.
inline float ScaleAt(const Tensor& scale, int64_t i) {
  return scale.data<float>()[scale.num_elements() == 1 ? 0 : i];
}

// Zero point `i` as int32 (0 for an absent input), broadcast like ScaleAt.
inline int32_t ZeroPointAt(const Tensor* zero_point, int64_t i) {
  if (zero_point == nullptr) return 0;
  const int64_t at = zero_point->num_elements() == 1 ? 0 : i;
  switch (zero_point->dtype()) {
    case DType::kUInt8: return zero_point->data<uint8_t>()[at];
    case DType::kInt8: return zero_point->data<int8_t>()[at];
    case DType::kInt32: return zero_point->data<int32_t>()[at];
    default: return 0;
  }
}

// The axis attribute (opset 13 on; 1 by default), normalized into [0, rank).
// Only per-axis parameters read it: per-tensor ones ignore any axis.
Status ReadQuantAxis(const InferContext& ctx, int rank, int* axis);

}  // namespace edgebench::ops
