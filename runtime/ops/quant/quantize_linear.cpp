// QuantizeLinear (opsets 10, 13): y = saturate(round(x / y_scale) + y_zero_point),
// rounding half to even, saturating to y's type (uint8 by default, else
// y_zero_point's). Opset 13 adds per-axis quantization: a 1-D y_scale (and
// y_zero_point) of x.shape[axis] values. x is float32 or int32.
#include <memory>
#include <string>

#include "runtime/ops/op.h"
#include "runtime/ops/quant/quant_axis.h"
#include "runtime/ops/quant/quant_params.h"
#include "runtime/ops/quant/requantize.h"

namespace edgebench::ops {
namespace {

Status Infer(InferContext& ctx) {
  if (!ctx.has_input(0) || !ctx.has_input(1)) return ctx.Error("inputs x and y_scale are required");
  const DType x_type = ctx.input_dtype(0);
  if (x_type != DType::kFloat32 && x_type != DType::kInt32) {
    return ctx.UnsupportedError(std::string("x has type ") + DTypeName(x_type) + "; float32 and int32 are implemented");
  }
  const DType y_type = ctx.has_input(2) ? ctx.input_dtype(2) : DType::kUInt8;
  if (!IsQuant8(y_type)) {
    return ctx.UnsupportedError(std::string("y_zero_point has type ") + DTypeName(y_type) +
                                "; uint8 and int8 are implemented");
  }
  auto state = std::make_shared<QuantAxis>();
  EB_RETURN_IF_ERROR(InferQuantAxis(ctx, 1, 2, "y_scale", "y_zero_point", y_type, state.get()));
  ctx.set_output(0, y_type, ctx.input_shape(0));
  ctx.set_state(state);
  return Status::Ok();
}

template <typename T, typename X>
void Quantize(const QuantAxis& q, const X* x, const Tensor& scale, const Tensor* zero_point, T* y) {
  for (int64_t o = 0; o < q.outer; ++o) {
    for (int64_t a = 0; a < q.axis_length; ++a) {
      const int64_t offset = (o * q.axis_length + a) * q.inner;
      const int64_t p = q.per_axis ? a : 0;
      QuantizeRow(x + offset, q.inner, ScaleAt(scale, p), ZeroPointAt(zero_point, p), y + offset);
    }
  }
}

template <typename T>
void QuantizeAs(const QuantAxis& q, const Tensor& x, const Tensor& scale, const Tensor* zero_point, T* y) {
  if (x.dtype() == DType::kFloat32) {
    Quantize(q, x.data<float>(), scale, zero_point, y);
  } else {
    Quantize(q, x.data<int32_t>(), scale, zero_point, y);
  }
}

Status Run(const KernelContext& ctx) {
  const QuantAxis& q = ctx.get_state<QuantAxis>();
  const Tensor& x = *ctx.inputs[0];
  Tensor& y = *ctx.outputs[0];
  if (y.dtype() == DType::kUInt8) {
    QuantizeAs(q, x, *ctx.inputs[1], ctx.input(2), y.data<uint8_t>());
  } else {
    QuantizeAs(q, x, *ctx.inputs[1], ctx.input(2), y.data<int8_t>());
  }
  return Status::Ok();
}

}  // namespace

extern const OpDef kQuantizeLinear = {"QuantizeLinear", Infer, Run, nullptr, false};

}  // namespace edgebench::ops
