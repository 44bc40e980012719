// LayerNormalization (opset 17): each row X[outer..., :] over the dims from
// `axis` on is normalized with its own mean and variance,
//   Y = (X - mean) * inv_std_dev * Scale + B,   inv_std_dev = 1 / sqrt(var + epsilon),
// with Scale and B broadcast to the normalized shape X.shape[axis:]. Optional
// outputs Mean and InvStdDev have X's shape with the normalized dims set to 1.
#include <cmath>
#include <memory>
#include <string>

#include "runtime/ops/nn/normalization.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {
namespace {

struct LayerNormState {
  int axis = 0;
  float epsilon = 1e-5f;
  int norm_rank = 0;
  int64_t norm_dims[kMaxRank] = {};
  // Element strides of Scale and B over the normalized dims, 0 where they
  // broadcast; `*_contiguous` when they cover the normalized shape exactly.
  int64_t scale_strides[kMaxRank] = {};
  int64_t bias_strides[kMaxRank] = {};
  bool scale_contiguous = true;
  bool bias_contiguous = true;
};

// Checks that `shape` broadcasts (unidirectionally) to the normalized shape
// and sets its strides over the normalized dims.
Status BroadcastToNorm(const InferContext& ctx, const char* name, const Shape& shape, LayerNormState* state,
                       int64_t* strides, bool* contiguous) {
  const int norm_rank = state->norm_rank;
  const int rank = static_cast<int>(shape.size());
  bool ok = rank <= norm_rank;
  int64_t stride = 1;
  *contiguous = true;
  for (int d = norm_rank - 1; ok && d >= 0; --d) {
    const int sd = d - (norm_rank - rank);
    const int64_t dim = sd >= 0 ? shape[sd] : 1;
    if (dim == state->norm_dims[d]) {
      strides[d] = stride;
    } else if (dim == 1) {
      strides[d] = 0;
      *contiguous = false;
    } else {
      ok = false;
    }
    stride *= dim;
  }
  if (!ok) {
    Shape norm(state->norm_dims, state->norm_dims + norm_rank);
    return ctx.Error(std::string(name) + " " + ShapeToString(shape) + " does not broadcast to the normalized shape " +
                     ShapeToString(norm));
  }
  return Status::Ok();
}

Status Infer(InferContext& ctx) {
  if (ctx.num_inputs() < 2 || !ctx.has_input(0) || !ctx.has_input(1)) return ctx.Error("needs inputs X and Scale");
  const bool has_bias = ctx.has_input(2);
  for (int i = 0; i < (has_bias ? 3 : 2); ++i) {
    if (ctx.input_dtype(i) != DType::kFloat32) {
      return ctx.UnsupportedError(std::string("input ") + std::to_string(i) + " has type " +
                                  DTypeName(ctx.input_dtype(i)) + "; only float32 is implemented");
    }
  }
  const int64_t stash_type = ctx.attributes().GetInt("stash_type", 1);
  if (stash_type != static_cast<int64_t>(DType::kFloat32)) {
    return ctx.UnsupportedError("stash_type " + std::to_string(stash_type) +
                                " is not implemented; only 1 (float32) is");
  }

  const Shape& x = ctx.input_shape(0);
  const int rank = ctx.input_rank(0);
  if (rank < 1 || rank > kMaxRank) {
    return ctx.Error("X must have rank 1 to " + std::to_string(kMaxRank) + ", got " + ShapeToString(x));
  }
  auto axis = NormalizeAxis(ctx.attributes().GetInt("axis", -1), rank, "LayerNormalization");
  if (!axis.ok()) return ctx.Error(axis.status().message());

  auto state = std::make_shared<LayerNormState>();
  state->axis = *axis;
  state->epsilon = ctx.attributes().GetFloat("epsilon", 1e-5f);
  state->norm_rank = rank - state->axis;
  for (int d = 0; d < state->norm_rank; ++d) state->norm_dims[d] = x[state->axis + d];
  EB_RETURN_IF_ERROR(
      BroadcastToNorm(ctx, "Scale", ctx.input_shape(1), state.get(), state->scale_strides, &state->scale_contiguous));
  if (has_bias) {
    EB_RETURN_IF_ERROR(
        BroadcastToNorm(ctx, "B", ctx.input_shape(2), state.get(), state->bias_strides, &state->bias_contiguous));
  }

  ctx.set_output(0, DType::kFloat32, x);
  Shape stats_shape = x;
  for (int d = state->axis; d < rank; ++d) stats_shape[d] = 1;
  if (ctx.has_output(1)) ctx.set_output(1, DType::kFloat32, stats_shape);
  if (ctx.has_output(2)) ctx.set_output(2, DType::kFloat32, stats_shape);
  ctx.set_state(state);
  return Status::Ok();
}

// Offset into a broadcast parameter of the j-th element of a normalized row.
int64_t BroadcastOffset(int64_t j, const LayerNormState& state, const int64_t* strides) {
  int64_t offset = 0;
  for (int d = state.norm_rank - 1; d >= 0; --d) {
    offset += (j % state.norm_dims[d]) * strides[d];
    j /= state.norm_dims[d];
  }
  return offset;
}

Status Run(const KernelContext& ctx) {
  const LayerNormState& state = ctx.get_state<LayerNormState>();
  const Tensor& x = *ctx.inputs[0];
  const float* x_data = x.data<float>();
  const float* scale = ctx.inputs[1]->data<float>();
  const float* bias = ctx.input(2) ? ctx.input(2)->data<float>() : nullptr;
  float* y_data = ctx.outputs[0]->data<float>();
  float* mean_out = ctx.output(1) ? ctx.output(1)->data<float>() : nullptr;
  float* inv_std_out = ctx.output(2) ? ctx.output(2)->data<float>() : nullptr;

  int64_t row_size = 1;
  for (int d = 0; d < state.norm_rank; ++d) row_size *= state.norm_dims[d];
  const int64_t rows = row_size > 0 ? x.num_elements() / row_size : 0;
  for (int64_t row = 0; row < rows; ++row) {
    const float* x_row = x_data + row * row_size;
    float* y_row = y_data + row * row_size;
    double mean = 0.0;
    double var = 0.0;
    MeanAndVariance(x_row, row_size, &mean, &var);
    const float inv_std = static_cast<float>(1.0 / std::sqrt(var + state.epsilon));
    const float mean_f = static_cast<float>(mean);
    if (mean_out) mean_out[row] = mean_f;
    if (inv_std_out) inv_std_out[row] = inv_std;

    // The whole row was read above, so Y may share X's buffer.
    for (int64_t j = 0; j < row_size; ++j) {
      const float s = state.scale_contiguous ? scale[j] : scale[BroadcastOffset(j, state, state.scale_strides)];
      float value = (x_row[j] - mean_f) * inv_std * s;
      if (bias) value += state.bias_contiguous ? bias[j] : bias[BroadcastOffset(j, state, state.bias_strides)];
      y_row[j] = value;
    }
  }
  return Status::Ok();
}

// FLOPs = 8 * elements (mean: add; variance: subtract, multiply, add; normalize: subtract, two multiplies, add).
OpCost Cost(const CostContext& ctx) {
  OpCost cost = ElementwiseCost(ctx);
  cost.flops = 8 * ctx.inputs[0]->num_elements();
  return cost;
}

}  // namespace

// In place: each row's statistics are computed before any of its outputs is written.
extern const OpDef kLayerNormalization = {"LayerNormalization", Infer, Run, Cost, true};

}  // namespace edgebench::ops
