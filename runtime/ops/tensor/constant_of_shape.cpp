// ConstantOfShape: a tensor of the shape given by input 'input' (1-D int64,
// known at session creation), every element equal to the one-element tensor
// attribute `value` (default float32 0). An empty shape gives a scalar.
#include <cstring>

#include "runtime/ops/tensor/data_movement.h"

namespace edgebench::ops {
namespace {

struct ConstantOfShapeState {
  DType dtype = DType::kFloat32;
  uint64_t value_bits = 0;  // the element's bytes, at the start
};

Status Infer(InferContext& ctx) {
  if (!ctx.has_input(0)) return ctx.Error("missing input 'input'");
  std::vector<int64_t> dims;
  EB_RETURN_IF_ERROR(ReadKnownInts(ctx, 0, "input", &dims));
  if (ctx.input_rank(0) != 1) return ctx.Error("input 'input' must be 1-D");
  for (int64_t d : dims) {
    if (d < 0) return ctx.Error("input 'input' has a negative dimension: " + ShapeToString(dims));
  }

  auto state = std::make_shared<ConstantOfShapeState>();
  if (const Attribute* a = ctx.attributes().Find("value")) {
    if (a->kind != Attribute::Kind::kTensor) return ctx.Error("attribute 'value' must be a tensor");
    if (a->t.num_elements() != 1) {
      return ctx.Error("attribute 'value' must have one element, not shape " + ShapeToString(a->t.shape()));
    }
    state->dtype = a->t.dtype();
    if (DTypeSize(state->dtype) == 0) {
      return ctx.UnsupportedError(std::string("attribute 'value' of type ") + DTypeName(state->dtype) +
                                  " is not implemented");
    }
    std::memcpy(&state->value_bits, a->t.raw_data(), DTypeSize(state->dtype));
  }
  if (ctx.has_output(0)) ctx.set_output(0, state->dtype, dims);
  ctx.set_state(state);
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const auto& state = ctx.get_state<ConstantOfShapeState>();
  Tensor& out = *ctx.outputs[0];
  const int64_t n = out.num_elements();
  VisitElementBits(DTypeSize(state.dtype), [&](auto zero) {
    using U = decltype(zero);
    U value;
    std::memcpy(&value, &state.value_bits, sizeof(U));
    U* dst = out.data<U>();
    for (int64_t i = 0; i < n; ++i) dst[i] = value;
  });
  return Status::Ok();
}

OpCost Cost(const CostContext& ctx) { return CopyCost(ctx, /*bytes_read=*/0); }

}  // namespace

extern const OpDef kConstantOfShape = {"ConstantOfShape", Infer, Run, Cost, /*in_place=*/false};

}  // namespace edgebench::ops
