// HardSigmoid: Y = max(0, min(1, alpha * X + beta)), alpha defaulting to 0.2
// and beta to 0.5 (opset 6).
#include <algorithm>
#include <memory>

#include "runtime/ops/elementwise/elementwise.h"

namespace edgebench::ops {
namespace {

using Types = FloatTypes;

struct HardSigmoidState {
  float alpha;
  float beta;
};

Status Infer(InferContext& ctx) {
  EB_RETURN_IF_ERROR(InferUnary<Types>(ctx));
  const Attributes& attributes = ctx.attributes();
  ctx.set_state(std::make_shared<HardSigmoidState>(
      HardSigmoidState{attributes.GetFloat("alpha", 0.2f), attributes.GetFloat("beta", 0.5f)}));
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const HardSigmoidState& state = ctx.get_state<HardSigmoidState>();
  return RunUnary<Types>(ctx, [&state](float x) { return std::clamp(state.alpha * x + state.beta, 0.0f, 1.0f); });
}

}  // namespace

extern const OpDef kHardSigmoid = {"HardSigmoid", Infer, Run, nullptr, true};

}  // namespace edgebench::ops
