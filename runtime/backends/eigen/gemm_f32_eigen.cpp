// Gemm (float32): Y = alpha * op(A) * op(B) + beta * C, in tiles of Y. The
// output step of each tile writes beta * C (broadcast) or zeros, the product
// accumulates alpha * op(A) * op(B) into it, and FusedGemm's activation is
// applied last.
#include <algorithm>
#include <memory>

#include "runtime/backends/eigen/eigen_gemm.h"
#include "runtime/backends/eigen/eigen_ops.h"
#include "runtime/backends/eigen/tile_activation.h"
#include "runtime/backends/eigen/tile_runner.h"
#include "runtime/ops/math/gemm_attributes.h"

namespace edgebench::ops {
extern const OpDef kGemm;
extern const OpDef kFusedGemm;
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
  TileActivation activation;  // FusedGemm's; inactive for Gemm
};

Status InferGemm(InferContext& ctx, bool fused) {
  auto plan = std::make_shared<GemmPlan>();
  EB_RETURN_IF_ERROR(ops::ParseGemmAttributes(ctx, &plan->attrs));
  const ops::GemmAttributes& s = plan->attrs;
  plan->slots = std::max(1, ctx.num_threads());
  plan->tiling = ChooseGemmTiling(s.m, s.n, 1, plan->slots);
  plan->blocking = PlanGemm(plan->tiling.tile_m, plan->tiling.tile_n, s.k);
  plan->slot_bytes = (GemmScratchBytes(plan->blocking) + kAlignment - 1) & ~(kAlignment - 1);
  ctx.set_output(0, DType::kFloat32, {s.m, s.n});
  if (fused) {
    const int64_t tail = s.n - (plan->tiling.tiles_n - 1) * plan->tiling.tile_n;
    EB_RETURN_IF_ERROR(plan->activation.Prepare(ctx, ActivationAttributes::kFusedGemm, plan->slots,
                                                plan->tiling.tile_n, tail));
  }
  ctx.set_scratch_bytes(plan->slot_bytes * plan->slots);
  ctx.set_state(std::move(plan));
  return Status::Ok();
}

Status Infer(InferContext& ctx) { return InferGemm(ctx, /*fused=*/false); }
Status InferFused(InferContext& ctx) { return InferGemm(ctx, /*fused=*/true); }

struct GemmData {
  const float* a;
  const float* b;
  const float* c;  // null without C or with beta 0
  float* y;
};

// Tile t: rows [m0, m1) by columns [n0, n1) of Y.
Status RunTile(const GemmPlan& plan, const GemmData& d, int64_t t, int slot, void* slot_scratch) {
  const ops::GemmAttributes& s = plan.attrs;
  const GemmTiling& tiling = plan.tiling;
  const int64_t m0 = (t / tiling.tiles_n) * tiling.tile_m;
  const int64_t n0 = (t % tiling.tiles_n) * tiling.tile_n;
  const int64_t m1 = std::min(s.m, m0 + tiling.tile_m);
  const int64_t n1 = std::min(s.n, n0 + tiling.tile_n);
  for (int64_t m = m0; m < m1; ++m) {
    float* y_row = d.y + m * s.n;
    for (int64_t n = n0; n < n1; ++n) y_row[n] = d.c ? s.beta * d.c[m * s.c_stride_m + n * s.c_stride_n] : 0.0f;
  }
  // op(A) rows m0.. and op(B) columns n0.. in the stored layouts.
  const GemmOperand op_a = s.trans_a ? GemmOperand{d.a + m0, s.m, true} : GemmOperand{d.a + m0 * s.k, s.k, false};
  const GemmOperand op_b = s.trans_b ? GemmOperand{d.b + n0 * s.k, s.k, true} : GemmOperand{d.b + n0, s.n, false};
  GemmAccumulate(plan.blocking, m1 - m0, n1 - n0, s.k, s.alpha, op_a, op_b, d.y + m0 * s.n + n0, s.n, slot_scratch);
  if (!plan.activation.active()) return Status::Ok();
  for (int64_t m = m0; m < m1; ++m) EB_RETURN_IF_ERROR(plan.activation.Apply(slot, d.y + m * s.n + n0, n1 - n0));
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const GemmPlan& plan = ctx.get_state<GemmPlan>();
  const ops::GemmAttributes& s = plan.attrs;
  // beta == 0 ignores C entirely, as the ref kernel does, so that a NaN or
  // Inf in an unused bias does not leak into the result.
  const GemmData d{ctx.inputs[0]->data<float>(), ctx.inputs[1]->data<float>(),
                   s.has_c && s.beta != 0.0f ? ctx.inputs[2]->data<float>() : nullptr, ctx.outputs[0]->data<float>()};
  const double flops = 2.0 * static_cast<double>(s.m * s.n * s.k);
  return RunTiles(ctx.pool, plan.slots, plan.slot_bytes, ctx.scratch, plan.tiling.tiles_m * plan.tiling.tiles_n,
                  flops, [&](int64_t t, int slot, void* slot_scratch) { return RunTile(plan, d, t, slot, slot_scratch); });
}

// The same work as the ref Gemm and FusedGemm, counted the same way.
OpCost Cost(const CostContext& ctx) { return ops::kGemm.cost(ctx); }
OpCost FusedCost(const CostContext& ctx) { return ops::kFusedGemm.cost(ctx); }

}  // namespace

const OpDef kGemmF32Eigen = {"Gemm", Infer, Run, Cost, false};
const OpDef kFusedGemmF32Eigen = {"FusedGemm", InferFused, Run, FusedCost, false, false, "com.microsoft"};

}  // namespace edgebench::eigen
