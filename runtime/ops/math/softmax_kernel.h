// Shared by Softmax and LogSoftmax, which differ only in the last step.
//
// Opset < 13 coerces the input to 2-D at `axis` (default 1) and normalizes
// each row of [prod(dims[:axis]), prod(dims[axis:])]; opset >= 13 normalizes
// along the single dim `axis` (default -1).
#pragma once

#include "runtime/ops/op.h"

namespace edgebench::ops {

Status InferSoftmax(InferContext& ctx);
Status RunSoftmax(const KernelContext& ctx, bool log);
// A few FLOPs per element (max, subtract, exp, sum, divide or log-subtract).
OpCost SoftmaxCost(const CostContext& ctx);

}  // namespace edgebench::ops
