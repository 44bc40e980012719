// Float16 nodes on a float32 native op between a widening and a rounding:
// the node's run-time float16 inputs are widened into the scratch (F16C at
// the avx2 and avx512 levels), the float32 op runs there, and its output is
// rounded back to half. Used where the op's work is small next to that
// traffic or where the round trip is exact: MaxPool (a max of halves is a
// half) and depthwise Conv / FusedConv. Constant inputs are widened once at
// infer for the float32 op's plan, which copies what it needs (depthwise:
// C x taps float32 weights, about 2% of MobileNetV2's half weights); the
// wrapped ops read constants only at infer, so run passes them the original
// float16 tensors.
#include <memory>
#include <vector>

#include "runtime/backends/native/f16_common.h"
#include "runtime/backends/native/native_ops.h"
#include "runtime/backends/native/native_ops_f16.h"
#include "runtime/ops/op_registry.h"

namespace edgebench::native {
namespace {

size_t AlignUp(size_t bytes) { return (bytes + kTensorAlignment - 1) / kTensorAlignment * kTensorAlignment; }

// A run-time float16 input or the output, as float32 in the scratch.
struct Staged {
  int slot = 0;
  size_t offset = 0;
  mutable Tensor view;  // re-pointed into this run's scratch
};

struct WidenedState {
  const F16Kernels* f16 = nullptr;
  const OpDef* op = nullptr;  // the float32 native op
  std::vector<Staged> inputs;
  Staged output;
  // The float32 op's context; run() fills in this run's tensors (the session
  // runs one step at a time, so nothing is allocated in run).
  mutable KernelContext inner;
};

Status InferWidened(InferContext& ctx, Isa isa, const OpDef& op) {
  EB_ASSIGN_OR_RETURN(std::unique_ptr<Float32StandIns> f32, Float32StandIns::Create(ctx));
  auto state = std::make_shared<WidenedState>();
  state->f16 = &F16KernelsFor(isa);
  state->op = &op;
  InferContext& inner = f32->mutable_ctx();
  EB_RETURN_IF_ERROR(op.infer(inner));
  const Shape& y_shape = inner.outputs()[0].shape;
  ctx.set_output(0, DType::kFloat16, y_shape);
  size_t scratch = AlignUp(inner.scratch_bytes());
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    if (!ctx.has_input(i) || ctx.input_value(i)) continue;
    state->inputs.push_back({i, scratch, Tensor::View(DType::kFloat32, ctx.input_shape(i), nullptr)});
    scratch += AlignUp(sizeof(float) * static_cast<size_t>(NumElements(ctx.input_shape(i))));
  }
  state->output = {0, scratch, Tensor::View(DType::kFloat32, y_shape, nullptr)};
  scratch += sizeof(float) * static_cast<size_t>(NumElements(y_shape));
  state->inner.node = &ctx.node();
  state->inner.opset = ctx.opset();
  state->inner.inputs.assign(static_cast<size_t>(ctx.num_inputs()), nullptr);
  state->inner.outputs = {&state->output.view};
  state->inner.state = inner.state();
  state->inner.scratch_bytes = inner.scratch_bytes();
  ctx.set_scratch_bytes(scratch);
  ctx.set_state(std::move(state));
  return Status::Ok();
}

Status RunWidened(const KernelContext& ctx) {
  const WidenedState& s = ctx.get_state<WidenedState>();
  auto* scratch = static_cast<unsigned char*>(ctx.scratch);
  KernelContext& inner = s.inner;
  std::copy(ctx.inputs.begin(), ctx.inputs.end(), inner.inputs.begin());
  inner.scratch = scratch;
  inner.pool = ctx.pool;
  for (const Staged& in : s.inputs) {
    in.view.set_data(scratch + in.offset);
    const Tensor& half = *ctx.inputs[in.slot];
    ParallelFor(ctx.pool, half.num_elements(), 1.0, [&](int64_t i0, int64_t i1) {
      s.f16->to_float(half.data<uint16_t>() + i0, in.view.data<float>() + i0, i1 - i0);
    });
    inner.inputs[in.slot] = &in.view;
  }
  s.output.view.set_data(scratch + s.output.offset);
  EB_RETURN_IF_ERROR(s.op->run(inner));
  uint16_t* y = ctx.outputs[0]->data<uint16_t>();
  ParallelFor(ctx.pool, s.output.view.num_elements(), 1.0, [&](int64_t i0, int64_t i1) {
    s.f16->to_half(s.output.view.data<float>() + i0, y + i0, i1 - i0);
  });
  return Status::Ok();
}

template <Isa kIsa>
Status InferMaxPoolF16(InferContext& ctx) {
  return InferWidened(ctx, kIsa, NativeMaxPoolOp(kIsa));
}
template <Isa kIsa>
Status InferDepthwiseF16(InferContext& ctx) {
  const bool fused = ctx.node().op_type == "FusedConv";
  return InferWidened(ctx, kIsa, fused ? NativeFusedConvOp(kIsa) : NativeConvOp(kIsa));
}

OpCost CostMaxPool(const CostContext& ctx) { return DefaultCost(*FindRefOp("", "MaxPool"), ctx); }
OpCost CostConv(const CostContext& ctx) { return DefaultCost(*FindRefOp("", "Conv"), ctx); }
OpCost CostFusedConv(const CostContext& ctx) { return DefaultCost(*FindRefOp("com.microsoft", "FusedConv"), ctx); }

const OpDef kMaxPoolF16Ops[] = {
    {"MaxPool", InferMaxPoolF16<Isa::kScalar>, RunWidened, CostMaxPool},
    {"MaxPool", InferMaxPoolF16<Isa::kAvx2>, RunWidened, CostMaxPool},
    {"MaxPool", InferMaxPoolF16<Isa::kAvx512>, RunWidened, CostMaxPool},
    {"MaxPool", InferMaxPoolF16<Isa::kNeon>, RunWidened, CostMaxPool},
};
const OpDef kDepthwiseF16Ops[] = {
    {"Conv", InferDepthwiseF16<Isa::kScalar>, RunWidened, CostConv},
    {"Conv", InferDepthwiseF16<Isa::kAvx2>, RunWidened, CostConv},
    {"Conv", InferDepthwiseF16<Isa::kAvx512>, RunWidened, CostConv},
    {"Conv", InferDepthwiseF16<Isa::kNeon>, RunWidened, CostConv},
};
const OpDef kFusedDepthwiseF16Ops[] = {
    {"FusedConv", InferDepthwiseF16<Isa::kScalar>, RunWidened, CostFusedConv, false, false, "com.microsoft"},
    {"FusedConv", InferDepthwiseF16<Isa::kAvx2>, RunWidened, CostFusedConv, false, false, "com.microsoft"},
    {"FusedConv", InferDepthwiseF16<Isa::kAvx512>, RunWidened, CostFusedConv, false, false, "com.microsoft"},
    {"FusedConv", InferDepthwiseF16<Isa::kNeon>, RunWidened, CostFusedConv, false, false, "com.microsoft"},
};

}  // namespace

