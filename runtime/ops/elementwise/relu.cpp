// Relu: Y = max(0, X) (opsets 6, 13, 14; 14 adds the signed integer types).
#include "runtime/ops/elementwise/elementwise.h"

namespace edgebench::ops {
namespace {

using Types = SignedTypes;

Status Infer(InferContext& ctx) { return InferUnary<Types>(ctx); }

Status Run(const KernelContext& ctx) {
  return RunUnary<Types>(ctx, [](auto x) { return x > decltype(x){0} ? x : decltype(x){0}; });
}

}  // namespace

extern const OpDef kRelu = {"Relu", Infer, Run, nullptr, true};

}  // namespace edgebench::ops
