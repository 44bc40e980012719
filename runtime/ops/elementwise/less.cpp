// Less (opsets 7, 9, 13): C = (A < B), a bool tensor, with multidirectional broadcasting.
#include "runtime/ops/elementwise/broadcast.h"

namespace edgebench::ops {
namespace {

using Types = NumericTypes;

Status Infer(InferContext& ctx) { return InferBroadcastOp<Types>(ctx, 2, DType::kBool); }

Status Run(const KernelContext& ctx) {
  return RunBinaryOp<Types, bool>(ctx, [](auto a, auto b) { return a < b; });
}

}  // namespace

extern const OpDef kLess = {"Less", Infer, Run, nullptr, true};

}  // namespace edgebench::ops
