// Add (opsets 7, 13, 14): C = A + B with multidirectional broadcasting.
#include "runtime/ops/elementwise/broadcast.h"
#include "runtime/ops/elementwise/scalar_math.h"

namespace edgebench::ops {
namespace {

using Types = NumericTypes;

Status Infer(InferContext& ctx) { return InferBroadcastOp<Types>(ctx, 2); }

Status Run(const KernelContext& ctx) {
  return RunBinaryOp<Types>(ctx, [](auto a, auto b) { return WrapAdd(a, b); });
}

}  // namespace

extern const OpDef kAdd = {"Add", Infer, Run, nullptr, true};

}  // namespace edgebench::ops
