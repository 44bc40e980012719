// MaxPool on float16 X and Y: X widened into the scratch (F16C at the avx2
// and avx512 levels), the float32 native MaxPool on it, Y rounded back. The
// max of halves is a half, so the round trip is exact: the output equals
// ref's bit for bit. Without it, float16 models ran MaxPool through ref's
// adapter (ResNet-18's stem MaxPool: 21 ms of a 28 ms float32 inference here).
#include <memory>
#include <vector>

#include "runtime/backends/native/f16_common.h"
#include "runtime/backends/native/native_ops.h"
#include "runtime/backends/native/native_ops_f16.h"
#include "runtime/ops/op_registry.h"

namespace edgebench::native {
namespace {

size_t AlignUp(size_t bytes) { return (bytes + kTensorAlignment - 1) / kTensorAlignment * kTensorAlignment; }

struct MaxPoolF16State {
  const F16Kernels* f16 = nullptr;
  const OpDef* op = nullptr;  // the float32 native MaxPool
  size_t x_offset = 0, y_offset = 0;  // float32 X and Y in the scratch, after the op's own
  // The float32 op's context, re-pointed at this run's scratch by run(); the
  // session runs one step at a time.
  mutable Tensor x_view, y_view;
  mutable KernelContext inner;
};

Status InferMaxPoolF16(InferContext& ctx, Isa isa) {
  EB_ASSIGN_OR_RETURN(std::unique_ptr<Float32StandIns> f32, Float32StandIns::Create(ctx));
  auto state = std::make_shared<MaxPoolF16State>();
  state->f16 = &F16KernelsFor(isa);
  state->op = &NativeMaxPoolOp(isa);
  InferContext& inner = f32->mutable_ctx();
  EB_RETURN_IF_ERROR(state->op->infer(inner));
  const Shape& y_shape = inner.outputs()[0].shape;
  ctx.set_output(0, DType::kFloat16, y_shape);
  state->x_view = Tensor::View(DType::kFloat32, ctx.input_shape(0), nullptr);
  state->y_view = Tensor::View(DType::kFloat32, y_shape, nullptr);
  state->x_offset = AlignUp(inner.scratch_bytes());
  state->y_offset = state->x_offset + AlignUp(sizeof(float) * static_cast<size_t>(state->x_view.num_elements()));
  state->inner.node = &ctx.node();
  state->inner.opset = ctx.opset();
  state->inner.inputs = {&state->x_view};
  state->inner.outputs = {&state->y_view};
  state->inner.state = inner.state();
  state->inner.scratch_bytes = inner.scratch_bytes();
  ctx.set_scratch_bytes(state->y_offset + sizeof(float) * static_cast<size_t>(state->y_view.num_elements()));
  ctx.set_state(std::move(state));
  return Status::Ok();
}

template <Isa kIsa>
Status InferMaxPoolF16For(InferContext& ctx) {
  return InferMaxPoolF16(ctx, kIsa);
}

Status RunMaxPoolF16(const KernelContext& ctx) {
  const MaxPoolF16State& s = ctx.get_state<MaxPoolF16State>();
  auto* scratch = static_cast<unsigned char*>(ctx.scratch);
  s.x_view.set_data(scratch + s.x_offset);
  s.y_view.set_data(scratch + s.y_offset);
  s.inner.scratch = scratch;
  s.inner.pool = ctx.pool;
  const Tensor& x = *ctx.inputs[0];
  const int64_t n = x.num_elements();
  // Widened in slices over the pool: this is most of the op's memory traffic.
  ParallelFor(ctx.pool, n, 1.0, [&](int64_t i0, int64_t i1) {
    s.f16->to_float(x.data<uint16_t>() + i0, s.x_view.data<float>() + i0, i1 - i0);
  });
  EB_RETURN_IF_ERROR(s.op->run(s.inner));
  uint16_t* y = ctx.outputs[0]->data<uint16_t>();
  ParallelFor(ctx.pool, s.y_view.num_elements(), 1.0, [&](int64_t i0, int64_t i1) {
    s.f16->to_half(s.y_view.data<float>() + i0, y + i0, i1 - i0);
  });
  return Status::Ok();
}

OpCost CostMaxPool(const CostContext& ctx) { return DefaultCost(*FindRefOp("", "MaxPool"), ctx); }

const OpDef kMaxPoolF16Ops[] = {
    {"MaxPool", InferMaxPoolF16For<Isa::kScalar>, RunMaxPoolF16, CostMaxPool},
    {"MaxPool", InferMaxPoolF16For<Isa::kAvx2>, RunMaxPoolF16, CostMaxPool},
    {"MaxPool", InferMaxPoolF16For<Isa::kAvx512>, RunMaxPoolF16, CostMaxPool},
};

}  // namespace

bool SupportsMaxPoolF16(const InferContext& ctx) {
  if (!ctx.has_input(0) || ctx.input_dtype(0) != DType::kFloat16 || ctx.input_rank(0) != 4) return false;
  if (!StridesSupported(ctx)) return false;
  return !ctx.has_output(1);  // Indices: ref
}

const OpDef& NativeMaxPoolF16Op(Isa isa) { return kMaxPoolF16Ops[static_cast<int>(isa)]; }

}  // namespace edgebench::native
