// AveragePool (2-D, float32) on the native backend, read straight from X:
// per output row, the window's valid input rows are summed into one row
// (stride-1 adds the compiler vectorizes), then each output sums its valid
// columns of that row and scales by its divisor. Which taps are valid and the
// divisor of every output (count_include_pad both ways, pads, ceil_mode) are
// worked out once at infer, with ref's rule (average_pool.cpp): pads count
// only up to the end pad, a window entirely in padding averages to 0.
#include <algorithm>
#include <memory>
#include <vector>

#include "runtime/backends/native/native_ops.h"
#include "runtime/ops/nn/window.h"
#include "runtime/ops/op_registry.h"

namespace edgebench::native {
namespace {

struct AveragePoolPlan {
  int64_t planes = 0;  // batch * channels
  int64_t in_h = 0, in_w = 0, out_h = 0, out_w = 0;
  int64_t stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1;
  int64_t pad_top = 0, pad_left = 0;
  // Valid taps [lo, hi) of each output row / column, inside X.
  std::vector<int64_t> row_lo, row_hi, col_lo, col_hi;
  std::vector<float> inv_divisor;  // [out_h * out_w], 0 for an all-padding window
  int slots = 1;                   // per-thread row buffers of in_w floats
};

// The taps of output `o` along one dim that land inside [0, size) and,
// shifted by the begin pad, inside the padded extent.
void TapRanges(const ops::WindowGeometry& g, int d, int64_t o, int64_t* lo, int64_t* hi, int64_t* padded) {
  const int64_t start = o * g.stride[d] - g.pad_begin[d];
  ops::ValidRange(start, g.dilation[d], g.in[d], g.kernel[d], lo, hi);
  if (*hi < *lo) *hi = *lo;
  int64_t plo = 0, phi = 0;
  ops::ValidRange(start + g.pad_begin[d], g.dilation[d], g.in[d] + g.pad_begin[d] + g.pad_end[d], g.kernel[d], &plo,
                  &phi);
  *padded = std::max<int64_t>(0, phi - plo);
}

Status InferAveragePool(InferContext& ctx) {
  EB_RETURN_IF_ERROR(FindRefOp("", "AveragePool")->infer(ctx));  // checks, Y's shape
  ops::WindowGeometry g;
  Shape y;
  EB_RETURN_IF_ERROR(ops::InferPoolWindow(ctx, &g, &y));
  const bool include_pad = ctx.attributes().GetInt("count_include_pad", 0) == 1;
  const Shape& x = ctx.input_shape(0);
  auto plan = std::make_shared<AveragePoolPlan>();
  plan->planes = x[0] * x[1];
  plan->in_h = g.in[0];
  plan->in_w = g.in[1];
  plan->out_h = g.out[0];
  plan->out_w = g.out[1];
  plan->stride_h = g.stride[0];
  plan->stride_w = g.stride[1];
  plan->dilation_h = g.dilation[0];
  plan->dilation_w = g.dilation[1];
  plan->pad_top = g.pad_begin[0];
  plan->pad_left = g.pad_begin[1];
  std::vector<int64_t> row_padded(plan->out_h), col_padded(plan->out_w);
  plan->row_lo.resize(plan->out_h);
  plan->row_hi.resize(plan->out_h);
  plan->col_lo.resize(plan->out_w);
  plan->col_hi.resize(plan->out_w);
  for (int64_t oh = 0; oh < plan->out_h; ++oh) TapRanges(g, 0, oh, &plan->row_lo[oh], &plan->row_hi[oh], &row_padded[oh]);
  for (int64_t ow = 0; ow < plan->out_w; ++ow) TapRanges(g, 1, ow, &plan->col_lo[ow], &plan->col_hi[ow], &col_padded[ow]);
  plan->inv_divisor.resize(plan->out_h * plan->out_w);
  for (int64_t oh = 0; oh < plan->out_h; ++oh) {
    for (int64_t ow = 0; ow < plan->out_w; ++ow) {
      const int64_t inside = (plan->row_hi[oh] - plan->row_lo[oh]) * (plan->col_hi[ow] - plan->col_lo[ow]);
      const int64_t divisor = include_pad ? row_padded[oh] * col_padded[ow] : inside;
      plan->inv_divisor[oh * plan->out_w + ow] = divisor > 0 ? 1.0f / static_cast<float>(divisor) : 0.0f;
    }
  }
  plan->slots = static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(ctx.num_threads(), plan->planes)));
  ctx.set_scratch_bytes(sizeof(float) * static_cast<size_t>(plan->in_w * plan->slots));
  ctx.set_state(std::move(plan));
  return Status::Ok();
}

// One plane: the row sum of each output row's window, then its columns.
void AveragePlane(const AveragePoolPlan& p, const float* x, float* y, float* row) {
  for (int64_t oh = 0; oh < p.out_h; ++oh) {
    const int64_t ih0 = oh * p.stride_h - p.pad_top;
    std::fill(row, row + p.in_w, 0.0f);
    for (int64_t kh = p.row_lo[oh]; kh < p.row_hi[oh]; ++kh) {
      const float* xr = x + (ih0 + kh * p.dilation_h) * p.in_w;
      for (int64_t iw = 0; iw < p.in_w; ++iw) row[iw] += xr[iw];
    }
    float* yr = y + oh * p.out_w;
    const float* inv = p.inv_divisor.data() + oh * p.out_w;
    for (int64_t ow = 0; ow < p.out_w; ++ow) {
      const float* r = row + ow * p.stride_w - p.pad_left;
      float sum = 0.0f;
      for (int64_t kw = p.col_lo[ow]; kw < p.col_hi[ow]; ++kw) sum += r[kw * p.dilation_w];
      yr[ow] = sum * inv[ow];
    }
  }
}

Status RunAveragePool(const KernelContext& ctx) {
  const AveragePoolPlan& plan = ctx.get_state<AveragePoolPlan>();
  const float* x = ctx.inputs[0]->data<float>();
  float* y = ctx.outputs[0]->data<float>();
  const int64_t in_plane = plan.in_h * plan.in_w;
  const int64_t out_plane = plan.out_h * plan.out_w;
  // Each slot owns one row buffer and a contiguous range of planes.
  const int64_t slots = std::min<int64_t>(plan.slots, NumThreads(ctx.pool));
  const double work_per_slot = static_cast<double>(in_plane * plan.planes) / static_cast<double>(slots);
  ParallelFor(ctx.pool, slots, work_per_slot, [&](int64_t s0, int64_t s1) {
    for (int64_t s = s0; s < s1; ++s) {
      float* row = static_cast<float*>(ctx.scratch) + s * plan.in_w;
      for (int64_t p = plan.planes * s / slots; p < plan.planes * (s + 1) / slots; ++p) {
        AveragePlane(plan, x + p * in_plane, y + p * out_plane, row);
      }
    }
  });
  return Status::Ok();
}

OpCost CostAveragePool(const CostContext& ctx) { return DefaultCost(*FindRefOp("", "AveragePool"), ctx); }

const OpDef kAveragePoolOp = {"AveragePool", InferAveragePool, RunAveragePool, CostAveragePool};

}  // namespace

bool SupportsAveragePool(const InferContext& ctx) {
  return ctx.has_input(0) && ctx.input_dtype(0) == DType::kFloat32 && ctx.input_rank(0) == 4;
}

const OpDef& NativeAveragePoolOp() { return kAveragePoolOp; }

}  // namespace edgebench::native
