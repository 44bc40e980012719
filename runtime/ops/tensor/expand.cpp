// Expand: broadcasts `input` against input 'shape' (known at session
// creation) by the numpy rule, in both directions: the output shape is
// broadcast(input.shape, shape), so a 1 in 'shape' keeps the input's dim.
#include "runtime/ops/tensor/data_movement.h"

namespace edgebench::ops {
namespace {

Status Infer(InferContext& ctx) {
  if (!ctx.has_input(0) || !ctx.has_input(1)) return ctx.Error("needs inputs 'input' and 'shape'");
  EB_RETURN_IF_ERROR(CheckMovableDType(ctx, 0, "input"));
  std::vector<int64_t> shape;
  EB_RETURN_IF_ERROR(ReadKnownInts(ctx, 1, "shape", &shape));
  if (ctx.input_rank(1) != 1) return ctx.Error("input 'shape' must be 1-D");
  for (int64_t d : shape) {
    if (d < 0) return ctx.Error("input 'shape' " + ShapeToString(shape) + " has a negative dim");
  }
  auto out_shape = BroadcastShapes(ctx.input_shape(0), shape);
  if (!out_shape.ok()) return ctx.Error(out_shape.status().message());
  if (static_cast<int>(out_shape->size()) > kMaxRank) {
    return ctx.UnsupportedError("output rank " + std::to_string(out_shape->size()) + " is above the " +
                                std::to_string(kMaxRank) + " implemented");
  }
  if (ctx.has_output(0)) ctx.set_output(0, ctx.input_dtype(0), *out_shape);
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const Tensor& in = *ctx.inputs[0];
  Tensor& out = *ctx.outputs[0];
  const int out_rank = out.rank();
  const int lead = out_rank - in.rank();  // input dims align to the output's trailing dims
  // Row-major strides of the input, 0 along broadcast dims.
  int64_t src_strides[kMaxRank];
  int64_t stride = 1;
  for (int d = out_rank - 1; d >= 0; --d) {
    const int64_t in_dim = d >= lead ? in.dim(d - lead) : 1;
    src_strides[d] = in_dim == 1 ? 0 : stride;
    stride *= in_dim;
  }
  StridedCopy(in.raw_data(), src_strides, out.shape().data(), out_rank, DTypeSize(in.dtype()), out.raw_data());
  return Status::Ok();
}

}  // namespace

// Cost: reads the data, not the small shape input.
extern const OpDef kExpand = {"Expand", Infer, Run, CopyDataCost, /*in_place=*/false};

}  // namespace edgebench::ops
