// Softplus: Y = log(exp(X) + 1) (opset 1).
#include <cmath>

#include "runtime/ops/elementwise/elementwise.h"

namespace edgebench::ops {
namespace {

using Types = FloatTypes;

Status Infer(InferContext& ctx) { return InferUnary<Types>(ctx); }

// log(exp(x) + 1) == x + log(1 + exp(-x)); evaluating the form whose exp
// argument is not positive keeps exp from overflowing for large x.
float Softplus(float x) { return x > 0.0f ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x)); }

Status Run(const KernelContext& ctx) { return RunUnary<Types>(ctx, Softplus); }

}  // namespace

extern const OpDef kSoftplus = {"Softplus", Infer, Run, nullptr, true};

}  // namespace edgebench::ops
