// Squeeze: removes size-1 dims; those listed in `axes` (attribute before
// opset 13, input from 13, known at session creation), or every size-1 dim
// when axes are absent. A pure copy, so it runs in place.
#include "runtime/ops/tensor/data_movement.h"

namespace edgebench::ops {
namespace {

Status Infer(InferContext& ctx) {
  if (!ctx.has_input(0)) return ctx.Error("missing input 'data'");
  EB_RETURN_IF_ERROR(CheckMovableDType(ctx, 0, "data"));
  const Shape& shape = ctx.input_shape(0);
  const int rank = ctx.input_rank(0);

  std::vector<int64_t> axes;
  EB_RETURN_IF_ERROR(ReadAttributeOrInputInts(ctx, "axes", &axes));

  std::vector<bool> remove(rank, false);
  if (axes.empty()) {
    for (int d = 0; d < rank; ++d) remove[d] = shape[d] == 1;
  }
  for (int64_t a : axes) {
    auto axis = NormalizeAxis(a, rank, "axes");
    if (!axis.ok()) return ctx.Error(axis.status().message());
    if (remove[*axis]) return ctx.Error("axis " + std::to_string(*axis) + " is listed twice in 'axes'");
    if (shape[*axis] != 1) {
      return ctx.Error("cannot squeeze axis " + std::to_string(*axis) + " of size " + std::to_string(shape[*axis]));
    }
    remove[*axis] = true;
  }
  Shape out_shape;
  for (int d = 0; d < rank; ++d) {
    if (!remove[d]) out_shape.push_back(shape[d]);
  }
  if (ctx.has_output(0)) ctx.set_output(0, ctx.input_dtype(0), out_shape);
  return Status::Ok();
}

}  // namespace

// Cost: reads the data, not the small axes input.
extern const OpDef kSqueeze = {"Squeeze", Infer, RunCopy, CopyDataCost, /*in_place=*/true};

}  // namespace edgebench::ops
