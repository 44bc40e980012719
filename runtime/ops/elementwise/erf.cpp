// Erf: Y = erf(X), the Gauss error function (opsets 9, 13).
#include <cmath>

#include "runtime/ops/elementwise/elementwise.h"

namespace edgebench::ops {
namespace {

using Types = FloatTypes;

Status Infer(InferContext& ctx) { return InferUnary<Types>(ctx); }

Status Run(const KernelContext& ctx) {
  return RunUnary<Types>(ctx, [](auto x) { return std::erf(x); });
}

}  // namespace

extern const OpDef kErf = {"Erf", Infer, Run, nullptr, true};

}  // namespace edgebench::ops
