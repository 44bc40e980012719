// InstanceNormalization (opsets 1, 6): each (n, c) plane is normalized with
// its own mean and variance over the spatial dims,
//   Y = scale[c] * (X - mean) / sqrt(var + epsilon) + B[c].
#include <cmath>
#include <memory>
#include <string>

#include "runtime/ops/nn/normalization.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {
namespace {

struct InstanceNormState {
  float epsilon = 1e-5f;
};

Status Infer(InferContext& ctx) {
  static const char* const kNames[] = {"input", "scale", "B"};
  EB_RETURN_IF_ERROR(CheckFloatInputs(ctx, kNames, 3));
  const Shape& x = ctx.input_shape(0);
  const int rank = ctx.input_rank(0);
  if (rank < 3 || rank > kMaxRank) {
    return ctx.Error("input must have rank 3 to " + std::to_string(kMaxRank) + ", got " + ShapeToString(x));
  }
  for (int i = 1; i < 3; ++i) {
    if (ctx.input_shape(i) != Shape{x[1]}) {
      return ctx.Error(std::string(kNames[i]) + " " + ShapeToString(ctx.input_shape(i)) + " must have shape [" +
                       std::to_string(x[1]) + "]");
    }
  }
  auto state = std::make_shared<InstanceNormState>();
  state->epsilon = ctx.attributes().GetFloat("epsilon", 1e-5f);
  ctx.set_output(0, DType::kFloat32, x);
  ctx.set_state(state);
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const InstanceNormState& state = ctx.get_state<InstanceNormState>();
  const Tensor& x = *ctx.inputs[0];
  const float* x_data = x.data<float>();
  const float* scale = ctx.inputs[1]->data<float>();
  const float* bias = ctx.inputs[2]->data<float>();
  float* y_data = ctx.outputs[0]->data<float>();

  const int64_t channels = x.dim(1);
  const int64_t planes = x.dim(0) * channels;
  const int64_t plane_size = planes > 0 ? x.num_elements() / planes : 0;
  for (int64_t p = 0; p < planes; ++p) {
    const float* x_plane = x_data + p * plane_size;
    float* y_plane = y_data + p * plane_size;
    double mean = 0.0;
    double var = 0.0;
    MeanAndVariance(x_plane, plane_size, &mean, &var);
    const int64_t c = p % channels;
    const float plane_scale = static_cast<float>(scale[c] / std::sqrt(var + state.epsilon));
    const float plane_mean = static_cast<float>(mean);
    const float plane_bias = bias[c];
    // The whole plane was read above, so Y may share X's buffer.
    for (int64_t i = 0; i < plane_size; ++i) y_plane[i] = (x_plane[i] - plane_mean) * plane_scale + plane_bias;
  }
  return Status::Ok();
}

// FLOPs = 7 * elements (mean: add; variance: subtract, multiply, add; normalize: subtract, multiply, add).
OpCost Cost(const CostContext& ctx) {
  OpCost cost = ElementwiseCost(ctx);
  cost.flops = 7 * ctx.inputs[0]->num_elements();
  return cost;
}

}  // namespace

// In place: each plane's statistics are computed before any of its outputs is written.
extern const OpDef kInstanceNormalization = {"InstanceNormalization", Infer, Run, Cost, true};

}  // namespace edgebench::ops
