// ReduceMean (ONNX ReduceMean-1..13); the shared kernel is in reduce_kernel.cpp.
#include "runtime/ops/math/reduce_kernel.h"

namespace edgebench::ops {
namespace {

Status Infer(InferContext& ctx) { return InferReduce(ctx, ReduceKind::kMean); }
Status Run(const KernelContext& ctx) { return RunReduce(ctx, ReduceKind::kMean); }

}  // namespace

extern const OpDef kReduceMean = {"ReduceMean", Infer, Run, ReduceCost, /*in_place=*/false};

}  // namespace edgebench::ops
