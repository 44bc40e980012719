// Gemm (float32): Y = alpha * op(A) * op(B) + beta * C, in tiles of Y. The
// output step of each tile writes beta * C (broadcast) or zeros, and the
// product accumulates alpha * op(A) * op(B) into it.
#include <algorithm>
#include <memory>

#include "runtime/backends/eigen/eigen_gemm.h"
#include "runtime/backends/eigen/eigen_ops.h"
#include "runtime/backends/eigen/tile_runner.h"
#include "runtime/ops/math/gemm_attributes.h"

namespace edgebench::ops {
extern const OpDef kGemm;
}  // namespace edgebench::ops

namespace edgebench::eigen {
namespace {

constexpr size_t kAlignment = 64;

struct GemmPlan {
  ops::GemmAttributes attrs;
  GemmTiling tiling;
  GemmBlocking blocking;
  size_t slot_bytes = 0;
  int slots = 1;
};

Status Infer(InferContext& ctx) {
  auto plan = std::make_shared<GemmPlan>();
  EB_RETURN_IF_ERROR(ops::ParseGemmAttributes(ctx, &plan->attrs));
  const ops::GemmAttributes& s = plan->attrs;
  plan->slots = std::max(1, ctx.num_threads());
  plan->tiling = ChooseGemmTiling(s.m, s.n, 1, plan->slots);
  plan->blocking = PlanGemm(plan->tiling.tile_m, plan->tiling.tile_n, s.k);
  plan->slot_bytes = (GemmScratchBytes(plan->blocking) + kAlignment - 1) & ~(kAlignment - 1);
  if (ctx.has_output(0)) ctx.set_output(0, DType::kFloat32, {s.m, s.n});
  ctx.set_scratch_bytes(plan->slot_bytes * plan->slots);
  ctx.set_state(std::move(plan));
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const GemmPlan& plan = ctx.get_state<GemmPlan>();
  const ops::GemmAttributes& s = plan.attrs;
  const GemmTiling& t = plan.tiling;
  const float* a = ctx.inputs[0]->data<float>();
  const float* b = ctx.inputs[1]->data<float>();
  // beta == 0 ignores C entirely, as the ref kernel does, so that a NaN or
  // Inf in an unused bias does not leak into the result.
  const float* c = s.has_c && s.beta != 0.0f ? ctx.inputs[2]->data<float>() : nullptr;
  float* y = ctx.outputs[0]->data<float>();

  const double flops = 2.0 * static_cast<double>(s.m * s.n * s.k);
  RunTiles(ctx.pool, plan.slots, plan.slot_bytes, ctx.scratch, t.tiles_m * t.tiles_n, flops,
           [&](int64_t tile, void* slot) {
             const int64_t m0 = (tile / t.tiles_n) * t.tile_m;
             const int64_t n0 = (tile % t.tiles_n) * t.tile_n;
             const int64_t m1 = std::min(s.m, m0 + t.tile_m);
             const int64_t n1 = std::min(s.n, n0 + t.tile_n);
             for (int64_t m = m0; m < m1; ++m) {
               float* y_row = y + m * s.n;
               for (int64_t n = n0; n < n1; ++n) {
                 y_row[n] = c ? s.beta * c[m * s.c_stride_m + n * s.c_stride_n] : 0.0f;
               }
             }
             // op(A) rows m0.. and op(B) columns n0.. in the stored layouts.
             const GemmOperand op_a = s.trans_a ? GemmOperand{a + m0, s.m, true} : GemmOperand{a + m0 * s.k, s.k, false};
             const GemmOperand op_b = s.trans_b ? GemmOperand{b + n0 * s.k, s.k, true} : GemmOperand{b + n0, s.n, false};
             GemmAccumulate(plan.blocking, m1 - m0, n1 - n0, s.k, s.alpha, op_a, op_b, y + m0 * s.n + n0, s.n, slot);
           });
  return Status::Ok();
}

// The same work as the ref Gemm, counted the same way.
OpCost Cost(const CostContext& ctx) { return ops::kGemm.cost(ctx); }

}  // namespace

const OpDef kGemmF32Eigen = {"Gemm", Infer, Run, Cost, false};

}  // namespace edgebench::eigen
