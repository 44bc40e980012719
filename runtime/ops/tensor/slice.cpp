// Slice: a strided window of `data`. Before opset 10, starts/ends/axes are
// attributes (steps are 1); from 10 they and `steps` are inputs, which must be
// known at session creation because they set the output shape.
//
// Per the spec, negative starts/ends count from the back, then are clamped
// to [0, dim] for positive steps and to [0, dim-1] (start) / [-1, dim-1]
// (end) for negative steps; the length is max(ceil((end - start) / step), 0).
#include <algorithm>

#include "runtime/ops/tensor/data_movement.h"

namespace edgebench::ops {
namespace {

struct SliceState {
  int rank = 0;
  int64_t start[kMaxRank] = {};
  int64_t step[kMaxRank] = {};
};

struct SliceArgs {
  std::vector<int64_t> starts, ends, axes, steps;
};

Status ReadArgs(const InferContext& ctx, SliceArgs* args) {
  if (ctx.opset() < 10) {
    const Attributes& attrs = ctx.attributes();
    if (!attrs.Has("starts") || !attrs.Has("ends")) return ctx.Error("attributes 'starts' and 'ends' are required");
    args->starts = attrs.GetInts("starts");
    args->ends = attrs.GetInts("ends");
    args->axes = attrs.GetInts("axes");
  } else {
    if (!ctx.has_input(1) || !ctx.has_input(2)) return ctx.Error("inputs 'starts' and 'ends' are required");
    EB_RETURN_IF_ERROR(ReadKnownInts(ctx, 1, "starts", &args->starts));
    EB_RETURN_IF_ERROR(ReadKnownInts(ctx, 2, "ends", &args->ends));
    if (ctx.has_input(3)) EB_RETURN_IF_ERROR(ReadKnownInts(ctx, 3, "axes", &args->axes));
    if (ctx.has_input(4)) EB_RETURN_IF_ERROR(ReadKnownInts(ctx, 4, "steps", &args->steps));
  }
  const size_t n = args->starts.size();
  const bool has_axes = ctx.opset() < 10 ? ctx.attributes().Has("axes") : ctx.has_input(3);
  if (!has_axes) {
    args->axes.resize(n);
    for (size_t i = 0; i < n; ++i) args->axes[i] = static_cast<int64_t>(i);
  }
  const bool has_steps = ctx.opset() >= 10 && ctx.has_input(4);
  if (!has_steps) args->steps.assign(n, 1);
  if (args->ends.size() != n || args->axes.size() != n || args->steps.size() != n) {
    return ctx.Error("starts, ends, axes and steps must have the same length");
  }
  return Status::Ok();
}

Status Infer(InferContext& ctx) {
  if (!ctx.has_input(0)) return ctx.Error("missing input 'data'");
  EB_RETURN_IF_ERROR(CheckMovableDType(ctx, 0, "data"));
  EB_RETURN_IF_ERROR(CheckMaxRank(ctx, 0, "data"));
  SliceArgs args;
  EB_RETURN_IF_ERROR(ReadArgs(ctx, &args));

  const Shape& in_shape = ctx.input_shape(0);
  const int rank = ctx.input_rank(0);
  auto state = std::make_shared<SliceState>();
  state->rank = rank;
  Shape out_shape = in_shape;
  for (int d = 0; d < rank; ++d) state->step[d] = 1;
  bool seen[kMaxRank] = {};
  for (size_t i = 0; i < args.starts.size(); ++i) {
    auto axis = NormalizeAxis(args.axes[i], rank, "axes");
    if (!axis.ok()) return ctx.Error(axis.status().message());
    if (seen[*axis]) return ctx.Error("axis " + std::to_string(*axis) + " appears twice in 'axes'");
    seen[*axis] = true;
    const int64_t step = args.steps[i];
    if (step == 0) return ctx.Error("'steps' must not contain 0");
    const int64_t dim = in_shape[*axis];
    int64_t start = args.starts[i];
    int64_t end = args.ends[i];
    if (start < 0) start += dim;
    if (end < 0) end += dim;
    int64_t length = 0;
    if (dim > 0 && step > 0) {
      start = std::clamp<int64_t>(start, 0, dim);
      end = std::clamp<int64_t>(end, 0, dim);
      if (end > start) length = 1 + (end - start - 1) / step;  // ceil((end - start) / step)
    } else if (dim > 0) {
      start = std::clamp<int64_t>(start, 0, dim - 1);
      end = std::clamp<int64_t>(end, -1, dim - 1);
      if (end < start) length = 1 + (end - start + 1) / step;  // ceil((end - start) / step), step < 0
    }
    out_shape[*axis] = length;
    state->start[*axis] = length > 0 ? start : 0;
    state->step[*axis] = step;
  }
  if (ctx.has_output(0)) ctx.set_output(0, ctx.input_dtype(0), out_shape);
  ctx.set_state(state);
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const auto& state = ctx.get_state<SliceState>();
  const Tensor& data = *ctx.inputs[0];
  Tensor& out = *ctx.outputs[0];
  if (out.num_elements() == 0) return Status::Ok();
  const int64_t* in_shape = data.shape().data();
  int64_t in_strides[kMaxRank];
  int64_t stride = 1;
  for (int d = state.rank - 1; d >= 0; --d) {
    in_strides[d] = stride;
    stride *= in_shape[d];
  }
  int64_t offset = 0;
  int64_t src_strides[kMaxRank];
  for (int d = 0; d < state.rank; ++d) {
    offset += state.start[d] * in_strides[d];
    src_strides[d] = state.step[d] * in_strides[d];
  }
  const size_t elem_size = DTypeSize(data.dtype());
  StridedCopy(static_cast<const uint8_t*>(data.raw_data()) + static_cast<size_t>(offset) * elem_size, src_strides,
              out.shape().data(), state.rank, elem_size, out.raw_data());
  return Status::Ok();
}

// Reads the selected elements (plus the small index inputs), writes the output.
OpCost Cost(const CostContext& ctx) {
  int64_t bytes_read = ctx.outputs[0] ? static_cast<int64_t>(ctx.outputs[0]->num_bytes()) : 0;
  for (size_t i = 1; i < ctx.inputs.size(); ++i) {
    if (ctx.inputs[i]) bytes_read += static_cast<int64_t>(ctx.inputs[i]->num_bytes());
  }
  return CopyCost(ctx, bytes_read);
}

}  // namespace

extern const OpDef kSlice = {"Slice", Infer, Run, Cost, /*in_place=*/false};

}  // namespace edgebench::ops
