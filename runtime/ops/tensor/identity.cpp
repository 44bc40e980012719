// Identity: output = input. A pure copy, so it runs in place when the planner
// lets output 0 share input 0's buffer.
#include "runtime/ops/tensor/data_movement.h"

namespace edgebench::ops {
namespace {

Status Infer(InferContext& ctx) {
  if (!ctx.has_input(0)) return ctx.Error("missing input 'input'");
  EB_RETURN_IF_ERROR(CheckMovableDType(ctx, 0, "input"));
  if (ctx.has_output(0)) ctx.set_output(0, ctx.input_dtype(0), ctx.input_shape(0));
  return Status::Ok();
}

}  // namespace

extern const OpDef kIdentity = {"Identity", Infer, RunCopy, CopyAllInputsCost, /*in_place=*/true};

}  // namespace edgebench::ops
