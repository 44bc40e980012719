// Concat: joins the inputs along `axis` (required; negative from opset 11).
// All inputs share the type and every dim but the axis one.
#include <cstring>

#include "runtime/ops/tensor/data_movement.h"

namespace edgebench::ops {
namespace {

struct ConcatState {
  int axis = 0;
};

Status Infer(InferContext& ctx) {
  if (ctx.num_inputs() == 0) return ctx.Error("needs at least one input");
  if (!ctx.attributes().Has("axis")) return ctx.Error("attribute 'axis' is required");
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    if (!ctx.has_input(i)) return ctx.Error("input " + std::to_string(i) + " is missing");
  }
  EB_RETURN_IF_ERROR(CheckMovableDType(ctx, 0, "inputs"));
  const int rank = ctx.input_rank(0);
  if (rank == 0) return ctx.Error("inputs must have rank >= 1");
  auto axis = NormalizeAxis(ctx.attributes().GetInt("axis", 0), rank, "attribute 'axis'");
  if (!axis.ok()) return ctx.Error(axis.status().message());

  Shape out_shape = ctx.input_shape(0);
  out_shape[*axis] = 0;
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    const Shape& shape = ctx.input_shape(i);
    if (ctx.input_dtype(i) != ctx.input_dtype(0)) {
      return ctx.Error(std::string("input ") + std::to_string(i) + " is " + DTypeName(ctx.input_dtype(i)) +
                       " but input 0 is " + DTypeName(ctx.input_dtype(0)));
    }
    bool compatible = static_cast<int>(shape.size()) == rank;
    for (int d = 0; compatible && d < rank; ++d) compatible = d == *axis || shape[d] == out_shape[d];
    if (!compatible) {
      return ctx.Error("input " + std::to_string(i) + " of shape " + ShapeToString(shape) +
                       " does not match input 0 of shape " + ShapeToString(ctx.input_shape(0)) +
                       " outside axis " + std::to_string(*axis));
    }
    out_shape[*axis] += shape[*axis];
  }
  if (ctx.has_output(0)) ctx.set_output(0, ctx.input_dtype(0), out_shape);
  ctx.set_state(std::make_shared<ConcatState>(ConcatState{*axis}));
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const int axis = ctx.get_state<ConcatState>().axis;
  Tensor& out = *ctx.outputs[0];
  const Shape& out_shape = out.shape();
  int64_t outer = 1;
  for (int d = 0; d < axis; ++d) outer *= out_shape[d];
  int64_t inner = 1;
  for (int d = axis + 1; d < out.rank(); ++d) inner *= out_shape[d];
  const size_t elem_size = DTypeSize(out.dtype());
  auto* dst = static_cast<uint8_t*>(out.raw_data());
  // For each outer index, each input contributes one contiguous block.
  for (int64_t o = 0; o < outer; ++o) {
    for (const Tensor* in : ctx.inputs) {
      const size_t block_bytes = static_cast<size_t>(in->dim(axis) * inner) * elem_size;
      if (block_bytes == 0) continue;
      std::memcpy(dst, static_cast<const uint8_t*>(in->raw_data()) + static_cast<size_t>(o) * block_bytes,
                  block_bytes);
      dst += block_bytes;
    }
  }
  return Status::Ok();
}

}  // namespace

extern const OpDef kConcat = {"Concat", Infer, Run, CopyAllInputsCost, /*in_place=*/false};

}  // namespace edgebench::ops
