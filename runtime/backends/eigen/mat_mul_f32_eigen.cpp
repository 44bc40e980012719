// MatMul (float32, numpy.matmul semantics): one product per broadcast batch
// element, each cut into tiles of Y for the pool. 1-D operands are the m = 1
// or n = 1 products MatMulShape describes.
#include <algorithm>
#include <memory>

#include "runtime/backends/eigen/eigen_gemm.h"
#include "runtime/backends/eigen/eigen_ops.h"
#include "runtime/backends/eigen/tile_runner.h"
#include "runtime/ops/math/mat_mul_shape.h"

namespace edgebench::ops {
extern const OpDef kMatMul;
}  // namespace edgebench::ops

namespace edgebench::eigen {
namespace {

constexpr size_t kAlignment = 64;

struct MatMulPlan {
  ops::MatMulShape shape;
  int64_t batches = 1;
  GemmTiling tiling;
  GemmBlocking blocking;
  size_t slot_bytes = 0;
  int slots = 1;
};

Status Infer(InferContext& ctx) {
  auto plan = std::make_shared<MatMulPlan>();
  Shape y_shape;
  EB_RETURN_IF_ERROR(ops::InferMatMulShape(ctx, &plan->shape, &y_shape));
  if (ctx.input_dtype(0) != DType::kFloat32) return ctx.UnsupportedError("the eigen MatMul runs float32");
  const ops::MatMulShape& s = plan->shape;
  plan->batches = s.batch_count();
  plan->slots = std::max(1, ctx.num_threads());
  plan->tiling = ChooseGemmTiling(s.m, s.n, plan->batches, plan->slots);
  plan->blocking = PlanGemm(plan->tiling.tile_m, plan->tiling.tile_n, s.k);
  plan->slot_bytes = (GemmScratchBytes(plan->blocking) + kAlignment - 1) & ~(kAlignment - 1);
  if (ctx.has_output(0)) ctx.set_output(0, DType::kFloat32, std::move(y_shape));
  ctx.set_scratch_bytes(plan->slot_bytes * plan->slots);
  ctx.set_state(std::move(plan));
  return Status::Ok();
}

// Element offsets of batch element `batch`'s A and B matrices (row-major
// index over the broadcast batch dims; strides are 0 where an input broadcasts).
void BatchOffsets(const ops::MatMulShape& s, int64_t batch, int64_t* a_offset, int64_t* b_offset) {
  *a_offset = 0;
  *b_offset = 0;
  for (int d = s.batch_rank - 1; d >= 0; --d) {
    const int64_t index = batch % s.batch_dims[d];
    batch /= s.batch_dims[d];
    *a_offset += index * s.a_batch_strides[d];
    *b_offset += index * s.b_batch_strides[d];
  }
}

// Tile t: rows [m0, m1) by columns [n0, n1) of one batch element's product.
void RunTile(const MatMulPlan& plan, const float* a, const float* b, float* y, int64_t t, void* slot_scratch) {
  const ops::MatMulShape& s = plan.shape;
  const GemmTiling& tiling = plan.tiling;
  const int64_t tiles_per_batch = tiling.tiles_m * tiling.tiles_n;
  const int64_t batch = t / tiles_per_batch;
  const int64_t in_batch = t % tiles_per_batch;
  const int64_t m0 = (in_batch / tiling.tiles_n) * tiling.tile_m;
  const int64_t n0 = (in_batch % tiling.tiles_n) * tiling.tile_n;
  const int64_t m1 = std::min(s.m, m0 + tiling.tile_m);
  const int64_t n1 = std::min(s.n, n0 + tiling.tile_n);
  int64_t a_offset = 0, b_offset = 0;
  BatchOffsets(s, batch, &a_offset, &b_offset);
  float* y_tile = y + batch * s.m * s.n + m0 * s.n + n0;
  for (int64_t m = m0; m < m1; ++m) std::fill(y_tile + (m - m0) * s.n, y_tile + (m - m0) * s.n + (n1 - n0), 0.0f);
  const GemmOperand op_a{a + a_offset + m0 * s.k, s.k, false};
  const GemmOperand op_b{b + b_offset + n0, s.n, false};
  GemmAccumulate(plan.blocking, m1 - m0, n1 - n0, s.k, 1.0f, op_a, op_b, y_tile, s.n, slot_scratch);
}

Status Run(const KernelContext& ctx) {
  const MatMulPlan& plan = ctx.get_state<MatMulPlan>();
  const ops::MatMulShape& s = plan.shape;
  const float* a = ctx.inputs[0]->data<float>();
  const float* b = ctx.inputs[1]->data<float>();
  float* y = ctx.outputs[0]->data<float>();
  const int64_t tiles = plan.batches * plan.tiling.tiles_m * plan.tiling.tiles_n;
  const double flops = 2.0 * static_cast<double>(plan.batches * s.m * s.n * s.k);
  return RunTiles(ctx.pool, plan.slots, plan.slot_bytes, ctx.scratch, tiles, flops,
                  [&](int64_t t, int /*slot*/, void* slot_scratch) {
                    RunTile(plan, a, b, y, t, slot_scratch);
                    return Status::Ok();
                  });
}

// The same work as the ref MatMul, counted the same way.
OpCost Cost(const CostContext& ctx) { return ops::kMatMul.cost(ctx); }

}  // namespace

const OpDef kMatMulF32Eigen = {"MatMul", Infer, Run, Cost, false};

}  // namespace edgebench::eigen
