// MaxPool (2-D, float32, without the Indices output) on the native kernels.
// 3x3 stride-2 windows (SqueezeNet's and ResNet's pools) are read straight
// from each channel plane (max_pool_3x3s2, where the level has it); other
// windows copy the plane into the phase layout (conv_layout.h) with
// -infinity in the pads, so every window is a max over stride-1 runs (the
// copy cost about as much as the max). Checks and shapes are ref's
// (window.h, InferPoolWindow).
#include <algorithm>
#include <limits>
#include <memory>
#include <vector>

#include "runtime/backends/native/conv_layout.h"
#include "runtime/backends/native/kernels.h"
#include "runtime/backends/native/native_ops.h"
#include "runtime/ops/nn/window.h"
#include "runtime/ops/op_registry.h"

namespace edgebench::native {
namespace {

struct MaxPoolPlan {
  const NativeKernels* kernels = nullptr;
  int64_t planes = 0;  // batch * channels
  int64_t in_plane = 0, out_plane = 0;
  // The direct path: every field but x and y, which run() sets per plane.
  bool direct = false;
  MaxPool3x3Args direct_args;
  // The phase path.
  PhaseLayout layout;  // of one plane
  std::vector<int64_t> offsets;
  int slots = 1;
  int64_t slot_floats() const { return layout.floats() + layout.wide_outputs(); }
};

bool TakesDirect3x3S2(const InferContext& ctx, const ops::WindowGeometry& g, const NativeKernels& k) {
  if (!k.max_pool_3x3s2 || ctx.attributes().GetInt("storage_order", 0) != 0) return false;
  for (int d = 0; d < 2; ++d) {
    if (g.kernel[d] != 3 || g.stride[d] != 2 || g.dilation[d] != 1) return false;
  }
  return true;
}

Status InferMaxPool(InferContext& ctx, Isa isa) {
  auto plan = std::make_shared<MaxPoolPlan>();
  ops::WindowGeometry g;
  Shape y;
  EB_RETURN_IF_ERROR(ops::InferPoolWindow(ctx, &g, &y));
  ctx.set_output(0, DType::kFloat32, y);
  const Shape& x = ctx.input_shape(0);
  plan->kernels = &KernelsFor(isa);
  plan->planes = x[0] * x[1];
  plan->in_plane = x[2] * x[3];
  plan->out_plane = g.out[0] * g.out[1];
  if (TakesDirect3x3S2(ctx, g, *plan->kernels)) {
    plan->direct = true;
    MaxPool3x3Args& a = plan->direct_args;
    a.in_h = x[2];
    a.in_w = x[3];
    a.out_h = g.out[0];
    a.out_w = g.out[1];
    a.pad_top = g.pad_begin[0];
    a.pad_left = g.pad_begin[1];
    ctx.set_state(std::move(plan));
    return Status::Ok();
  }
  // ceil_mode's last window may run past the end pad: pad the copy far
  // enough that every window lies inside it (the extra is -infinity too).
  int64_t pads[4] = {g.pad_begin[0], g.pad_begin[1], g.pad_end[0], g.pad_end[1]};
  for (int d = 0; d < 2; ++d) {
    const int64_t needed = (g.out[d] - 1) * g.stride[d] + g.DilatedKernel(d) - g.pad_begin[d] - g.in[d];
    pads[2 + d] = std::max(pads[2 + d], needed);
  }
  const int64_t strides[2] = {g.stride[0], g.stride[1]};
  const int64_t dilations[2] = {g.dilation[0], g.dilation[1]};
  plan->layout = MakePhaseLayout(1, x[2], x[3], pads, strides, dilations, g.out[0], g.out[1]);
  plan->layout.pad_value = -std::numeric_limits<float>::infinity();
  for (int64_t kh = 0; kh < g.kernel[0]; ++kh) {
    for (int64_t kw = 0; kw < g.kernel[1]; ++kw) plan->offsets.push_back(plan->layout.TapOffset(0, kh, kw));
  }
  plan->slots = static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(ctx.num_threads(), plan->planes)));
  ctx.set_scratch_bytes(sizeof(float) * static_cast<size_t>(plan->slot_floats() * plan->slots));
  ctx.set_state(std::move(plan));
  return Status::Ok();
}

