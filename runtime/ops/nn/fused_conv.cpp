// FusedConv (com.microsoft contrib op of ONNX Runtime, version 1): Conv with
// an activation applied to its output, Y = activation(Conv(X, W, B)), written
// by the activation fusion pass (runtime/passes/activation_fusion.h). The
// attributes are Conv's plus `activation` and `activation_params`
// (runtime/ops/fused_activation.h). The optional fourth input Z (ONNX
// Runtime's fused residual add) is not supported.
//
// The ref kernel runs the Conv ref kernel and then the activation's ref
// kernel in place: the same math as the two nodes, one arena buffer fewer.
// Fast backends fuse the activation into their output step.
#include <algorithm>
#include <memory>

#include "runtime/ops/fused_activation.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {

extern const OpDef kConv;

namespace {

struct FusedConvState {
  std::shared_ptr<void> conv_state;
  FusedActivation activation;
  // Conv's context with Conv's state; Run copies the pointers in.
  mutable KernelContext conv_ctx;
};

Status Infer(InferContext& ctx) {
  if (ctx.has_input(3)) return ctx.UnsupportedError("input Z (a fused residual add) is not supported");
  EB_RETURN_IF_ERROR(kConv.infer(ctx));
  auto state = std::make_shared<FusedConvState>();
  state->conv_state = ctx.state();
  state->conv_ctx.state = state->conv_state;
  state->conv_ctx.inputs.assign(ctx.num_inputs(), nullptr);
  state->conv_ctx.outputs.assign(ctx.num_outputs(), nullptr);
  EB_RETURN_IF_ERROR(ParseConvActivation(ctx, &state->activation));
  EB_RETURN_IF_ERROR(PrepareActivation(ctx, 0, &state->activation));
  ctx.set_state(std::move(state));
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const FusedConvState& state = ctx.get_state<FusedConvState>();
  KernelContext& conv = state.conv_ctx;
  conv.node = ctx.node;
  conv.opset = ctx.opset;
  std::copy(ctx.inputs.begin(), ctx.inputs.end(), conv.inputs.begin());
  std::copy(ctx.outputs.begin(), ctx.outputs.end(), conv.outputs.begin());
  conv.scratch = ctx.scratch;
  conv.scratch_bytes = ctx.scratch_bytes;
  EB_RETURN_IF_ERROR(kConv.run(conv));
  return RunActivation(state.activation, ctx.outputs[0]);
}

// Conv's cost plus one FLOP per output element for the activation.
OpCost Cost(const CostContext& ctx) {
  OpCost cost = DefaultCost(kConv, ctx);
  cost.flops += ctx.outputs[0]->num_elements();
  return cost;
}

}  // namespace

extern const OpDef kFusedConv = {"FusedConv", Infer, Run, Cost, false, false, "com.microsoft"};

}  // namespace edgebench::ops
