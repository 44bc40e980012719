// Sum: element-wise sum of one or more inputs with multidirectional
// broadcasting (opsets 6, 8, 13).
#include "runtime/ops/elementwise/broadcast.h"

namespace edgebench::ops {
namespace {

using Types = FloatTypes;

Status Infer(InferContext& ctx) { return InferVariadicOp<Types>(ctx); }

Status Run(const KernelContext& ctx) {
  return RunVariadicOp<Types>(
      ctx, [](float a, float b) { return a + b; }, [](float v) { return v; });
}

}  // namespace

extern const OpDef kSum = {"Sum", Infer, Run, VariadicCost, true};

}  // namespace edgebench::ops
