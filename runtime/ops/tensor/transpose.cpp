// Transpose: output dim k is input dim perm[k]; perm defaults to the
// reversed dims.
#include "runtime/ops/tensor/data_movement.h"

namespace edgebench::ops {
namespace {

struct TransposeState {
  int rank = 0;
  int perm[kMaxRank] = {};
};

Status Infer(InferContext& ctx) {
  if (!ctx.has_input(0)) return ctx.Error("missing input 'data'");
  EB_RETURN_IF_ERROR(CheckMovableDType(ctx, 0, "data"));
  EB_RETURN_IF_ERROR(CheckMaxRank(ctx, 0, "data"));
  const int rank = ctx.input_rank(0);
  const Shape& in_shape = ctx.input_shape(0);
  auto state = std::make_shared<TransposeState>();
  state->rank = rank;
  if (ctx.attributes().Has("perm")) {
    const std::vector<int64_t> perm = ctx.attributes().GetInts("perm");
    if (static_cast<int>(perm.size()) != rank) {
      return ctx.Error("attribute 'perm' " + ShapeToString(perm) + " must have one entry per input dim (rank " +
                       std::to_string(rank) + ")");
    }
    bool used[kMaxRank] = {};
    for (int k = 0; k < rank; ++k) {
      if (perm[k] < 0 || perm[k] >= rank || used[perm[k]]) {
        return ctx.Error("attribute 'perm' " + ShapeToString(perm) + " is not a permutation of 0.." +
                         std::to_string(rank - 1));
      }
      used[perm[k]] = true;
      state->perm[k] = static_cast<int>(perm[k]);
    }
  } else {
    for (int k = 0; k < rank; ++k) state->perm[k] = rank - 1 - k;
  }
  Shape out_shape(rank);
  for (int k = 0; k < rank; ++k) out_shape[k] = in_shape[state->perm[k]];
  if (ctx.has_output(0)) ctx.set_output(0, ctx.input_dtype(0), out_shape);
  ctx.set_state(state);
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const auto& state = ctx.get_state<TransposeState>();
  const Tensor& in = *ctx.inputs[0];
  Tensor& out = *ctx.outputs[0];
  int64_t in_strides[kMaxRank];
  int64_t stride = 1;
  for (int d = state.rank - 1; d >= 0; --d) {
    in_strides[d] = stride;
    stride *= in.dim(d);
  }
  // Walking the output in order reads the input along the permuted strides.
  int64_t src_strides[kMaxRank];
  for (int k = 0; k < state.rank; ++k) src_strides[k] = in_strides[state.perm[k]];
  StridedCopy(in.raw_data(), src_strides, out.shape().data(), state.rank, DTypeSize(in.dtype()), out.raw_data());
  return Status::Ok();
}

}  // namespace

extern const OpDef kTranspose = {"Transpose", Infer, Run, CopyAllInputsCost, /*in_place=*/false};

}  // namespace edgebench::ops
