#include "runtime/ops/quant/quant_axis.h"

#include <string>

#include "runtime/ops/quant/quant_params.h"

namespace edgebench::ops {

Status InferQuantAxis(const InferContext& ctx, int scale_input, int zp_input, const char* scale_name,
                      const char* zp_name, DType zp_type, QuantAxis* layout) {
  const Shape& x = ctx.input_shape(0);
  const Shape& scale = ctx.input_shape(scale_input);
  *layout = QuantAxis{};
  layout->inner = NumElements(x);
  const bool per_axis = scale.size() == 1 && scale[0] != 1;
  if (per_axis) {
    if (ctx.opset() < 13) {
      return ctx.Error(std::string(scale_name) + " has shape " + ShapeToString(scale) +
                       "; before opset 13 it must be a scalar");
    }
    int axis = 0;
    EB_RETURN_IF_ERROR(ReadQuantAxis(ctx, static_cast<int>(x.size()), &axis));
    layout->per_axis = true;
    layout->axis_length = x[axis];
    layout->outer = NumElements(Shape(x.begin(), x.begin() + axis));
    layout->inner = NumElements(Shape(x.begin() + axis + 1, x.end()));
  }
  int64_t count = 0;
  EB_RETURN_IF_ERROR(CheckQuantParam(ctx, scale_input, scale_name, DType::kFloat32,
                                     per_axis ? layout->axis_length : 0, &count));
  EB_RETURN_IF_ERROR(CheckQuantParam(ctx, zp_input, zp_name, zp_type, per_axis ? layout->axis_length : 0, &count));
  if (per_axis && ctx.has_input(zp_input) && ctx.input_shape(zp_input) != scale) {
    return ctx.Error(std::string(zp_name) + " " + ShapeToString(ctx.input_shape(zp_input)) + " and " + scale_name +
                     " " + ShapeToString(scale) + " differ in shape");
  }
  return Status::Ok();
}

}  // namespace edgebench::ops
