// ReduceMax (ONNX ReduceMax-1..13); the shared kernel is in reduce_kernel.cpp.
#include "runtime/ops/math/reduce_kernel.h"

namespace edgebench::ops {
namespace {

Status Infer(InferContext& ctx) { return InferReduce(ctx, ReduceKind::kMax); }
Status Run(const KernelContext& ctx) { return RunReduce(ctx, ReduceKind::kMax); }

}  // namespace

extern const OpDef kReduceMax = {"ReduceMax", Infer, Run, ReduceCost, /*in_place=*/false};

}  // namespace edgebench::ops
