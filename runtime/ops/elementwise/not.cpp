// Not: Y = logical not X, on bool tensors (opset 1).
#include "runtime/ops/elementwise/elementwise.h"

namespace edgebench::ops {
namespace {

using Types = BoolTypes;

Status Infer(InferContext& ctx) { return InferUnary<Types>(ctx); }

Status Run(const KernelContext& ctx) {
  return RunUnary<Types>(ctx, [](auto x) { return !x; });
}

}  // namespace

extern const OpDef kNot = {"Not", Infer, Run, nullptr, true};

}  // namespace edgebench::ops
