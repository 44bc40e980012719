// Neg: Y = -X (opsets 6, 13); integer negation wraps.
#include "runtime/ops/elementwise/elementwise.h"
#include "runtime/ops/elementwise/scalar_math.h"

namespace edgebench::ops {
namespace {

using Types = SignedTypes;

Status Infer(InferContext& ctx) { return InferUnary<Types>(ctx); }

Status Run(const KernelContext& ctx) {
  return RunUnary<Types>(ctx, [](auto x) { return WrapSub(decltype(x){0}, x); });
}

}  // namespace

extern const OpDef kNeg = {"Neg", Infer, Run, nullptr, true};

}  // namespace edgebench::ops
