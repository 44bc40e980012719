#include "runtime/ops/quant/quant_params.h"

namespace edgebench::ops {

bool IsQuant8(DType dtype) { return dtype == DType::kUInt8 || dtype == DType::kInt8; }

Status CheckZeroPointType(const InferContext& ctx, int input, const char* name, DType dtype) {
  if (!ctx.has_input(input) || ctx.input_dtype(input) == dtype) return Status::Ok();
  return ctx.Error(std::string(name) + " has type " + DTypeName(ctx.input_dtype(input)) + ", expected " +
                   DTypeName(dtype));
}

Status CheckQuantParam(const InferContext& ctx, int input, const char* name, DType dtype, int64_t axis_length,
                       int64_t* count) {
  *count = 1;
  if (!ctx.has_input(input)) return Status::Ok();
  EB_RETURN_IF_ERROR(CheckZeroPointType(ctx, input, name, dtype));
  const Shape& shape = ctx.input_shape(input);
  const int64_t elements = NumElements(shape);
  if (shape.size() <= 1 && elements == 1) return Status::Ok();
  if (axis_length > 0 && shape.size() == 1 && elements == axis_length) {
    *count = axis_length;
    return Status::Ok();
  }
  return ctx.Error(std::string(name) + " has shape " + ShapeToString(shape) + "; expected a scalar" +
                   (axis_length > 0 ? " or [" + std::to_string(axis_length) + "]" : std::string()));
}

Status ReadQuantAxis(const InferContext& ctx, int rank, int* axis) {
  int64_t value = ctx.attributes().GetInt("axis", 1);
  if (value < -rank || value >= rank) {
    return ctx.Error("axis " + std::to_string(value) + " is out of range for rank " + std::to_string(rank));
  }
  *axis = static_cast<int>(value < 0 ? value + rank : value);
  return Status::Ok();
}

}  // namespace edgebench::ops
