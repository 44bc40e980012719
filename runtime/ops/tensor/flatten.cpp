// Flatten: a 2-D view (prod(dims[:axis]), prod(dims[axis:])), axis in
// [-rank, rank] (default 1). A pure copy, so it runs in place.
#include "runtime/ops/tensor/data_movement.h"

namespace edgebench::ops {
namespace {

Status Infer(InferContext& ctx) {
  if (!ctx.has_input(0)) return ctx.Error("missing input 'input'");
  EB_RETURN_IF_ERROR(CheckMovableDType(ctx, 0, "input"));
  const Shape& shape = ctx.input_shape(0);
  const int64_t rank = ctx.input_rank(0);
  int64_t axis = ctx.attributes().GetInt("axis", 1);
  if (axis < -rank || axis > rank) {
    return ctx.Error("attribute 'axis' " + std::to_string(axis) + " is out of range for rank " +
                     std::to_string(rank));
  }
  if (axis < 0) axis += rank;
  const Shape outer(shape.begin(), shape.begin() + axis);
  const Shape inner(shape.begin() + axis, shape.end());
  if (ctx.has_output(0)) ctx.set_output(0, ctx.input_dtype(0), {NumElements(outer), NumElements(inner)});
  return Status::Ok();
}

}  // namespace

extern const OpDef kFlatten = {"Flatten", Infer, RunCopy, CopyAllInputsCost, /*in_place=*/true};

}  // namespace edgebench::ops
