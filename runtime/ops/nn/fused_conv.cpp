// FusedConv (com.microsoft contrib op of ONNX Runtime, version 1): Conv with
// an optional residual Z added and an activation applied to its output,
// Y = activation(Conv(X, W, B) + Z), the sum before the activation as in ONNX
// Runtime's CPU kernel (Z is copied into Y and MLAS accumulates onto it before
// its activation). Written by the residual Add and activation fusion passes
// (runtime/passes/residual_add_fusion.h, activation_fusion.h). The attributes
// are Conv's plus `activation` and `activation_params`
// (runtime/ops/fused_activation.h); Z has Y's shape (no broadcast).
//
// The ref kernel runs the Conv ref kernel, adds Z and then runs the
// activation's ref kernel in place: the same math as the nodes it replaces,
// fewer arena buffers. Fast backends fuse both into their output step.
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
  EB_RETURN_IF_ERROR(kConv.infer(ctx));
  if (ctx.has_input(3)) {
    const InferContext::OutputInfo& y = ctx.outputs()[0];
    if (ctx.input_dtype(3) != y.dtype) return ctx.Error("input Z must have the output's type");
    if (ctx.input_shape(3) != y.shape) return ctx.Error("input Z must have the output's shape (no broadcast)");
  }
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
  if (const Tensor* z = ctx.input(3)) {
    Tensor& y = *ctx.outputs[0];
    float* y_data = y.data<float>();
    const float* z_data = z->data<float>();
    for (int64_t i = 0; i < y.num_elements(); ++i) y_data[i] += z_data[i];
  }
  return RunActivation(state.activation, ctx.outputs[0]);
}

// Conv's cost plus one FLOP per output element for the activation and one
// for Z's add.
OpCost Cost(const CostContext& ctx) {
  OpCost cost = DefaultCost(kConv, ctx);
  cost.flops += ctx.outputs[0]->num_elements();
  if (ctx.inputs.size() > 3 && ctx.inputs[3]) cost.flops += ctx.outputs[0]->num_elements();
  return cost;
}

}  // namespace

extern const OpDef kFusedConv = {"FusedConv", Infer, Run, Cost, false, false, "com.microsoft"};

}  // namespace edgebench::ops
