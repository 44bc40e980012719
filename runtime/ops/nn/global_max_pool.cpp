// GlobalMaxPool (opset 1): the largest value over all spatial dims of each
// (n, c) plane; Y has shape (N, C, 1, ..., 1).
#include "runtime/ops/nn/global_pool.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {
namespace {

float PlaneMax(const float* plane, int64_t size) {
  float best = plane[0];
  for (int64_t i = 1; i < size; ++i) {
    if (plane[i] > best) best = plane[i];
  }
  return best;
}

Status Run(const KernelContext& ctx) { return RunGlobalPool(ctx, PlaneMax); }

}  // namespace

// Cost: one comparison per input element.
extern const OpDef kGlobalMaxPool = {"GlobalMaxPool", InferGlobalPool, Run, GlobalPoolCost, false};

}  // namespace edgebench::ops
