// Gemm and MatMul on float16 A, B, C, Y with a constant B, on the float32
// GEMM tiles (native_gemm.cpp's scheme): B packed once into half NR-column
// panels (half-sized in memory), each widened into a per-thread float panel
// just before the tiles that read it; alpha * op(A) widened and packed per
// run into MR-row float panels; beta * C kept as float32 [M, N] (the output
// step adds it); every tile's sums rounded to half on store.
#include <algorithm>
#include <limits>
#include <memory>
#include <vector>

#include "runtime/backends/native/f16_common.h"
#include "runtime/backends/native/kernels.h"
#include "runtime/backends/native/native_ops_f16.h"
#include "runtime/core/float16.h"
#include "runtime/ops/math/gemm_attributes.h"
#include "runtime/ops/math/mat_mul_shape.h"
#include "runtime/ops/op_registry.h"

namespace edgebench::native {
namespace {

constexpr int64_t kMaxTileFloats = 16 * 64;

struct F16GemmPlan {
  GemmKernel kernel;
  const F16Kernels* f16 = nullptr;
  int64_t m = 0, n = 0, k = 0;
  bool trans_a = false;
  float alpha = 1.0f;
  std::vector<uint16_t> packed_b;  // [panel][k][NR], half
  std::vector<int64_t> offsets;    // t * NR
  std::vector<float> c;            // beta * C as [M, N]; empty without C
  int lanes = 1;
  int64_t m_padded() const { return (m + kernel.mr - 1) / kernel.mr * kernel.mr; }
  int64_t panels() const { return (n + kernel.nr - 1) / kernel.nr; }
  int64_t panel_floats() const { return k * kernel.nr; }
  size_t scratch_bytes() const { return sizeof(float) * static_cast<size_t>(m_padded() * k + lanes * panel_floats()); }
};

// `b_at(t, j)` is op(B)[t][j] as float32 (a widened half).
template <typename BAt>
void PackB(F16GemmPlan* plan, BAt b_at) {
  const int64_t nr = plan->kernel.nr;
  std::vector<float> packed(static_cast<size_t>(plan->panels() * plan->k * nr), 0.0f);
  for (int64_t p = 0; p < plan->panels(); ++p) {
    for (int64_t t = 0; t < plan->k; ++t) {
      for (int64_t j = 0; j < nr && p * nr + j < plan->n; ++j) packed[(p * plan->k + t) * nr + j] = b_at(t, p * nr + j);
    }
  }
  plan->packed_b = ToHalfStorage(packed, *plan->f16);
  plan->offsets.resize(static_cast<size_t>(plan->k));
  for (int64_t t = 0; t < plan->k; ++t) plan->offsets[t] = t * nr;
}

void ChooseKernel(F16GemmPlan* plan, Isa isa, int threads) {
  const NativeKernels& kernels = KernelsFor(isa);
  plan->kernel = plan->m == 1 ? kernels.gemm_m1 : kernels.gemm;
  plan->f16 = &F16KernelsFor(isa);
  plan->lanes = std::max(1, threads);
}

// A's panels: [block][t][r] = alpha * op(A)[block * MR + r][t], zero past M.
void PackA(const F16GemmPlan& plan, const uint16_t* a, float* packed_a) {
  const int64_t mr = plan.kernel.mr;
  if (mr == 1 && !plan.trans_a) {
    // One row per panel: A's rows are the panels already, widened in bulk.
    plan.f16->to_float(a, packed_a, plan.m * plan.k);
    if (plan.alpha != 1.0f) {
      for (int64_t i = 0; i < plan.m * plan.k; ++i) packed_a[i] *= plan.alpha;
    }
    return;
  }
  const int64_t a_stride_m = plan.trans_a ? 1 : plan.k;
  const int64_t a_stride_k = plan.trans_a ? plan.m : 1;
  for (int64_t m0 = 0; m0 < plan.m_padded(); m0 += mr) {
    float* panel = packed_a + m0 * plan.k;
    for (int64_t t = 0; t < plan.k; ++t) {
      for (int64_t r = 0; r < mr; ++r) {
        const int64_t row = m0 + r;
        panel[t * mr + r] =
            row < plan.m ? plan.alpha * Float16ToFloat32(a[row * a_stride_m + t * a_stride_k]) : 0.0f;
      }
    }
  }
}

void RunF16GemmPlan(const F16GemmPlan& plan, const uint16_t* a, uint16_t* y, void* scratch, ThreadPool* pool) {
  const int64_t mr = plan.kernel.mr;
  const int64_t nr = plan.kernel.nr;
  const F16Kernels& f16 = *plan.f16;
  auto* packed_a = static_cast<float*>(scratch);
  float* panels = packed_a + plan.m_padded() * plan.k;
  PackA(plan, a, packed_a);
  ForEachLane(pool, plan.lanes, plan.panels(), 2.0 * static_cast<double>(plan.m * plan.k * nr),
              [&](int slot, int64_t p0, int64_t p1) {
                alignas(64) float tile[kMaxTileFloats];
                float* bf = panels + slot * plan.panel_floats();
                OutputStep out;
                out.lo = -std::numeric_limits<float>::infinity();
                out.hi = std::numeric_limits<float>::infinity();
                out.ld_add = plan.n;
                GemmTileArgs args;
                args.k = plan.k;
                args.x = bf;
                args.offsets = plan.offsets.data();
                args.y = tile;
                args.ld_y = nr;
                args.out = &out;
                for (int64_t p = p0; p < p1; ++p) {
                  f16.to_float(plan.packed_b.data() + p * plan.panel_floats(), bf, plan.panel_floats());
                  const int64_t c = p * nr;
                  args.nr = std::min(nr, plan.n - c);
                  for (int64_t r0 = 0; r0 < plan.m; r0 += mr) {
                    args.w = packed_a + r0 * plan.k;
                    args.mr = std::min(mr, plan.m - r0);
                    out.add = plan.c.empty() ? nullptr : plan.c.data() + r0 * plan.n + c;
                    plan.kernel.tile(args);
                    for (int64_t r = 0; r < args.mr; ++r) f16.to_half(tile + r * nr, y + (r0 + r) * plan.n + c, args.nr);
                  }
                }
              });
}

Status RunPlan(const KernelContext& ctx) {
  RunF16GemmPlan(ctx.get_state<F16GemmPlan>(), ctx.inputs[0]->data<uint16_t>(), ctx.outputs[0]->data<uint16_t>(),
                 ctx.scratch, ctx.pool);
  return Status::Ok();
}

Status InferGemmF16(InferContext& ctx, Isa isa) {
  EB_ASSIGN_OR_RETURN(std::unique_ptr<Float32StandIns> f32, Float32StandIns::Create(ctx));
  ops::GemmAttributes attrs;
  EB_RETURN_IF_ERROR(ops::ParseGemmAttributes(f32->ctx(), &attrs));
  if (ctx.has_output(0)) ctx.set_output(0, DType::kFloat16, {attrs.m, attrs.n});
  auto plan = std::make_shared<F16GemmPlan>();
  plan->m = attrs.m;
  plan->n = attrs.n;
  plan->k = attrs.k;
  plan->trans_a = attrs.trans_a;
  plan->alpha = attrs.alpha;
  ChooseKernel(plan.get(), isa, ctx.num_threads());
  const float* b = f32->value(1);
  if (attrs.trans_b) {
    PackB(plan.get(), [&](int64_t t, int64_t j) { return b[j * attrs.k + t]; });
  } else {
    PackB(plan.get(), [&](int64_t t, int64_t j) { return b[t * attrs.n + j]; });
  }
  // beta == 0 ignores C, as the ref kernel does.
  if (attrs.has_c && attrs.beta != 0.0f) {
    const float* c = f32->value(2);
    plan->c.resize(static_cast<size_t>(attrs.m * attrs.n));
    for (int64_t i = 0; i < attrs.m; ++i) {
      for (int64_t j = 0; j < attrs.n; ++j) {
        plan->c[i * attrs.n + j] = attrs.beta * c[i * attrs.c_stride_m + j * attrs.c_stride_n];
      }
    }
  }
  ctx.set_scratch_bytes(plan->scratch_bytes());
  ctx.set_state(std::move(plan));
  return Status::Ok();
}

Status InferMatMulF16(InferContext& ctx, Isa isa) {
  EB_ASSIGN_OR_RETURN(std::unique_ptr<Float32StandIns> f32, Float32StandIns::Create(ctx));
  ops::MatMulShape shape;
  Shape y_shape;
  EB_RETURN_IF_ERROR(ops::InferMatMulShape(f32->ctx(), &shape, &y_shape));
  if (ctx.has_output(0)) ctx.set_output(0, DType::kFloat16, std::move(y_shape));
  // B is 2-D, so A's batch dims are just more rows of one GEMM.
  auto plan = std::make_shared<F16GemmPlan>();
  plan->k = shape.k;
  plan->n = shape.n;
  plan->m = shape.batch_count() * shape.m;
  ChooseKernel(plan.get(), isa, ctx.num_threads());
  const float* b = f32->value(1);
  PackB(plan.get(), [&](int64_t t, int64_t j) { return b[t * plan->n + j]; });
  ctx.set_scratch_bytes(plan->scratch_bytes());
  ctx.set_state(std::move(plan));
  return Status::Ok();
}

template <Isa kIsa>
Status InferGemmF16For(InferContext& ctx) {
  return InferGemmF16(ctx, kIsa);
}
template <Isa kIsa>
Status InferMatMulF16For(InferContext& ctx) {
  return InferMatMulF16(ctx, kIsa);
}

OpCost CostGemm(const CostContext& ctx) { return DefaultCost(*FindRefOp("", "Gemm"), ctx); }
OpCost CostMatMul(const CostContext& ctx) { return DefaultCost(*FindRefOp("", "MatMul"), ctx); }

const OpDef kGemmF16Ops[] = {
    {"Gemm", InferGemmF16For<Isa::kScalar>, RunPlan, CostGemm},
    {"Gemm", InferGemmF16For<Isa::kAvx2>, RunPlan, CostGemm},
    {"Gemm", InferGemmF16For<Isa::kAvx512>, RunPlan, CostGemm},
    {"Gemm", InferGemmF16For<Isa::kNeon>, RunPlan, CostGemm},
};
const OpDef kMatMulF16Ops[] = {
    {"MatMul", InferMatMulF16For<Isa::kScalar>, RunPlan, CostMatMul},
    {"MatMul", InferMatMulF16For<Isa::kAvx2>, RunPlan, CostMatMul},
    {"MatMul", InferMatMulF16For<Isa::kAvx512>, RunPlan, CostMatMul},
    {"MatMul", InferMatMulF16For<Isa::kNeon>, RunPlan, CostMatMul},
};

bool IsHalf(const InferContext& ctx, int i) { return ctx.has_input(i) && ctx.input_dtype(i) == DType::kFloat16; }

}  // namespace

bool SupportsGemmF16(const InferContext& ctx) {
  if (!IsHalf(ctx, 0) || !IsHalf(ctx, 1) || !ctx.input_value(1)) return false;
  if (ctx.input_rank(0) != 2 || ctx.input_rank(1) != 2) return false;
  return !ctx.has_input(2) || (IsHalf(ctx, 2) && ctx.input_value(2));
}

bool SupportsMatMulF16(const InferContext& ctx) {
  if (!IsHalf(ctx, 0) || !IsHalf(ctx, 1) || !ctx.input_value(1)) return false;
  return ctx.input_rank(0) >= 2 && ctx.input_rank(1) == 2;
}

const OpDef& NativeGemmF16Op(Isa isa) { return kGemmF16Ops[static_cast<int>(isa)]; }
const OpDef& NativeMatMulF16Op(Isa isa) { return kMatMulF16Ops[static_cast<int>(isa)]; }

}  // namespace edgebench::native
