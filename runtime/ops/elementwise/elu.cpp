// Elu: Y = X < 0 ? alpha * (exp(X) - 1) : X, alpha defaulting to 1 (opset 6).
#include <cmath>
#include <memory>

#include "runtime/ops/elementwise/elementwise.h"

namespace edgebench::ops {
namespace {

using Types = FloatTypes;

struct EluState {
  float alpha;
};

Status Infer(InferContext& ctx) {
  EB_RETURN_IF_ERROR(InferUnary<Types>(ctx));
  ctx.set_state(std::make_shared<EluState>(EluState{ctx.attributes().GetFloat("alpha", 1.0f)}));
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const float alpha = ctx.get_state<EluState>().alpha;
  // expm1 keeps exp(x) - 1 accurate for x near 0.
  return RunUnary<Types>(ctx, [alpha](float x) { return x < 0.0f ? alpha * std::expm1(x) : x; });
}

}  // namespace

extern const OpDef kElu = {"Elu", Infer, Run, nullptr, true};

}  // namespace edgebench::ops
