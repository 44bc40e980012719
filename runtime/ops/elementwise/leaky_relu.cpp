// LeakyRelu: Y = X < 0 ? alpha * X : X, alpha defaulting to 0.01 (opsets 6, 16).
#include <memory>

#include "runtime/ops/elementwise/elementwise.h"

namespace edgebench::ops {
namespace {

using Types = FloatTypes;

struct LeakyReluState {
  float alpha;
};

Status Infer(InferContext& ctx) {
  EB_RETURN_IF_ERROR(InferUnary<Types>(ctx));
  ctx.set_state(std::make_shared<LeakyReluState>(LeakyReluState{ctx.attributes().GetFloat("alpha", 0.01f)}));
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const float alpha = ctx.get_state<LeakyReluState>().alpha;
  return RunUnary<Types>(ctx, [alpha](float x) { return x < 0.0f ? alpha * x : x; });
}

}  // namespace

extern const OpDef kLeakyRelu = {"LeakyRelu", Infer, Run, nullptr, true};

}  // namespace edgebench::ops
