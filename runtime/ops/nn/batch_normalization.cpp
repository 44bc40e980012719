// BatchNormalization (opsets 7, 9, 14, 15), inference mode only:
//   Y = (X - mean) / sqrt(var + epsilon) * scale + B
// with per-channel statistics. Opset 7's spatial=0 keeps one statistic per
// (channel, spatial position): the parameters then have shape X.shape[1:].
// Training (opset 14's training_mode=1, or before that any of the outputs
// beyond Y) updates running statistics and is not implemented.
#include <cmath>
#include <memory>
#include <string>

#include "runtime/ops/nn/normalization.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {
namespace {

struct BatchNormState {
  float epsilon = 1e-5f;
  bool spatial = true;
};

Status Infer(InferContext& ctx) {
  static const char* const kNames[] = {"X", "scale", "B", "input_mean", "input_var"};
  EB_RETURN_IF_ERROR(CheckFloatInputs(ctx, kNames, 5));
  if (ctx.attributes().GetInt("training_mode", 0) != 0) {
    return ctx.UnsupportedError("training_mode=1 is not implemented (inference only)");
  }
  for (int i = 1; i < ctx.num_outputs(); ++i) {
    if (ctx.has_output(i)) {
      return ctx.UnsupportedError("output " + std::to_string(i) +
                                  " (running or saved statistics) exists only in training mode, which is not "
                                  "implemented");
    }
  }

  const Shape& x = ctx.input_shape(0);
  const int rank = ctx.input_rank(0);
  if (rank < 2 || rank > kMaxRank) {
    return ctx.Error("X must have rank 2 to " + std::to_string(kMaxRank) + ", got " + ShapeToString(x));
  }
  auto state = std::make_shared<BatchNormState>();
  state->epsilon = ctx.attributes().GetFloat("epsilon", 1e-5f);
  // spatial exists in opset 7 only (default 1); from opset 9 on statistics are per channel.
  state->spatial = ctx.opset() >= 9 || ctx.attributes().GetInt("spatial", 1) != 0;

  const Shape per_channel = {x[1]};
  const Shape per_activation(x.begin() + 1, x.end());
  for (int i = 1; i < 5; ++i) {
    const Shape& shape = ctx.input_shape(i);
    const bool ok = state->spatial ? shape == per_channel
                                   : NumElements(shape) == NumElements(per_activation) &&
                                         (shape == per_activation || shape.size() == 1);
    if (!ok) {
      return ctx.Error(std::string(kNames[i]) + " " + ShapeToString(shape) + " must have shape " +
                       ShapeToString(state->spatial ? per_channel : per_activation) + " for X " + ShapeToString(x));
    }
  }
  ctx.set_output(0, DType::kFloat32, x);
  ctx.set_state(state);
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const BatchNormState& state = ctx.get_state<BatchNormState>();
  const Tensor& x = *ctx.inputs[0];
  const float* x_data = x.data<float>();
  const float* scale = ctx.inputs[1]->data<float>();
  const float* bias = ctx.inputs[2]->data<float>();
  const float* mean = ctx.inputs[3]->data<float>();
  const float* var = ctx.inputs[4]->data<float>();
  float* y_data = ctx.outputs[0]->data<float>();

  const int64_t batch = x.dim(0);
  const int64_t channels = x.dim(1);
  const int64_t plane = batch * channels > 0 ? x.num_elements() / (batch * channels) : 0;
  for (int64_t n = 0; n < batch; ++n) {
    for (int64_t c = 0; c < channels; ++c) {
      const float* x_plane = x_data + (n * channels + c) * plane;
      float* y_plane = y_data + (n * channels + c) * plane;
      if (state.spatial) {
        const float channel_mean = mean[c];
        const float channel_scale = scale[c] / std::sqrt(var[c] + state.epsilon);
        const float channel_bias = bias[c];
        for (int64_t i = 0; i < plane; ++i) y_plane[i] = (x_plane[i] - channel_mean) * channel_scale + channel_bias;
      } else {
        // One statistic per activation: index c * plane + i.
        for (int64_t i = 0; i < plane; ++i) {
          const int64_t s = c * plane + i;
          y_plane[i] = (x_plane[i] - mean[s]) / std::sqrt(var[s] + state.epsilon) * scale[s] + bias[s];
        }
      }
    }
  }
  return Status::Ok();
}

// FLOPs = 4 * elements (subtract, two multiplies, add; the per-channel sqrt is negligible).
OpCost Cost(const CostContext& ctx) {
  OpCost cost = ElementwiseCost(ctx);
  cost.flops = 4 * ctx.inputs[0]->num_elements();
  return cost;
}

}  // namespace

// In place: Y[i] depends on X[i] and the parameters only.
extern const OpDef kBatchNormalization = {"BatchNormalization", Infer, Run, Cost, true};

}  // namespace edgebench::ops
