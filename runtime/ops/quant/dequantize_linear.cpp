// DequantizeLinear (opsets 10, 13): y = (x - x_zero_point) * x_scale in
// float32, for x of uint8, int8 or int32 (whose zero point must be 0, ONNX
// says; it is applied as given). Opset 13 adds per-axis dequantization: a
// 1-D x_scale (and x_zero_point) of x.shape[axis] values.
#include <memory>
#include <string>

#include "runtime/ops/op.h"
#include "runtime/ops/quant/quant_axis.h"
#include "runtime/ops/quant/quant_params.h"

namespace edgebench::ops {
namespace {

Status Infer(InferContext& ctx) {
  if (!ctx.has_input(0) || !ctx.has_input(1)) return ctx.Error("inputs x and x_scale are required");
  const DType x_type = ctx.input_dtype(0);
  if (!IsQuant8(x_type) && x_type != DType::kInt32) {
    return ctx.UnsupportedError(std::string("x has type ") + DTypeName(x_type) +
                                "; uint8, int8 and int32 are implemented");
  }
  auto state = std::make_shared<QuantAxis>();
  EB_RETURN_IF_ERROR(InferQuantAxis(ctx, 1, 2, "x_scale", "x_zero_point", x_type, state.get()));
  ctx.set_output(0, DType::kFloat32, ctx.input_shape(0));
  ctx.set_state(state);
  return Status::Ok();
}

template <typename T>
void Dequantize(const QuantAxis& q, const T* x, const Tensor& scale, const Tensor* zero_point, float* y) {
  for (int64_t o = 0; o < q.outer; ++o) {
    for (int64_t a = 0; a < q.axis_length; ++a) {
      const int64_t offset = (o * q.axis_length + a) * q.inner;
      const int64_t p = q.per_axis ? a : 0;
      const float s = ScaleAt(scale, p);
      const int32_t zp = ZeroPointAt(zero_point, p);
      // The difference is exact in int32 (int32 x with a 0 zero point), and
      // so is its conversion for 8-bit data.
      for (int64_t i = 0; i < q.inner; ++i) {
        y[offset + i] = static_cast<float>(static_cast<int32_t>(x[offset + i]) - zp) * s;
      }
    }
  }
}

Status Run(const KernelContext& ctx) {
  const QuantAxis& q = ctx.get_state<QuantAxis>();
  const Tensor& x = *ctx.inputs[0];
  const Tensor& scale = *ctx.inputs[1];
  float* y = ctx.outputs[0]->data<float>();
  switch (x.dtype()) {
    case DType::kUInt8: Dequantize(q, x.data<uint8_t>(), scale, ctx.input(2), y); break;
    case DType::kInt8: Dequantize(q, x.data<int8_t>(), scale, ctx.input(2), y); break;
    case DType::kInt32: Dequantize(q, x.data<int32_t>(), scale, ctx.input(2), y); break;
    default: return ctx.Error(std::string("unexpected type ") + DTypeName(x.dtype()));
  }
  return Status::Ok();
}

}  // namespace

extern const OpDef kDequantizeLinear = {"DequantizeLinear", Infer, Run, nullptr, false};

}  // namespace edgebench::ops
