// FusedGemm (com.microsoft contrib op of ONNX Runtime, version 1): Gemm with
// an activation applied to its output, Y = activation(alpha * op(A) * op(B) +
// beta * C), written by the activation fusion pass
// (runtime/passes/activation_fusion.h). The attributes are Gemm's plus
// `activation` and `activation_alpha` / `activation_beta` /
// `activation_gamma` (runtime/ops/fused_activation.h).
//
// The ref kernel runs the Gemm ref kernel and then the activation's ref
// kernel in place; fast backends fuse the activation into their output step.
#include <algorithm>
#include <memory>

#include "runtime/ops/fused_activation.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {

extern const OpDef kGemm;

namespace {

struct FusedGemmState {
  std::shared_ptr<void> gemm_state;
  FusedActivation activation;
  // Gemm's context with Gemm's state; Run copies the pointers in.
  mutable KernelContext gemm_ctx;
};

Status Infer(InferContext& ctx) {
  EB_RETURN_IF_ERROR(kGemm.infer(ctx));
  auto state = std::make_shared<FusedGemmState>();
  state->gemm_state = ctx.state();
  state->gemm_ctx.state = state->gemm_state;
  state->gemm_ctx.inputs.assign(ctx.num_inputs(), nullptr);
  state->gemm_ctx.outputs.assign(ctx.num_outputs(), nullptr);
  EB_RETURN_IF_ERROR(ParseGemmActivation(ctx, &state->activation));
  EB_RETURN_IF_ERROR(PrepareActivation(ctx, 0, &state->activation));
  ctx.set_state(std::move(state));
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const FusedGemmState& state = ctx.get_state<FusedGemmState>();
  KernelContext& gemm = state.gemm_ctx;
  gemm.node = ctx.node;
  gemm.opset = ctx.opset;
  std::copy(ctx.inputs.begin(), ctx.inputs.end(), gemm.inputs.begin());
  std::copy(ctx.outputs.begin(), ctx.outputs.end(), gemm.outputs.begin());
  gemm.scratch = ctx.scratch;
  gemm.scratch_bytes = ctx.scratch_bytes;
  EB_RETURN_IF_ERROR(kGemm.run(gemm));
  return RunActivation(state.activation, ctx.outputs[0]);
}

// Gemm's cost plus one FLOP per output element for the activation.
OpCost Cost(const CostContext& ctx) {
  OpCost cost = DefaultCost(kGemm, ctx);
  cost.flops += ctx.outputs[0]->num_elements();
  return cost;
}

}  // namespace

extern const OpDef kFusedGemm = {"FusedGemm", Infer, Run, Cost, false, false, "com.microsoft"};

}  // namespace edgebench::ops