template <Isa kIsa>
Status InferMaxPoolFor(InferContext& ctx) {
  return InferMaxPool(ctx, kIsa);
}

// Planes split over the pool, each read in place.
void RunDirect(const MaxPoolPlan& plan, const float* x, float* y, ThreadPool* pool) {
  ParallelFor(pool, plan.planes, 9.0 * static_cast<double>(plan.out_plane), [&](int64_t b, int64_t e) {
    MaxPool3x3Args a = plan.direct_args;
    for (int64_t p = b; p < e; ++p) {
      a.x = x + p * plan.in_plane;
      a.y = y + p * plan.out_plane;
      plan.kernels->max_pool_3x3s2(a);
    }
  });
}

Status RunMaxPool(const KernelContext& ctx) {
  const MaxPoolPlan& plan = ctx.get_state<MaxPoolPlan>();
  const float* x = ctx.inputs[0]->data<float>();
  float* y = ctx.outputs[0]->data<float>();
  if (plan.direct) {
    RunDirect(plan, x, y, ctx.pool);
    return Status::Ok();
  }
  const PhaseLayout& l = plan.layout;
  // Each slot owns one scratch area and a contiguous range of planes.
  const int64_t slots = std::min<int64_t>(plan.slots, NumThreads(ctx.pool));
  const double work_per_slot =
      static_cast<double>(plan.offsets.size() * l.wide_outputs() * plan.planes) / static_cast<double>(slots);
  ParallelFor(ctx.pool, slots, work_per_slot, [&](int64_t s0, int64_t s1) {
    for (int64_t s = s0; s < s1; ++s) {
      float* copy = static_cast<float*>(ctx.scratch) + s * plan.slot_floats();
      float* wide = copy + l.floats();
      ZeroSlack(l, copy);
      const int64_t p_begin = plan.planes * s / slots;
      for (int64_t p = p_begin; p < plan.planes * (s + 1) / slots; ++p) {
        FillPhases(l, x + p * plan.in_plane, 0, 1, copy, /*pads_ready=*/p > p_begin);
        MaxPoolArgs a;
        a.taps = static_cast<int64_t>(plan.offsets.size());
        a.x = copy;
        a.offsets = plan.offsets.data();
        a.n = l.wide_outputs();
        a.y = l.wide() ? wide : y + p * plan.out_plane;
        plan.kernels->max_pool(a);
        if (l.wide()) CompactWideRows(wide, 0, a.n, l.wq, l.out_w, y + p * plan.out_plane);
      }
    }
  });
  return Status::Ok();
}

OpCost CostMaxPool(const CostContext& ctx) { return DefaultCost(*FindRefOp("", "MaxPool"), ctx); }

const OpDef kMaxPoolOps[] = {
    {"MaxPool", InferMaxPoolFor<Isa::kScalar>, RunMaxPool, CostMaxPool},
    {"MaxPool", InferMaxPoolFor<Isa::kAvx2>, RunMaxPool, CostMaxPool},
    {"MaxPool", InferMaxPoolFor<Isa::kAvx512>, RunMaxPool, CostMaxPool},
    {"MaxPool", InferMaxPoolFor<Isa::kNeon>, RunMaxPool, CostMaxPool},
};

}  // namespace

bool SupportsMaxPool(const InferContext& ctx) {
  if (!ctx.has_input(0) || ctx.input_dtype(0) != DType::kFloat32 || ctx.input_rank(0) != 4) return false;
  if (!StridesSupported(ctx)) return false;
  return !ctx.has_output(1);  // Indices: ref
}

const OpDef& NativeMaxPoolOp(Isa isa) { return kMaxPoolOps[static_cast<int>(isa)]; }

}  // namespace edgebench::native
