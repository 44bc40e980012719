// Max: element-wise max of one or more inputs with multidirectional
// broadcasting (opsets 6, 8, 12, 13); NaN propagates.
#include "runtime/ops/elementwise/broadcast.h"
#include "runtime/ops/elementwise/scalar_math.h"

namespace edgebench::ops {
namespace {

using Types = NumericTypes;

Status Infer(InferContext& ctx) { return InferVariadicOp<Types>(ctx); }

Status Run(const KernelContext& ctx) {
  return RunVariadicOp<Types>(
      ctx, [](auto a, auto b) { return NanMax(a, b); }, [](auto v) { return v; });
}

}  // namespace

extern const OpDef kMax = {"Max", Infer, Run, VariadicCost, true};

}  // namespace edgebench::ops
