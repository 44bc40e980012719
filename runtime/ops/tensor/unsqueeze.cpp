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
  if (ctx.opset() >= 13) {
    if (ctx.attributes().Has("axes")) return ctx.Error("attribute 'axes' became input 'axes' in opset 13");
    if (!ctx.has_input(1)) return ctx.Error("input 'axes' is required");
    EB_RETURN_IF_ERROR(ReadKnownInts(ctx, 1, "axes", &axes));
  } else {
    if (!ctx.attributes().Has("axes")) return ctx.Error("attribute 'axes' is required");
    axes = ctx.attributes().GetInts("axes");
  }

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

Status Run(const KernelContext& ctx) {
  CopyTensorData(*ctx.inputs[0], ctx.outputs[0]);
  return Status::Ok();
}

// Reads the data, not the small axes input.
OpCost Cost(const CostContext& ctx) { return CopyCost(ctx, static_cast<int64_t>(ctx.inputs[0]->num_bytes())); }

}  // namespace

extern const OpDef kUnsqueeze = {"Unsqueeze", Infer, Run, Cost, /*in_place=*/true};

}  // namespace edgebench::ops
