// Shape: the input's dims as a 1-D int64 tensor. Opset 15 adds `start` and
// `end` (negative counts from the back, both clamped to [0, rank]) to return
// a slice of the dims. Only the input's shape is read, never its data.
#include <algorithm>

#include "runtime/ops/tensor/data_movement.h"

namespace edgebench::ops {
namespace {

struct ShapeState {
  int64_t start = 0;
};

// Normalizes a start or end attribute per the opset 15 spec.
int64_t ClampToRank(int64_t index, int64_t rank) {
  if (index < 0) index += rank;
  return std::clamp<int64_t>(index, 0, rank);
}

Status Infer(InferContext& ctx) {
  if (!ctx.has_input(0)) return ctx.Error("missing input 'data'");
  const int64_t rank = ctx.input_rank(0);
  auto state = std::make_shared<ShapeState>();
  int64_t end = rank;
  if (ctx.opset() >= 15) {
    state->start = ClampToRank(ctx.attributes().GetInt("start", 0), rank);
    end = ClampToRank(ctx.attributes().GetInt("end", rank), rank);
  }
  if (ctx.has_output(0)) ctx.set_output(0, DType::kInt64, {std::max<int64_t>(end - state->start, 0)});
  ctx.set_state(state);
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const Shape& dims = ctx.inputs[0]->shape();
  Tensor& out = *ctx.outputs[0];
  const int64_t start = ctx.get_state<ShapeState>().start;
  int64_t* dst = out.data<int64_t>();
  for (int64_t i = 0; i < out.num_elements(); ++i) dst[i] = dims[start + i];
  return Status::Ok();
}

// Reads only the input's metadata.
OpCost Cost(const CostContext& ctx) { return CopyCost(ctx, /*bytes_read=*/0); }

}  // namespace

extern const OpDef kShape = {"Shape", Infer, Run, Cost, /*in_place=*/false,
                                /*reads_only_shapes=*/true};

}  // namespace edgebench::ops
