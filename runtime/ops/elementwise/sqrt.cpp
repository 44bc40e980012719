// Sqrt: Y = sqrt(X) (opsets 6, 13).
#include <cmath>

#include "runtime/ops/elementwise/elementwise.h"

namespace edgebench::ops {
namespace {

using Types = FloatTypes;

Status Infer(InferContext& ctx) { return InferUnary<Types>(ctx); }

Status Run(const KernelContext& ctx) {
  return RunUnary<Types>(ctx, [](auto x) { return std::sqrt(x); });
}

}  // namespace

extern const OpDef kSqrt = {"Sqrt", Infer, Run, nullptr, true};

}  // namespace edgebench::ops
