#include "runtime/ops/math/softmax_kernel.h"

#include <cmath>
#include <memory>

namespace edgebench::ops {
namespace {

// The input seen as [outer, axis_size, inner]: one softmax per (outer, inner)
// pair over axis_size elements spaced `inner` apart.
struct SoftmaxState {
  int64_t outer = 1;
  int64_t axis_size = 1;
  int64_t inner = 1;
};

}  // namespace

Status InferSoftmax(InferContext& ctx) {
  if (!ctx.has_input(0)) return ctx.Error("missing input 'input'");
  if (ctx.input_dtype(0) != DType::kFloat32) {
    return ctx.UnsupportedError(std::string("type ") + DTypeName(ctx.input_dtype(0)) + "; only float32");
  }
  const Shape& shape = ctx.input_shape(0);
  const int64_t rank = static_cast<int64_t>(shape.size());
  const bool coerce_2d = ctx.opset() < 13;
  const int64_t axis_attr = ctx.attributes().GetInt("axis", coerce_2d ? 1 : -1);
  Expected<int> axis = NormalizeAxis(axis_attr, rank, "axis");
  if (!axis.ok()) return ctx.Error(axis.status().message());

  auto state = std::make_shared<SoftmaxState>();
  for (int i = 0; i < *axis; ++i) state->outer *= shape[i];
  if (coerce_2d) {
    for (int64_t i = *axis; i < rank; ++i) state->axis_size *= shape[i];
  } else {
    state->axis_size = shape[*axis];
    for (int64_t i = *axis + 1; i < rank; ++i) state->inner *= shape[i];
  }
  if (ctx.has_output(0)) ctx.set_output(0, DType::kFloat32, shape);
  ctx.set_state(std::move(state));
  return Status::Ok();
}

// Each pass reads every input element of a row before the next pass writes
// the outputs of that row, so the output may share the input's buffer.
Status RunSoftmax(const KernelContext& ctx, bool log) {
  const SoftmaxState& s = ctx.get_state<SoftmaxState>();
  const float* x = ctx.inputs[0]->data<float>();
  float* y = ctx.outputs[0]->data<float>();
  const int64_t n = s.axis_size;
  const int64_t step = s.inner;
  for (int64_t o = 0; o < s.outer; ++o) {
    for (int64_t i = 0; i < s.inner; ++i) {
      const int64_t base = o * n * s.inner + i;
      // Subtracting the max keeps exp() finite for large inputs.
      float max_value = -INFINITY;
      for (int64_t j = 0; j < n; ++j) max_value = std::fmax(max_value, x[base + j * step]);
      double sum = 0.0;
      if (log) {
        for (int64_t j = 0; j < n; ++j) sum += std::exp(x[base + j * step] - max_value);
        const float log_sum = static_cast<float>(std::log(sum));
        for (int64_t j = 0; j < n; ++j) y[base + j * step] = x[base + j * step] - max_value - log_sum;
      } else {
        for (int64_t j = 0; j < n; ++j) {
          const float e = std::exp(x[base + j * step] - max_value);
          y[base + j * step] = e;
          sum += e;
        }
        const float inv_sum = static_cast<float>(1.0 / sum);
        for (int64_t j = 0; j < n; ++j) y[base + j * step] *= inv_sum;
      }
    }
  }
  return Status::Ok();
}

// FLOPs = 5 per element: max, subtract, exp, sum, and the final scale or
// log-subtract.
OpCost SoftmaxCost(const CostContext& ctx) {
  OpCost cost;
  cost.flops = 5 * ctx.outputs[0]->num_elements();
  cost.bytes_read = static_cast<int64_t>(ctx.inputs[0]->num_bytes());
  cost.bytes_written = static_cast<int64_t>(ctx.outputs[0]->num_bytes());
  return cost;
}

}  // namespace edgebench::ops
