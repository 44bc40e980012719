// Unsqueeze: inserts size-1 dims at `axes` (required; attribute before opset
// 13, input from 13, known at session creation), which index the output, so
// they lie in [-(rank + len(axes)), rank + len(axes)). A pure copy, so it runs
// in place.
#include "runtime/ops/tensor/data_movement.h"

namespace edgebench::ops {
namespace {

Status Infer(InferContext& ctx) {
  if (!ctx.has_input(0)) return ctx.Error("missing input 'data'");
  EB_RETURN_IF_ERROR(CheckMovableDType(ctx, 0, "data"));
  std::vector<int64_t> axes;
  bool has_axes = false;
  EB_RETURN_IF_ERROR(ReadAttributeOrInputInts(ctx, "axes", &axes, &has_axes));
  if (!has_axes) return ctx.Error(std::string(ctx.opset() >= 13 ? "input" : "attribute") + " 'axes' is required");

  const Shape& shape = ctx.input_shape(0);
  const int out_rank = ctx.input_rank(0) + static_cast<int>(axes.size());
  std::vector<bool> inserted(out_rank, false);
  for (int64_t a : axes) {
    auto axis = NormalizeAxis(a, out_rank, "axes");
    if (!axis.ok()) return ctx.Error(axis.status().message());
    if (inserted[*axis]) return ctx.Error("axis " + std::to_string(*axis) + " is listed twice in 'axes'");
    inserted[*axis] = true;
  }
  Shape out_shape;
  size_t next_in = 0;
  for (int d = 0; d < out_rank; ++d) out_shape.push_back(inserted[d] ? 1 : shape[next_in++]);
  if (ctx.has_output(0)) ctx.set_output(0, ctx.input_dtype(0), out_shape);
  return Status::Ok();
}

}  // namespace

// Cost: reads the data, not the small axes input.
extern const OpDef kUnsqueeze = {"Unsqueeze", Infer, RunCopy, CopyDataCost, /*in_place=*/true};

}  // namespace edgebench::ops
