// QLinearConv (opset 10): Conv over quantized x and w, requantized to y:
//   y = saturate(round((acc + B[m]) * x_scale * w_scale[m] / y_scale) + y_zero_point)
//   acc = sum (w - w_zero_point[m]) * (x - x_zero_point)
// x, w and y are uint8 or int8 (independently; y takes y_zero_point's type);
// x's and y's scale and zero point are per tensor, w's per tensor or per
// output channel m; the optional int32 bias B is quantized with scale
// x_scale * w_scale and zero point 0 (ONNX Operators.md). Each int32 output
// plane is requantized as it is produced (requantize.h).
#include <memory>
#include <string>

#include "runtime/ops/op.h"
#include "runtime/ops/quant/quant_conv.h"
#include "runtime/ops/quant/quant_params.h"
#include "runtime/ops/quant/requantize.h"

namespace edgebench::ops {
namespace {

enum Input { kX, kXScale, kXZeroPoint, kW, kWScale, kWZeroPoint, kYScale, kYZeroPoint, kBias };

Status Infer(InferContext& ctx) {
  for (int i : {kX, kXScale, kW, kWScale, kYScale}) {
    if (!ctx.has_input(i)) return ctx.Error("input " + std::to_string(i) + " (x, w and the scales) is required");
  }
  const DType y_type = ctx.has_input(kYZeroPoint) ? ctx.input_dtype(kYZeroPoint) : DType::kUInt8;
  if (!IsQuant8(y_type)) {
    return ctx.UnsupportedError(std::string("y_zero_point has type ") + DTypeName(y_type) +
                                "; uint8 and int8 are implemented");
  }
  EB_ASSIGN_OR_RETURN(auto state, InferQuantConv(ctx, kX, kXZeroPoint, kW, kWZeroPoint, y_type));
  int64_t count = 0;
  EB_RETURN_IF_ERROR(CheckQuantParam(ctx, kXScale, "x_scale", DType::kFloat32, 0, &count));
  EB_RETURN_IF_ERROR(CheckQuantParam(ctx, kWScale, "w_scale", DType::kFloat32, state->filters, &count));
  int64_t zp_count = 0;
  EB_RETURN_IF_ERROR(
      CheckQuantParam(ctx, kWZeroPoint, "w_zero_point", ctx.input_dtype(kW), state->filters, &zp_count));
  if (ctx.has_input(kWZeroPoint) && zp_count != count) {
    return ctx.Error("w_scale " + ShapeToString(ctx.input_shape(kWScale)) + " and w_zero_point " +
                     ShapeToString(ctx.input_shape(kWZeroPoint)) + " differ in shape");
  }
  EB_RETURN_IF_ERROR(CheckQuantParam(ctx, kYScale, "y_scale", DType::kFloat32, 0, &count));
  EB_RETURN_IF_ERROR(CheckQuantParam(ctx, kYZeroPoint, "y_zero_point", y_type, 0, &count));
  if (ctx.has_input(kBias)) {
    if (ctx.input_dtype(kBias) != DType::kInt32) {
      return ctx.Error(std::string("B has type ") + DTypeName(ctx.input_dtype(kBias)) + ", expected int32");
    }
    if (ctx.input_shape(kBias) != Shape{state->filters}) {
      return ctx.Error("B " + ShapeToString(ctx.input_shape(kBias)) + " must have shape [" +
                       std::to_string(state->filters) + "]");
    }
  }
  ctx.set_scratch_bytes(state->scratch_bytes);
  ctx.set_state(state);
  return Status::Ok();
}

template <typename T>
void Requantize(const KernelContext& ctx, const QuantConvState& s, int64_t n, int64_t m, int32_t* acc) {
  if (const Tensor* bias = ctx.input(kBias)) {
    const int32_t b = bias->data<int32_t>()[m];
    for (int64_t i = 0; i < s.out_plane; ++i) acc[i] += b;
  }
  const float multiplier =
      ScaleAt(*ctx.inputs[kXScale], 0) * ScaleAt(*ctx.inputs[kWScale], m) / ScaleAt(*ctx.inputs[kYScale], 0);
  T* y = ctx.outputs[0]->data<T>() + (n * s.filters + m) * s.out_plane;
  RequantizeRow(acc, s.out_plane, &multiplier, 0, ZeroPointAt(ctx.input(kYZeroPoint), 0), y);
}

Status Run(const KernelContext& ctx) {
  const QuantConvState& s = ctx.get_state<QuantConvState>();
  const bool unsigned_y = ctx.outputs[0]->dtype() == DType::kUInt8;
  RunQuantConv(ctx, s, kX, kXZeroPoint, kW, kWZeroPoint, nullptr, unsigned_y ? Requantize<uint8_t> : Requantize<int8_t>);
  return Status::Ok();
}

OpCost Cost(const CostContext& ctx) { return QuantConvCost(ctx, kW); }

}  // namespace

extern const OpDef kQLinearConv = {"QLinearConv", Infer, Run, Cost, false};

}  // namespace edgebench::ops
