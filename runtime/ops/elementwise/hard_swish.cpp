// HardSwish: Y = X * max(0, min(1, X / 6 + 0.5)) (opset 14), i.e. X times
// HardSigmoid(X) with alpha = 1/6 and beta = 0.5.
#include <algorithm>

#include "runtime/ops/elementwise/elementwise.h"

namespace edgebench::ops {
namespace {

using Types = FloatTypes;

Status Infer(InferContext& ctx) { return InferUnary<Types>(ctx); }

Status Run(const KernelContext& ctx) {
  return RunUnary<Types>(ctx, [](float x) { return x * std::clamp(x / 6.0f + 0.5f, 0.0f, 1.0f); });
}

}  // namespace

extern const OpDef kHardSwish = {"HardSwish", Infer, Run, nullptr, true};

}  // namespace edgebench::ops
