// Conv and com.microsoft FusedConv (2-D, float32, weights known at creation)
// on the native kernels: depthwise convolutions on their own kernel, every
// other one as an implicit GEMM (conv_plan.h). Checks and shapes are ref's
// (conv_attributes.h). FusedConv's residual Z is added in the GEMM's output
// step, before the activation; the depthwise kernel has no such step, so a
// depthwise FusedConv with Z is left to ref. ai.edgebench NhwcFusedConv (the
// layout pass's FusedConv with X, Z and Y in NHWC) runs on the pixel tile
// (conv_nhwc.cpp).
#include <limits>
#include <memory>
#include <string>

#include "runtime/backends/native/conv_plan.h"
#include "runtime/backends/native/native_ops.h"
#include "runtime/ops/fused_activation.h"
#include "runtime/ops/nn/conv_attributes.h"
#include "runtime/ops/op_registry.h"

namespace edgebench::native {
namespace {

struct ConvState {
  bool depthwise = false;
  DenseConvPlan dense;
  DepthwisePlan dw;
  // FusedConv's activation when the output step cannot clamp it (Sigmoid,
  // HardSwish, ...): its ref kernel runs in place after the conv.
  ops::FusedActivation after;
};

// FusedConv's Relu and Clip become the output step's clamp; any other
// activation is left in `after`.
Status FuseActivation(const InferContext& ctx, ConvParams* p, ops::FusedActivation* after) {
  EB_RETURN_IF_ERROR(ops::ParseConvActivation(ctx, after));
  if (!after->op) return Status::Ok();
  const std::string& kind = after->node.op_type;
  if (kind == "Relu" || kind == "Clip") {
    p->lo = kind == "Relu" ? 0.0f : after->node.attributes.GetFloat("min", p->lo);
    p->hi = kind == "Relu" ? p->hi : after->node.attributes.GetFloat("max", p->hi);
    *after = ops::FusedActivation();
    return Status::Ok();
  }
  return ops::PrepareActivation(ctx, 0, after);
}

const OpDef& RefConv() { return *FindRefOp("", "Conv"); }

bool IsDepthwise(int64_t channels, int64_t filters, int64_t group) {
  return group == channels && filters == channels && group > 1;
}


bool IsNhwc(const InferContext& ctx) { return ctx.node().op_type == "NhwcFusedConv"; }

Status InferConv(InferContext& ctx, Isa isa) {
  ops::ConvAttributes attrs;
  if (IsNhwc(ctx)) {
    EB_RETURN_IF_ERROR(ops::ParseNhwcConvAttributes(ctx, &attrs));
    ctx.set_output(0, DType::kFloat32, ops::NhwcConvOutputShape(attrs));
  } else {
    EB_RETURN_IF_ERROR(ops::ParseConvAttributes(ctx, &attrs));
    ctx.set_output(0, DType::kFloat32, ops::ConvOutputShape(attrs));
  }
  ConvParams p = ConvParamsFrom(attrs);
  auto state = std::make_shared<ConvState>();
  if (ctx.node().op_type != "Conv") EB_RETURN_IF_ERROR(FuseActivation(ctx, &p, &state->after));
  const NativeKernels& kernels = KernelsFor(isa);
  const float* w = ctx.input_value(1)->data<float>();
  const float* bias = ctx.has_input(2) ? ctx.input_value(2)->data<float>() : nullptr;
  state->depthwise = IsDepthwise(p.channels, p.filters, p.group);
  if (ctx.has_input(3)) {
    if (state->depthwise) return ctx.UnsupportedError("input Z on a depthwise Conv");
    if (ctx.input_shape(3) != ctx.outputs()[0].shape) {
      return ctx.Error("input Z must have the output's shape (no broadcast)");
    }
  }
  if (IsNhwc(ctx)) {
    state->depthwise = false;  // SupportsNhwcConv took group 1 only
    state->dense = MakeNhwcConvPlan(p, kernels, w, bias);
    ctx.set_scratch_bytes(state->dense.scratch_bytes());
  } else if (state->depthwise) {
    state->dw = MakeDepthwisePlan(p, kernels, w, bias, ctx.num_threads());
    ctx.set_scratch_bytes(state->dw.scratch_bytes());
  } else {
    state->dense = MakeDenseConvPlan(p, kernels, w, bias);
    ctx.set_scratch_bytes(state->dense.scratch_bytes());
  }
  ctx.set_state(std::move(state));
  return Status::Ok();
}

template <Isa kIsa>
Status InferConvFor(InferContext& ctx) {
  return InferConv(ctx, kIsa);
}

Status RunConv(const KernelContext& ctx) {
  const ConvState& state = ctx.get_state<ConvState>();
  const float* x = ctx.inputs[0]->data<float>();
  float* y = ctx.outputs[0]->data<float>();
  if (state.depthwise) {
    RunDepthwise(state.dw, x, y, ctx.scratch, ctx.pool);
  } else {
    const Tensor* z = ctx.input(3);
    const float* z_data = z ? z->data<float>() : nullptr;
    if (state.dense.nhwc) {
      RunNhwcConv(state.dense, x, y, ctx.scratch, ctx.pool, z_data);
    } else {
      RunDenseConv(state.dense, x, y, ctx.scratch, ctx.pool, z_data);
    }
  }
  return ops::RunActivation(state.after, ctx.outputs[0]);
}

OpCost CostConv(const CostContext& ctx) { return DefaultCost(RefConv(), ctx); }
OpCost CostFusedConv(const CostContext& ctx) { return DefaultCost(*FindRefOp("com.microsoft", "FusedConv"), ctx); }
OpCost CostNhwcFusedConv(const CostContext& ctx) {
  return DefaultCost(*FindRefOp("ai.edgebench", "NhwcFusedConv"), ctx);
}

const OpDef kConvOps[] = {
    {"Conv", InferConvFor<Isa::kScalar>, RunConv, CostConv},
    {"Conv", InferConvFor<Isa::kAvx2>, RunConv, CostConv},
    {"Conv", InferConvFor<Isa::kAvx512>, RunConv, CostConv},
    {"Conv", InferConvFor<Isa::kNeon>, RunConv, CostConv},
};
const OpDef kFusedConvOps[] = {
    {"FusedConv", InferConvFor<Isa::kScalar>, RunConv, CostFusedConv, false, false, "com.microsoft"},
    {"FusedConv", InferConvFor<Isa::kAvx2>, RunConv, CostFusedConv, false, false, "com.microsoft"},
    {"FusedConv", InferConvFor<Isa::kAvx512>, RunConv, CostFusedConv, false, false, "com.microsoft"},
    {"FusedConv", InferConvFor<Isa::kNeon>, RunConv, CostFusedConv, false, false, "com.microsoft"},
};
const OpDef kNhwcFusedConvOps[] = {
    {"NhwcFusedConv", InferConvFor<Isa::kScalar>, RunConv, CostNhwcFusedConv, false, false, "ai.edgebench"},
    {"NhwcFusedConv", InferConvFor<Isa::kAvx2>, RunConv, CostNhwcFusedConv, false, false, "ai.edgebench"},
    {"NhwcFusedConv", InferConvFor<Isa::kAvx512>, RunConv, CostNhwcFusedConv, false, false, "ai.edgebench"},
    {"NhwcFusedConv", InferConvFor<Isa::kNeon>, RunConv, CostNhwcFusedConv, false, false, "ai.edgebench"},
};

}  // namespace

bool StridesSupported(const InferContext& ctx) {
  for (int64_t s : ctx.attributes().GetInts("strides")) {
    if (s > 16) return false;
  }
  return true;
}

bool SupportsConv(const InferContext& ctx) {
  if (!StridesSupported(ctx)) return false;
  if (ctx.num_inputs() < 2 || !ctx.has_input(0) || !ctx.has_input(1)) return false;
  if (ctx.input_dtype(0) != DType::kFloat32 || ctx.input_dtype(1) != DType::kFloat32) return false;
  if (ctx.input_rank(0) != 4 || ctx.input_rank(1) != 4 || !ctx.input_value(1)) return false;
  if (ctx.has_input(2) && (ctx.input_dtype(2) != DType::kFloat32 || !ctx.input_value(2))) return false;
  if (ctx.has_input(3)) {
    // FusedConv's residual Z: float32, and only on the GEMM path.
    if (ctx.input_dtype(3) != DType::kFloat32) return false;
    const int64_t group = ctx.attributes().GetInt("group", 1);
    if (IsDepthwise(ctx.input_shape(0)[1], ctx.input_shape(1)[0], group)) return false;
  }
  return true;
}

const OpDef& NativeConvOp(Isa isa) { return kConvOps[static_cast<int>(isa)]; }
const OpDef& NativeFusedConvOp(Isa isa) { return kFusedConvOps[static_cast<int>(isa)]; }
const OpDef& NativeNhwcFusedConvOp(Isa isa) { return kNhwcFusedConvOps[static_cast<int>(isa)]; }

bool SupportsNhwcConv(const InferContext& ctx, Isa isa) {
  ConvParams p;
  p.group = ctx.attributes().GetInt("group", 1);
  return SupportsConv(ctx) && PixelTilesFit(p, KernelsFor(isa));
}

ConvParams ConvParamsFrom(const ops::ConvAttributes& a) {
  const ops::WindowGeometry& g = a.geometry;
  ConvParams p;
  p.batch = a.batch;
  p.channels = a.channels;
  p.in_h = g.in[0];
  p.in_w = g.in[1];
  p.filters = a.filters;
  p.group = a.group;
  p.kernel_h = g.kernel[0];
  p.kernel_w = g.kernel[1];
  p.out_h = g.out[0];
  p.out_w = g.out[1];
  p.pads[0] = g.pad_begin[0];
  p.pads[1] = g.pad_begin[1];
  p.pads[2] = g.pad_end[0];
  p.pads[3] = g.pad_end[1];
  p.strides[0] = g.stride[0];
  p.strides[1] = g.stride[1];
  p.dilations[0] = g.dilation[0];
  p.dilations[1] = g.dilation[1];
  p.lo = -std::numeric_limits<float>::infinity();
  p.hi = std::numeric_limits<float>::infinity();
  return p;
}

}  // namespace edgebench::native
