// Round: Y = X rounded to the nearest integer, halves to even (opset 11).
#include <cmath>

#include "runtime/ops/elementwise/elementwise.h"

namespace edgebench::ops {
namespace {

using Types = FloatTypes;

Status Infer(InferContext& ctx) { return InferUnary<Types>(ctx); }

// nearbyint rounds in the default mode, to nearest with ties to even, as ONNX specifies.
Status Run(const KernelContext& ctx) {
  return RunUnary<Types>(ctx, [](auto x) { return std::nearbyint(x); });
}

}  // namespace

extern const OpDef kRound = {"Round", Infer, Run, nullptr, true};

}  // namespace edgebench::ops
