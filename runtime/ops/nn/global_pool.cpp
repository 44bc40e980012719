#include "runtime/ops/nn/global_pool.h"

#include <string>

namespace edgebench::ops {

Status InferGlobalPool(InferContext& ctx) {
  if (ctx.num_inputs() < 1 || !ctx.has_input(0)) return ctx.Error("needs input X");
  const Shape& x = ctx.input_shape(0);
  const int rank = ctx.input_rank(0);
  if (rank < 3 || rank > kMaxRank) {
    return ctx.Error("X must have rank 3 to " + std::to_string(kMaxRank) + ", got " + ShapeToString(x));
  }
  if (ctx.input_dtype(0) != DType::kFloat32) {
    return ctx.UnsupportedError(std::string("X has type ") + DTypeName(ctx.input_dtype(0)) +
                                "; only float32 is implemented");
  }
  for (int d = 2; d < rank; ++d) {
    if (x[d] < 1) return ctx.Error("X " + ShapeToString(x) + " has an empty spatial dim");
  }
  Shape y(x.size(), 1);
  y[0] = x[0];
  y[1] = x[1];
  ctx.set_output(0, DType::kFloat32, y);
  return Status::Ok();
}

Status RunGlobalPool(const KernelContext& ctx, float (*reduce)(const float* plane, int64_t size)) {
  const Tensor& x = *ctx.inputs[0];
  Tensor& y = *ctx.outputs[0];
  const int64_t planes = x.dim(0) * x.dim(1);
  const int64_t plane_size = planes > 0 ? x.num_elements() / planes : 0;
  const float* x_data = x.data<float>();
  float* y_data = y.data<float>();
  for (int64_t p = 0; p < planes; ++p) y_data[p] = reduce(x_data + p * plane_size, plane_size);
  return Status::Ok();
}

OpCost GlobalPoolCost(const CostContext& ctx) {
  OpCost cost = ElementwiseCost(ctx);
  cost.flops = ctx.inputs[0]->num_elements();
  return cost;
}

}  // namespace edgebench::ops
