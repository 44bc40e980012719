// Mean: element-wise mean of one or more inputs with multidirectional
// broadcasting (opsets 6, 8, 13).
#include "runtime/ops/elementwise/broadcast.h"

namespace edgebench::ops {
namespace {

using Types = FloatTypes;

Status Infer(InferContext& ctx) { return InferVariadicOp<Types>(ctx); }

Status Run(const KernelContext& ctx) {
  const auto count = static_cast<float>(ctx.get_state<BroadcastPlan>().num_inputs());
  return RunVariadicOp<Types>(
      ctx, [](float a, float b) { return a + b; }, [count](float sum) { return sum / count; });
}

// N - 1 additions and one division per output element.
OpCost Cost(const CostContext& ctx) {
  OpCost cost = VariadicCost(ctx);
  if (ctx.inputs.size() > 1) cost.flops += ElementwiseCost(ctx).flops;
  return cost;
}

}  // namespace

extern const OpDef kMean = {"Mean", Infer, Run, Cost, true};

}  // namespace edgebench::ops
