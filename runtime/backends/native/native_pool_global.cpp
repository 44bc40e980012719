// GlobalAveragePool and GlobalMaxPool (float32) on the native backend: one
// reduction per (n, c) plane over eight independent partial results, so the
// compiler keeps a vector of them in flight instead of one serial chain, and
// planes split over the pool. Checks and shapes are ref's (global_pool.h).
#include <algorithm>

#include "runtime/backends/native/native_ops.h"
#include "runtime/ops/nn/global_pool.h"
#include "runtime/ops/op_registry.h"

namespace edgebench::native {
namespace {

constexpr int kLanes = 8;

float PlaneMean(const float* x, int64_t size) {
  float part[kLanes] = {};
  int64_t i = 0;
  for (; i + kLanes <= size; i += kLanes) {
    for (int l = 0; l < kLanes; ++l) part[l] += x[i + l];
  }
  float sum = 0.0f;
  for (; i < size; ++i) sum += x[i];
  for (int l = 0; l < kLanes; ++l) sum += part[l];
  return sum / static_cast<float>(size);
}

// Planes are non-empty (InferGlobalPool checks).
float PlaneMax(const float* x, int64_t size) {
  float part[kLanes];
  std::fill(part, part + kLanes, x[0]);
  int64_t i = 0;
  for (; i + kLanes <= size; i += kLanes) {
    for (int l = 0; l < kLanes; ++l) part[l] = std::max(part[l], x[i + l]);
  }
  float m = x[0];
  for (; i < size; ++i) m = std::max(m, x[i]);
  for (int l = 0; l < kLanes; ++l) m = std::max(m, part[l]);
  return m;
}

template <float (*kReduce)(const float*, int64_t)>
Status RunGlobal(const KernelContext& ctx) {
  const Tensor& x = *ctx.inputs[0];
  const int64_t planes = x.dim(0) * x.dim(1);
  const int64_t size = x.num_elements() / planes;
  const float* xd = x.data<float>();
  float* y = ctx.outputs[0]->data<float>();
  ParallelFor(ctx.pool, planes, static_cast<double>(size), [&](int64_t p0, int64_t p1) {
    for (int64_t p = p0; p < p1; ++p) y[p] = kReduce(xd + p * size, size);
  });
  return Status::Ok();
}

const OpDef kGlobalAveragePoolOp = {"GlobalAveragePool", ops::InferGlobalPool, RunGlobal<PlaneMean>,
                                    ops::GlobalPoolCost};
const OpDef kGlobalMaxPoolOp = {"GlobalMaxPool", ops::InferGlobalPool, RunGlobal<PlaneMax>, ops::GlobalPoolCost};

}  // namespace

const OpDef* FindNativeGlobalPool(const InferContext& ctx) {
  if (!ctx.has_input(0) || ctx.input_dtype(0) != DType::kFloat32) return nullptr;
  const std::string& op = ctx.node().op_type;
  if (op == "GlobalAveragePool") return &kGlobalAveragePoolOp;
  if (op == "GlobalMaxPool") return &kGlobalMaxPoolOp;
  return nullptr;
}

}  // namespace edgebench::native
