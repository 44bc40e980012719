// Gemm and MatMul (float32) with a constant B on the native GEMM tiles. B is
// packed once into NR-column panels (each tile's k loop then reads one
// contiguous panel); alpha * op(A) is packed per run into MR-row panels in
// scratch; beta * C, broadcast to [M, N], is built once and added in the
// output step. A single row (classifier layers at batch 1) runs the 1 x NR
// tile instead of wasting MR - 1 rows of FMAs.
#include <algorithm>
#include <limits>
#include <memory>
#include <vector>

#include "runtime/backends/native/kernels.h"
#include "runtime/backends/native/native_ops.h"
#include "runtime/ops/math/gemm_attributes.h"
#include "runtime/ops/math/mat_mul_shape.h"
#include "runtime/ops/op_registry.h"

namespace edgebench::native {
namespace {

struct GemmPlan {
  GemmKernel kernel;
  int64_t m = 0, n = 0, k = 0;
  bool trans_a = false;
  float alpha = 1.0f;
  std::vector<float> packed_b;  // [panel][k][NR]
  std::vector<int64_t> offsets;  // t * NR
  std::vector<float> c;          // beta * C as [M, N]; empty without C
  int64_t m_padded() const { return (m + kernel.mr - 1) / kernel.mr * kernel.mr; }
};

// `b_at(t, j)` is op(B)[t][j].
template <typename BAt>
void PackB(GemmPlan* plan, BAt b_at) {
  const int64_t nr = plan->kernel.nr;
  const int64_t panels = (plan->n + nr - 1) / nr;
  plan->packed_b.assign(static_cast<size_t>(panels * plan->k * nr), 0.0f);
  for (int64_t p = 0; p < panels; ++p) {
    for (int64_t t = 0; t < plan->k; ++t) {
      for (int64_t j = 0; j < nr && p * nr + j < plan->n; ++j) {
        plan->packed_b[(p * plan->k + t) * nr + j] = b_at(t, p * nr + j);
      }
    }
  }
  plan->offsets.resize(static_cast<size_t>(plan->k));
  for (int64_t t = 0; t < plan->k; ++t) plan->offsets[t] = t * nr;
}

void ChooseKernel(GemmPlan* plan, Isa isa) {
  const NativeKernels& kernels = KernelsFor(isa);
  plan->kernel = plan->m == 1 ? kernels.gemm_m1 : kernels.gemm;
}

void RunGemmPlan(const GemmPlan& plan, const float* a, float* y, void* scratch, ThreadPool* pool) {
  const int64_t mr = plan.kernel.mr;
  const int64_t nr = plan.kernel.nr;
  // A's panels: [block][t][r] = alpha * op(A)[block * MR + r][t], zero past M.
  auto* packed_a = static_cast<float*>(scratch);
  const int64_t a_stride_m = plan.trans_a ? 1 : plan.k;
  const int64_t a_stride_k = plan.trans_a ? plan.m : 1;
  for (int64_t m0 = 0; m0 < plan.m_padded(); m0 += mr) {
    float* panel = packed_a + m0 * plan.k;
    for (int64_t t = 0; t < plan.k; ++t) {
      for (int64_t r = 0; r < mr; ++r) {
        const int64_t row = m0 + r;
        panel[t * mr + r] = row < plan.m ? plan.alpha * a[row * a_stride_m + t * a_stride_k] : 0.0f;
      }
    }
  }
  ParallelFor2D(pool, plan.m, plan.n, mr, 4 * nr, 2.0 * static_cast<double>(plan.k),
                [&](int64_t r0, int64_t r1, int64_t c0, int64_t c1) {
                  OutputStep out;
                  out.lo = -std::numeric_limits<float>::infinity();
                  out.hi = std::numeric_limits<float>::infinity();
                  out.ld_add = plan.n;
                  GemmTileArgs args;
                  args.k = plan.k;
                  args.w = packed_a + r0 * plan.k;
                  args.offsets = plan.offsets.data();
                  args.mr = r1 - r0;
                  args.ld_y = plan.n;
                  args.out = &out;
                  for (int64_t c = c0; c < c1; c += nr) {
                    args.x = plan.packed_b.data() + (c / nr) * plan.k * nr;
                    args.nr = std::min(nr, c1 - c);
                    args.y = y + r0 * plan.n + c;
                    out.add = plan.c.empty() ? nullptr : plan.c.data() + r0 * plan.n + c;
                    plan.kernel.tile(args);
                  }
                });
}

Status RunPlan(const KernelContext& ctx) {
  RunGemmPlan(ctx.get_state<GemmPlan>(), ctx.inputs[0]->data<float>(), ctx.outputs[0]->data<float>(), ctx.scratch,
              ctx.pool);
  return Status::Ok();
}

Status InferGemm(InferContext& ctx, Isa isa) {
  ops::GemmAttributes attrs;
  EB_RETURN_IF_ERROR(ops::ParseGemmAttributes(ctx, &attrs));
  if (ctx.has_output(0)) ctx.set_output(0, DType::kFloat32, {attrs.m, attrs.n});
  auto plan = std::make_shared<GemmPlan>();
  plan->m = attrs.m;
  plan->n = attrs.n;
  plan->k = attrs.k;
  plan->trans_a = attrs.trans_a;
  plan->alpha = attrs.alpha;
  ChooseKernel(plan.get(), isa);
  const float* b = ctx.input_value(1)->data<float>();
  if (attrs.trans_b) {
    PackB(plan.get(), [&](int64_t t, int64_t j) { return b[j * attrs.k + t]; });
  } else {
    PackB(plan.get(), [&](int64_t t, int64_t j) { return b[t * attrs.n + j]; });
  }
  // beta == 0 ignores C, as the ref kernel does (a NaN in an unused C stays out).
  if (attrs.has_c && attrs.beta != 0.0f) {
    const float* c = ctx.input_value(2)->data<float>();
    plan->c.resize(static_cast<size_t>(attrs.m * attrs.n));
    for (int64_t i = 0; i < attrs.m; ++i) {
      for (int64_t j = 0; j < attrs.n; ++j) {
        plan->c[i * attrs.n + j] = attrs.beta * c[i * attrs.c_stride_m + j * attrs.c_stride_n];
      }
    }
  }
  ctx.set_scratch_bytes(sizeof(float) * static_cast<size_t>(plan->m_padded() * plan->k));
  ctx.set_state(std::move(plan));
  return Status::Ok();
}

Status InferMatMul(InferContext& ctx, Isa isa) {
  ops::MatMulShape shape;
  Shape y_shape;
  EB_RETURN_IF_ERROR(ops::InferMatMulShape(ctx, &shape, &y_shape));
  if (ctx.has_output(0)) ctx.set_output(0, DType::kFloat32, std::move(y_shape));
  // B is 2-D, so A's batch dims are just more rows of one GEMM.
  auto plan = std::make_shared<GemmPlan>();
  plan->k = shape.k;
  plan->n = shape.n;
  plan->m = shape.batch_count() * shape.m;
  ChooseKernel(plan.get(), isa);
  const float* bv = ctx.input_value(1)->data<float>();
  PackB(plan.get(), [&](int64_t t, int64_t j) { return bv[t * plan->n + j]; });
  ctx.set_scratch_bytes(sizeof(float) * static_cast<size_t>(plan->m_padded() * plan->k));
  ctx.set_state(std::move(plan));
  return Status::Ok();
}

template <Isa kIsa>
Status InferGemmFor(InferContext& ctx) {
  return InferGemm(ctx, kIsa);
}
template <Isa kIsa>
Status InferMatMulFor(InferContext& ctx) {
  return InferMatMul(ctx, kIsa);
}

OpCost CostGemm(const CostContext& ctx) { return DefaultCost(*FindRefOp("", "Gemm"), ctx); }
OpCost CostMatMul(const CostContext& ctx) { return DefaultCost(*FindRefOp("", "MatMul"), ctx); }

const OpDef kGemmOps[] = {
    {"Gemm", InferGemmFor<Isa::kScalar>, RunPlan, CostGemm},
    {"Gemm", InferGemmFor<Isa::kAvx2>, RunPlan, CostGemm},
    {"Gemm", InferGemmFor<Isa::kAvx512>, RunPlan, CostGemm},
    {"Gemm", InferGemmFor<Isa::kNeon>, RunPlan, CostGemm},
};
const OpDef kMatMulOps[] = {
    {"MatMul", InferMatMulFor<Isa::kScalar>, RunPlan, CostMatMul},
    {"MatMul", InferMatMulFor<Isa::kAvx2>, RunPlan, CostMatMul},
    {"MatMul", InferMatMulFor<Isa::kAvx512>, RunPlan, CostMatMul},
    {"MatMul", InferMatMulFor<Isa::kNeon>, RunPlan, CostMatMul},
};

bool IsFloat(const InferContext& ctx, int i) { return ctx.has_input(i) && ctx.input_dtype(i) == DType::kFloat32; }

}  // namespace

bool SupportsGemm(const InferContext& ctx) {
  if (!IsFloat(ctx, 0) || !IsFloat(ctx, 1) || !ctx.input_value(1)) return false;
  if (ctx.input_rank(0) != 2 || ctx.input_rank(1) != 2) return false;
  return !ctx.has_input(2) || (IsFloat(ctx, 2) && ctx.input_value(2));
}

bool SupportsMatMul(const InferContext& ctx) {
  if (!IsFloat(ctx, 0) || !IsFloat(ctx, 1) || !ctx.input_value(1)) return false;
  return ctx.input_rank(0) >= 2 && ctx.input_rank(1) == 2;
}

const OpDef& NativeGemmOp(Isa isa) { return kGemmOps[static_cast<int>(isa)]; }
const OpDef& NativeMatMulOp(Isa isa) { return kMatMulOps[static_cast<int>(isa)]; }

}  // namespace edgebench::native
