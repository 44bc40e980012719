// Where: output = condition ? X : Y, all three broadcast together
// (opsets 9, 16).
#include <memory>

#include "runtime/ops/elementwise/broadcast.h"

namespace edgebench::ops {
namespace {

using Types = AllTypes;

Status Infer(InferContext& ctx) {
  EB_RETURN_IF_ERROR(CheckInputCount(ctx, 3, 3));
  if (ctx.input_dtype(0) != DType::kBool) {
    return ctx.Error(std::string("condition must be bool, got ") + DTypeName(ctx.input_dtype(0)));
  }
  EB_RETURN_IF_ERROR(CheckInputDType<Types>(ctx, 1));
  EB_RETURN_IF_ERROR(CheckSameDType(ctx, 1, 3));
  auto plan = std::make_shared<BroadcastPlan>();
  EB_RETURN_IF_ERROR(MakeBroadcastPlan(ctx, 3, plan.get()));
  ctx.set_output(0, ctx.input_dtype(1), plan->out_shape);
  ctx.set_state(std::move(plan));
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const BroadcastPlan& plan = ctx.get_state<BroadcastPlan>();
  Types::Visit(ctx.inputs[1]->dtype(), [&](auto tag) {
    using T = decltype(tag);
    BroadcastTernary(plan, ctx.inputs[0]->data<bool>(), ctx.inputs[1]->data<T>(), ctx.inputs[2]->data<T>(),
                     ctx.outputs[0]->data<T>(), [](bool condition, T x, T y) { return condition ? x : y; });
  });
  return Status::Ok();
}

}  // namespace

extern const OpDef kWhere = {"Where", Infer, Run, nullptr, true};

}  // namespace edgebench::ops
