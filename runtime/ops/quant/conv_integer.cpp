// ConvInteger (opset 10): Conv's geometry (group, strides, dilations, pads,
// auto_pad) over (x - x_zero_point) and (w - w_zero_point), in int32. x and
// w are uint8 or int8 (independently); x_zero_point is per tensor,
// w_zero_point per tensor or per output channel. No bias.
#include <memory>

#include "runtime/ops/op.h"
#include "runtime/ops/quant/quant_conv.h"

namespace edgebench::ops {
namespace {

Status Infer(InferContext& ctx) {
  EB_ASSIGN_OR_RETURN(auto state, InferQuantConv(ctx, 0, 2, 1, 3, DType::kInt32));
  ctx.set_scratch_bytes(state->scratch_bytes);
  ctx.set_state(state);
  return Status::Ok();
}

// The GEMM writes Y's planes directly; nothing is left to do per plane.
void Emit(const KernelContext&, const QuantConvState&, int64_t, int64_t, int32_t*) {}

Status Run(const KernelContext& ctx) {
  RunQuantConv(ctx, ctx.get_state<QuantConvState>(), 0, 2, 1, 3, ctx.outputs[0]->data<int32_t>(), Emit);
  return Status::Ok();
}

OpCost Cost(const CostContext& ctx) { return QuantConvCost(ctx, 1); }

}  // namespace

extern const OpDef kConvInteger = {"ConvInteger", Infer, Run, Cost, false};

}  // namespace edgebench::ops
