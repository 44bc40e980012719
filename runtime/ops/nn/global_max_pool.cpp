// GlobalMaxPool (opset 1): the largest value over all spatial dims of each
// (n, c) plane; Y has shape (N, C, 1, ..., 1).
#include <string>

#include "runtime/ops/nn/global_pool.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {
namespace {

Status Infer(InferContext& ctx) { return InferGlobalPool(ctx); }

Status Run(const KernelContext& ctx) {
  const Tensor& x = *ctx.inputs[0];
  Tensor& y = *ctx.outputs[0];
  const int64_t planes = x.dim(0) * x.dim(1);
  const int64_t plane_size = planes > 0 ? x.num_elements() / planes : 0;
  const float* x_data = x.data<float>();
  float* y_data = y.data<float>();
  for (int64_t p = 0; p < planes; ++p) {
    const float* plane = x_data + p * plane_size;
    float best = plane[0];
    for (int64_t i = 1; i < plane_size; ++i) {
      if (plane[i] > best) best = plane[i];
    }
    y_data[p] = best;
  }
  return Status::Ok();
}

}  // namespace

// Cost: one comparison per input element.
extern const OpDef kGlobalMaxPool = {"GlobalMaxPool", Infer, Run, GlobalPoolCost, false};

}  // namespace edgebench::ops
