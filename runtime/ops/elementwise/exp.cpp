// Exp: Y = exp(X) (opsets 6, 13).
#include <cmath>

#include "runtime/ops/elementwise/elementwise.h"

namespace edgebench::ops {
namespace {

using Types = FloatTypes;

Status Infer(InferContext& ctx) { return InferUnary<Types>(ctx); }

Status Run(const KernelContext& ctx) {
  return RunUnary<Types>(ctx, [](auto x) { return std::exp(x); });
}

}  // namespace

extern const OpDef kExp = {"Exp", Infer, Run, nullptr, true};

}  // namespace edgebench::ops
