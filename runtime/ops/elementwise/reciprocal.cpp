// Reciprocal: Y = 1 / X (opsets 6, 13).
#include "runtime/ops/elementwise/elementwise.h"

namespace edgebench::ops {
namespace {

using Types = FloatTypes;

Status Infer(InferContext& ctx) { return InferUnary<Types>(ctx); }

Status Run(const KernelContext& ctx) {
  return RunUnary<Types>(ctx, [](auto x) { return 1.0f / x; });
}

}  // namespace

extern const OpDef kReciprocal = {"Reciprocal", Infer, Run, nullptr, true};

}  // namespace edgebench::ops
