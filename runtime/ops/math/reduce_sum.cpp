// ReduceSum (ONNX ReduceSum-1..13; axes is input 1 from opset 13). The shared
// kernel is in reduce_kernel.cpp.
#include "runtime/ops/math/reduce_kernel.h"

namespace edgebench::ops {
namespace {

Status Infer(InferContext& ctx) { return InferReduce(ctx, ReduceKind::kSum); }
Status Run(const KernelContext& ctx) { return RunReduce(ctx, ReduceKind::kSum); }

}  // namespace

extern const OpDef kReduceSum = {"ReduceSum", Infer, Run, ReduceCost, /*in_place=*/false};

}  // namespace edgebench::ops
