// GlobalAveragePool (opset 1): the mean over all spatial dims of each
// (n, c) plane; Y has shape (N, C, 1, ..., 1).
#include "runtime/ops/nn/global_pool.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {
namespace {

float PlaneMean(const float* plane, int64_t size) {
  double sum = 0.0;
  for (int64_t i = 0; i < size; ++i) sum += plane[i];
  return static_cast<float>(sum / static_cast<double>(size));
}

Status Run(const KernelContext& ctx) { return RunGlobalPool(ctx, PlaneMean); }

}  // namespace

// Cost: the element-wise model would count output elements; a global pool
// does one add per input element.
extern const OpDef kGlobalAveragePool = {"GlobalAveragePool", InferGlobalPool, Run, GlobalPoolCost, false};

}  // namespace edgebench::ops