bool SupportsMaxPoolF16(const InferContext& ctx) {
  if (!ctx.has_input(0) || ctx.input_dtype(0) != DType::kFloat16 || ctx.input_rank(0) != 4) return false;
  if (!StridesSupported(ctx)) return false;
  return !ctx.has_output(1);  // Indices: ref
}

bool SupportsDepthwiseF16(const InferContext& ctx) {
  if (!StridesSupported(ctx)) return false;
  if (ctx.num_inputs() < 2 || !ctx.has_input(0) || !ctx.has_input(1) || !AllFloat16(ctx, 3)) return false;
  if (ctx.input_rank(0) != 4 || ctx.input_rank(1) != 4 || !ctx.input_value(1)) return false;
  if (ctx.has_input(2) && !ctx.input_value(2)) return false;
  if (ctx.has_input(3)) return false;  // native's depthwise leaves Z to ref
  const int64_t group = ctx.attributes().GetInt("group", 1);
  const int64_t channels = ctx.input_shape(0)[1];
  return group > 1 && group == channels && ctx.input_shape(1)[0] == channels;
}

const OpDef& NativeMaxPoolF16Op(Isa isa) { return kMaxPoolF16Ops[static_cast<int>(isa)]; }
const OpDef& NativeDepthwiseF16Op(Isa isa, bool fused) {
  return fused ? kFusedDepthwiseF16Ops[static_cast<int>(isa)] : kDepthwiseF16Ops[static_cast<int>(isa)];
}

}  // namespace edgebench::native
