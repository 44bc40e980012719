// MatMulInteger (opset 10): Y = (A - a_zero_point) x (B - b_zero_point) in
// int32, with numpy.matmul shapes, A and B uint8 or int8 (independently),
// a_zero_point per tensor or per row of A, b_zero_point per tensor or per
// column of B.
#include <memory>

#include "runtime/ops/op.h"
#include "runtime/ops/quant/quant_mat_mul.h"

namespace edgebench::ops {
namespace {

Status Infer(InferContext& ctx) {
  EB_ASSIGN_OR_RETURN(auto state, InferQuantMatMul(ctx, 0, 2, 1, 3, DType::kInt32));
  ctx.set_scratch_bytes(state->scratch_bytes);
  ctx.set_state(state);
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const QuantMatMulState& s = ctx.get_state<QuantMatMulState>();
  RunQuantMatMul(ctx, s, 0, 2, 1, 3, ctx.outputs[0]->data<int32_t>(), [](int64_t, const int32_t*) {});
  return Status::Ok();
}

OpCost Cost(const CostContext& ctx) { return QuantMatMulCost(ctx, 0); }

}  // namespace

extern const OpDef kMatMulInteger = {"MatMulInteger", Infer, Run, Cost, false};

}  // namespace edgebench::ops
