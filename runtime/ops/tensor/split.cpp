// Split: cuts `input` along `axis` (default 0) into the outputs. The part
// sizes come from attribute `split` before opset 13 and from input `split`
// (known at session creation) from 13; when absent, the axis is divided into
// equal parts, one per output.
#include <cstring>

#include "runtime/ops/tensor/data_movement.h"

namespace edgebench::ops {
namespace {

struct SplitState {
  int axis = 0;
  std::vector<int64_t> split;  // part sizes along the axis, one per output
};

Status Infer(InferContext& ctx) {
  if (!ctx.has_input(0)) return ctx.Error("missing input 'input'");
  EB_RETURN_IF_ERROR(CheckMovableDType(ctx, 0, "input"));
  const Shape& in_shape = ctx.input_shape(0);
  auto axis = NormalizeAxis(ctx.attributes().GetInt("axis", 0), ctx.input_rank(0), "attribute 'axis'");
  if (!axis.ok()) return ctx.Error(axis.status().message());
  const int64_t dim = in_shape[*axis];
  const int num_outputs = ctx.num_outputs();
  if (num_outputs == 0) return ctx.Error("needs at least one output");

  std::vector<int64_t> split;
  bool has_split = false;
  EB_RETURN_IF_ERROR(ReadAttributeOrInputInts(ctx, "split", &split, &has_split));
  if (has_split) {
    if (static_cast<int>(split.size()) != num_outputs) {
      return ctx.Error("'split' has " + std::to_string(split.size()) + " parts for " +
                       std::to_string(num_outputs) + " outputs");
    }
    int64_t total = 0;
    for (int64_t part : split) {
      if (part < 0) return ctx.Error("'split' has a negative part: " + ShapeToString(split));
      total += part;
    }
    if (total != dim) {
      return ctx.Error("'split' " + ShapeToString(split) + " does not add up to dim " + std::to_string(dim) +
                       " of axis " + std::to_string(*axis));
    }
  } else {
    if (dim % num_outputs != 0) {
      return ctx.Error("axis " + std::to_string(*axis) + " of size " + std::to_string(dim) +
                       " does not split into " + std::to_string(num_outputs) + " equal parts");
    }
    split.assign(num_outputs, dim / num_outputs);
  }

  for (int i = 0; i < num_outputs; ++i) {
    Shape out_shape = in_shape;
    out_shape[*axis] = split[i];
    if (ctx.has_output(i)) ctx.set_output(i, ctx.input_dtype(0), out_shape);
  }
  ctx.set_state(std::make_shared<SplitState>(SplitState{*axis, split}));
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const auto& state = ctx.get_state<SplitState>();
  const Tensor& in = *ctx.inputs[0];
  const Shape& shape = in.shape();
  int64_t outer = 1;
  for (int d = 0; d < state.axis; ++d) outer *= shape[d];
  int64_t inner = 1;
  for (int d = state.axis + 1; d < in.rank(); ++d) inner *= shape[d];
  const size_t elem_size = DTypeSize(in.dtype());
  const size_t in_block_bytes = static_cast<size_t>(shape[state.axis] * inner) * elem_size;
  const auto* src = static_cast<const uint8_t*>(in.raw_data());

  // Output i takes, from each outer block of the input, its part along the axis.
  size_t part_offset = 0;
  for (size_t i = 0; i < state.split.size(); ++i) {
    const size_t part_bytes = static_cast<size_t>(state.split[i] * inner) * elem_size;
    Tensor* out = ctx.output(static_cast<int>(i));
    if (out && part_bytes > 0) {
      auto* dst = static_cast<uint8_t*>(out->raw_data());
      for (int64_t o = 0; o < outer; ++o) {
        std::memcpy(dst + static_cast<size_t>(o) * part_bytes,
                    src + static_cast<size_t>(o) * in_block_bytes + part_offset, part_bytes);
      }
    }
    part_offset += part_bytes;
  }
  return Status::Ok();
}

}  // namespace

extern const OpDef kSplit = {"Split", Infer, Run, CopyAllInputsCost, /*in_place=*/false};

}  // namespace edgebench::ops
