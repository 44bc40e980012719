// QLinearMatMul (opset 10): Y = quantize((A - a_zp) x (B - b_zp) * a_scale *
// b_scale, y_scale, y_zp) with numpy.matmul shapes. A, B and Y are uint8 or
// int8 (independently; Y takes y_zero_point's type). a_scale and a_zero_point
// are per tensor; b_scale and b_zero_point per tensor or per column of B.
// The int32 product of each row is requantized as it is produced
// (requantize.h), with the multiplier a_scale * b_scale[c] / y_scale.
#include <memory>
#include <string>

#include "runtime/ops/op.h"
#include "runtime/ops/quant/quant_mat_mul.h"
#include "runtime/ops/quant/quant_params.h"
#include "runtime/ops/quant/requantize.h"

namespace edgebench::ops {
namespace {

// Inputs: a, a_scale, a_zero_point, b, b_scale, b_zero_point, y_scale, y_zero_point.
Status Infer(InferContext& ctx) {
  for (int i = 0; i < 8; ++i) {
    if (!ctx.has_input(i) && i != 2 && i != 5 && i != 7) {
      return ctx.Error("input " + std::to_string(i) + " (a, b and the scales) is required");
    }
  }
  const DType y_type = ctx.has_input(7) ? ctx.input_dtype(7) : DType::kUInt8;
  if (!IsQuant8(y_type)) {
    return ctx.UnsupportedError(std::string("y_zero_point has type ") + DTypeName(y_type) +
                                "; uint8 and int8 are implemented");
  }
  EB_ASSIGN_OR_RETURN(auto state, InferQuantMatMul(ctx, 0, 2, 3, 5, y_type));
  int64_t count = 0;
  EB_RETURN_IF_ERROR(CheckQuantParam(ctx, 1, "a_scale", DType::kFloat32, 0, &count));
  EB_RETURN_IF_ERROR(CheckQuantParam(ctx, 2, "a_zero_point", ctx.input_dtype(0), 0, &count));
  EB_RETURN_IF_ERROR(CheckQuantParam(ctx, 4, "b_scale", DType::kFloat32, state->n, &count));
  int64_t zp_count = 0;
  EB_RETURN_IF_ERROR(CheckQuantParam(ctx, 5, "b_zero_point", ctx.input_dtype(3), state->n, &zp_count));
  if (ctx.has_input(5) && zp_count != count) {
    return ctx.Error("b_scale " + ShapeToString(ctx.input_shape(4)) + " and b_zero_point " +
                     ShapeToString(ctx.input_shape(5)) + " differ in shape");
  }
  EB_RETURN_IF_ERROR(CheckQuantParam(ctx, 6, "y_scale", DType::kFloat32, 0, &count));
  EB_RETURN_IF_ERROR(CheckQuantParam(ctx, 7, "y_zero_point", y_type, 0, &count));
  ctx.set_scratch_bytes(state->scratch_bytes);
  ctx.set_state(state);
  return Status::Ok();
}

template <typename T>
void RunTyped(const KernelContext& ctx, const QuantMatMulState& s, T* y) {
  // The multipliers of this run's scales, one per column.
  auto* multipliers = reinterpret_cast<float*>(static_cast<unsigned char*>(ctx.scratch) + s.scratch_multipliers);
  const float a_scale = ScaleAt(*ctx.inputs[1], 0);
  const float y_scale = ScaleAt(*ctx.inputs[6], 0);
  for (int64_t c = 0; c < s.n; ++c) multipliers[c] = a_scale * ScaleAt(*ctx.inputs[4], c) / y_scale;
  const int32_t y_zp = ZeroPointAt(ctx.input(7), 0);
  RunQuantMatMul(ctx, s, 0, 2, 3, 5, nullptr, [&](int64_t row, const int32_t* acc) {
    RequantizeRow(acc, s.n, multipliers, 1, y_zp, y + row * s.n);
  });
}

Status Run(const KernelContext& ctx) {
  const QuantMatMulState& s = ctx.get_state<QuantMatMulState>();
  Tensor& y = *ctx.outputs[0];
  if (y.dtype() == DType::kUInt8) {
    RunTyped(ctx, s, y.data<uint8_t>());
  } else {
    RunTyped(ctx, s, y.data<int8_t>());
  }
  return Status::Ok();
}

OpCost Cost(const CostContext& ctx) { return QuantMatMulCost(ctx, 0); }

}  // namespace

extern const OpDef kQLinearMatMul = {"QLinearMatMul", Infer, Run, Cost, false};

}  // namespace edgebench::ops
