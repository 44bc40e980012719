// Conv and com.microsoft FusedConv on float16 X, W, B, Y (as the fp16
// converter emits them) with the float32 GEMM tiles: weights packed once as
// half MR-row panels (they stay half-sized in memory), each widened into a
// per-thread float panel just before its tiles; X widened into the scratch
// once per run (then the phase copy, conv_layout.h); each tile's sums land in
// a float buffer and are rounded to half on store. FusedConv's residual Z is
// widened per run and added in the output step (before the clamp, ONNX
// Runtime's order). Depthwise convolutions and activations the output step
// cannot clamp are left to ref.
#include <algorithm>
#include <limits>
#include <memory>
#include <string>

#include "runtime/backends/native/conv_plan.h"
#include "runtime/backends/native/f16_common.h"
#include "runtime/backends/native/native_ops.h"
#include "runtime/backends/native/native_ops_f16.h"
#include "runtime/ops/fused_activation.h"
#include "runtime/ops/nn/conv_attributes.h"
#include "runtime/ops/op_registry.h"

namespace edgebench::native {
namespace {

// The float32 dense plan (layout, offsets, bias, clamp) with its weight panels
// moved to half storage.
struct F16ConvPlan {
  DenseConvPlan dense;  // dense.packed_w is empty
  std::vector<uint16_t> packed_w;  // [group][block][k][MR], half
  const F16Kernels* f16 = nullptr;
  int lanes = 1;
  bool has_z = false;
  int64_t x_floats() const { return dense.p.channels * dense.p.in_h * dense.p.in_w; }
  int64_t z_floats() const { return has_z ? dense.p.filters * dense.p.out_h * dense.p.out_w : 0; }
  int64_t copy_floats() const { return dense.direct ? 0 : dense.layout.floats(); }
  int64_t panel_floats() const { return dense.k * dense.kernels->gemm.mr; }
  size_t scratch_bytes() const {
    return sizeof(float) * static_cast<size_t>(x_floats() + z_floats() + copy_floats() + lanes * panel_floats());
  }
};

// Column chunk of one work item: 8 tiles, as the float32 conv (the widened
// panel stays in L1 while the columns stream).
constexpr int64_t kTilesPerItem = 8;
constexpr int64_t kMaxTileFloats = 16 * 64;


// FusedConv's Relu or Clip as the clamp (SupportsConvF16 admitted no other).
Status ClampOf(const InferContext& ctx, ConvParams* p) {
  ops::FusedActivation act;
  EB_RETURN_IF_ERROR(ops::ParseConvActivation(ctx, &act));
  if (!act.op) return Status::Ok();
  const std::string& kind = act.node.op_type;
  if (kind == "Relu") {
    p->lo = 0.0f;
  } else if (kind == "Clip") {
    p->lo = act.node.attributes.GetFloat("min", p->lo);
    p->hi = act.node.attributes.GetFloat("max", p->hi);
  } else {
    return ctx.UnsupportedError("float16 FusedConv on native fuses Relu and Clip only, not " + kind);
  }
  return Status::Ok();
}

Status InferConvF16(InferContext& ctx, Isa isa) {
  EB_ASSIGN_OR_RETURN(std::unique_ptr<Float32StandIns> f32, Float32StandIns::Create(ctx));
  ops::ConvAttributes attrs;
  EB_RETURN_IF_ERROR(ops::ParseConvAttributes(f32->ctx(), &attrs));
  ctx.set_output(0, DType::kFloat16, ops::ConvOutputShape(attrs));
  ConvParams p = ConvParamsFrom(attrs);
  if (ctx.node().op_type == "FusedConv") EB_RETURN_IF_ERROR(ClampOf(f32->ctx(), &p));
  auto plan = std::make_shared<F16ConvPlan>();
  plan->f16 = &F16KernelsFor(isa);
  plan->dense = MakeDenseConvPlan(p, KernelsFor(isa), f32->value(1), f32->value(2), DenseTile::kWide);
  plan->packed_w = ToHalfStorage(plan->dense.packed_w, *plan->f16);
  std::vector<float>().swap(plan->dense.packed_w);
  plan->lanes = std::max(1, ctx.num_threads());
  plan->has_z = ctx.has_input(3);
  if (plan->has_z && ctx.input_shape(3) != ctx.outputs()[0].shape) {
    return ctx.Error("input Z must have the output's shape (no broadcast)");
  }
  ctx.set_scratch_bytes(plan->scratch_bytes());
  ctx.set_state(std::move(plan));
  return Status::Ok();
}

template <Isa kIsa>
Status InferConvF16For(InferContext& ctx) {
  return InferConvF16(ctx, kIsa);
}

// Z's values for one tile in the wide layout of its sums: row r, column j is
// flat position first_flat + j of row r's plane (zero where ow >= out_w).
void ExpandWideZ(const float* z, int64_t rows, int64_t out_plane, int64_t first_flat, int64_t count, int64_t wq,
                 int64_t out_w, int64_t ld, float* dst) {
  for (int64_t r = 0; r < rows; ++r) {
    int64_t oh = first_flat / wq;
    int64_t ow = first_flat - oh * wq;
    for (int64_t j = 0; j < count; ++j) {
      dst[r * ld + j] = ow < out_w ? z[r * out_plane + oh * out_w + ow] : 0.0f;
      if (++ow == wq) {
        ow = 0;
        ++oh;
      }
    }
  }
}

void RunConvF16Plan(const F16ConvPlan& plan, const uint16_t* x, const uint16_t* z, uint16_t* y, void* scratch,
                    ThreadPool* pool) {
  const DenseConvPlan& d = plan.dense;
  const ConvParams& p = d.p;
  const PhaseLayout& l = d.layout;
  const GemmKernel& gemm = d.kernels->gemm;
  const F16Kernels& f16 = *plan.f16;
  const int64_t mr = gemm.mr;
  const int64_t cout_g = p.filters / p.group;
  const int64_t in_plane = p.in_h * p.in_w;
  const int64_t out_plane = p.out_h * p.out_w;
  const int64_t columns = l.wide_outputs();
  const int64_t chunk = kTilesPerItem * gemm.nr;
  const int64_t chunks = (columns + chunk - 1) / chunk;
  const int64_t blocks = p.group * d.blocks_per_group;
  auto* xf = static_cast<float*>(scratch);
  float* zf = xf + plan.x_floats();
  float* copy = zf + plan.z_floats();
  float* panels = copy + plan.copy_floats();

  for (int64_t n = 0; n < p.batch; ++n) {
    const uint16_t* xn = x + n * p.channels * in_plane;
    uint16_t* yn = y + n * p.filters * out_plane;
    ParallelFor(pool, p.channels, static_cast<double>(in_plane), [&](int64_t c0, int64_t c1) {
      f16.to_float(xn + c0 * in_plane, xf + c0 * in_plane, (c1 - c0) * in_plane);
    });
    if (z) {
      const uint16_t* zn = z + n * p.filters * out_plane;
      ParallelFor(pool, p.filters, static_cast<double>(out_plane), [&](int64_t m0, int64_t m1) {
        f16.to_float(zn + m0 * out_plane, zf + m0 * out_plane, (m1 - m0) * out_plane);
      });
    }
    const float* base = xf;
    if (!d.direct) {
      ParallelFor(pool, p.channels, static_cast<double>(l.plane() * l.stride_h * l.stride_w),
                  [&](int64_t c0, int64_t c1) { FillPhases(l, xf, c0, c1, copy); });
      ZeroSlack(l, copy);
      base = copy;
    }
    // Items are (block, column chunk), block-major, so a lane's contiguous
    // range widens each panel once for all its chunks.
    ForEachLane(pool, plan.lanes, blocks * chunks, 2.0 * static_cast<double>(d.k * mr * chunk),
                [&](int slot, int64_t i0, int64_t i1) {
                  alignas(64) float tile[kMaxTileFloats];
                  alignas(64) float z_tile[kMaxTileFloats];
                  float* panel = panels + slot * plan.panel_floats();
                  int64_t widened = -1;
                  OutputStep out;
                  out.lo = p.lo;
                  out.hi = p.hi;
                  GemmTileArgs a;
                  a.k = d.k;
                  a.w = panel;
                  a.y = tile;
                  a.ld_y = gemm.nr;
                  a.out = &out;
                  for (int64_t item = i0; item < i1; ++item) {
                    const int64_t blk = item / chunks;
                    const int64_t g = blk / d.blocks_per_group;
                    const int64_t m0 = g * cout_g + (blk % d.blocks_per_group) * mr;
                    if (blk != widened) {
                      f16.to_float(plan.packed_w.data() + blk * plan.panel_floats(), panel, plan.panel_floats());
                      widened = blk;
                    }
                    out.bias = d.packed_bias.data() + blk * mr;
                    a.offsets = d.offsets.data() + g * d.k;
                    a.mr = std::min(mr, g * cout_g + cout_g - m0);
                    const int64_t c_end = std::min(columns, (item % chunks + 1) * chunk);
                    for (int64_t c = (item % chunks) * chunk; c < c_end; c += gemm.nr) {
                      a.x = base + c;
                      a.nr = std::min<int64_t>(gemm.nr, c_end - c);
                      if (z && l.wide()) {
                        ExpandWideZ(zf + m0 * out_plane, a.mr, out_plane, c, a.nr, l.wq, p.out_w, gemm.nr, z_tile);
                        out.add = z_tile;
                        out.ld_add = gemm.nr;
                      } else if (z) {
                        out.add = zf + m0 * out_plane + c;
                        out.ld_add = out_plane;
                      }
                      gemm.tile(a);
                      for (int64_t r = 0; r < a.mr; ++r) {
                        uint16_t* yr = yn + (m0 + r) * out_plane;
                        if (l.wide()) {
                          StoreWideRowAsHalf(f16, tile + r * gemm.nr, c, a.nr, l.wq, p.out_w, yr);
                        } else {
                          f16.to_half(tile + r * gemm.nr, yr + c, a.nr);
                        }
                      }
                    }
                  }
                });
  }
}

Status RunConvF16(const KernelContext& ctx) {
  const Tensor* z = ctx.input(3);
  RunConvF16Plan(ctx.get_state<F16ConvPlan>(), ctx.inputs[0]->data<uint16_t>(), z ? z->data<uint16_t>() : nullptr,
                 ctx.outputs[0]->data<uint16_t>(), ctx.scratch, ctx.pool);
  return Status::Ok();
}

OpCost CostConv(const CostContext& ctx) { return DefaultCost(*FindRefOp("", "Conv"), ctx); }
OpCost CostFusedConv(const CostContext& ctx) { return DefaultCost(*FindRefOp("com.microsoft", "FusedConv"), ctx); }

const OpDef kConvF16Ops[] = {
    {"Conv", InferConvF16For<Isa::kScalar>, RunConvF16, CostConv},
    {"Conv", InferConvF16For<Isa::kAvx2>, RunConvF16, CostConv},
    {"Conv", InferConvF16For<Isa::kAvx512>, RunConvF16, CostConv},
    {"Conv", InferConvF16For<Isa::kNeon>, RunConvF16, CostConv},
};
const OpDef kFusedConvF16Ops[] = {
    {"FusedConv", InferConvF16For<Isa::kScalar>, RunConvF16, CostFusedConv, false, false, "com.microsoft"},
    {"FusedConv", InferConvF16For<Isa::kAvx2>, RunConvF16, CostFusedConv, false, false, "com.microsoft"},
    {"FusedConv", InferConvF16For<Isa::kAvx512>, RunConvF16, CostFusedConv, false, false, "com.microsoft"},
    {"FusedConv", InferConvF16For<Isa::kNeon>, RunConvF16, CostFusedConv, false, false, "com.microsoft"},
};

}  // namespace

bool SupportsConvF16(const InferContext& ctx) {
  if (!StridesSupported(ctx)) return false;
  if (ctx.num_inputs() < 2 || !ctx.has_input(0) || !ctx.has_input(1) || !AllFloat16(ctx, 4)) return false;
  if (ctx.input_rank(0) != 4 || ctx.input_rank(1) != 4 || !ctx.input_value(1)) return false;
  if (ctx.has_input(2) && !ctx.input_value(2)) return false;
  // Depthwise (group == channels == filters > 1, as native_conv.cpp tells it) stays on ref.
  const int64_t group = ctx.attributes().GetInt("group", 1);
  const int64_t channels = ctx.input_shape(0)[1];
  if (group > 1 && group == channels && ctx.input_shape(1)[0] == channels) return false;
  if (ctx.node().op_type == "FusedConv") {
    const std::string act = ctx.attributes().GetString("activation", "");
    if (!act.empty() && act != "Relu" && act != "Clip") return false;
  }
  return true;
}

const OpDef& NativeConvF16Op(Isa isa) { return kConvF16Ops[static_cast<int>(isa)]; }
const OpDef& NativeFusedConvF16Op(Isa isa) { return kFusedConvF16Ops[static_cast<int>(isa)]; }

}  // namespace edgebench::native
