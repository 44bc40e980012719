// DynamicQuantizeLinear (opset 11): quantizes float32 x to uint8 with a scale
// and zero point computed from x itself (ONNX Operators.md):
//   y_scale = (max(0, max(x)) - min(0, min(x))) / 255
//   y_zero_point = round(saturate(0 - min(0, min(x)) / y_scale))
//   y = saturate(round(x / y_scale) + y_zero_point)
// rounding half to even. The range includes 0 so that 0 is exact. An x of
// all zeros has no range; it gets y_scale 0, y_zero_point 0 and y 0 (the
// formulas would divide 0 by 0).
#include <string>

#include "runtime/ops/op.h"
#include "runtime/ops/quant/dynamic_quantize_row.h"

namespace edgebench::ops {
namespace {

Status Infer(InferContext& ctx) {
  if (!ctx.has_input(0)) return ctx.Error("input x is required");
  if (ctx.input_dtype(0) != DType::kFloat32) {
    return ctx.UnsupportedError(std::string("x has type ") + DTypeName(ctx.input_dtype(0)) + "; float32 is implemented");
  }
  ctx.set_output(0, DType::kUInt8, ctx.input_shape(0));
  if (ctx.has_output(1)) ctx.set_output(1, DType::kFloat32, {});
  if (ctx.has_output(2)) ctx.set_output(2, DType::kUInt8, {});
  return Status::Ok();
}

// DynamicQuantizeRow performs the same float32 operations, in the same order,
// as the ONNX function body (Sub, Div, Div, Sub, Clip, Round), so that the
// expanded form agrees bit for bit.
Status Run(const KernelContext& ctx) {
  const Tensor& x = *ctx.inputs[0];
  const DynamicQuantParams p = DynamicQuantizeRow(x.data<float>(), x.num_elements(), ctx.outputs[0]->data<uint8_t>());
  if (Tensor* s = ctx.output(1)) s->data<float>()[0] = p.scale;
  if (Tensor* z = ctx.output(2)) z->data<uint8_t>()[0] = static_cast<uint8_t>(p.zero_point);
  return Status::Ok();
}

}  // namespace

extern const OpDef kDynamicQuantizeLinear = {"DynamicQuantizeLinear", Infer, Run, nullptr, false};

}  // namespace edgebench::ops
