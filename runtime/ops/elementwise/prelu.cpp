// PRelu: Y = X < 0 ? slope * X : X (opsets 7, 9, 16). The slope broadcasts to
// X unidirectionally: the output always has X's shape.
#include "runtime/ops/elementwise/broadcast.h"
#include "runtime/ops/elementwise/scalar_math.h"

namespace edgebench::ops {
namespace {

using Types = DTypeList<float, int32_t, int64_t>;

Status Infer(InferContext& ctx) {
  EB_RETURN_IF_ERROR(InferBroadcastOp<Types>(ctx, 2));
  if (ctx.outputs()[0].shape != ctx.input_shape(0)) {
    return ctx.Error("slope shape " + ShapeToString(ctx.input_shape(1)) + " does not broadcast to X shape " +
                     ShapeToString(ctx.input_shape(0)) + " (PRelu broadcasts unidirectionally)");
  }
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  return RunBinaryOp<Types>(ctx, [](auto x, auto slope) { return x < decltype(x){0} ? WrapMul(slope, x) : x; });
}

}  // namespace

extern const OpDef kPRelu = {"PRelu", Infer, Run, nullptr, true};

}  // namespace edgebench::ops
