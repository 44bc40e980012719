// Sigmoid: Y = 1 / (1 + exp(-X)) (opsets 6, 13).
#include <cmath>

#include "runtime/ops/elementwise/elementwise.h"

namespace edgebench::ops {
namespace {

using Types = FloatTypes;

Status Infer(InferContext& ctx) { return InferUnary<Types>(ctx); }

Status Run(const KernelContext& ctx) {
  return RunUnary<Types>(ctx, [](auto x) { return 1.0f / (1.0f + std::exp(-x)); });
}

}  // namespace

extern const OpDef kSigmoid = {"Sigmoid", Infer, Run, nullptr, true};

}  // namespace edgebench::ops
