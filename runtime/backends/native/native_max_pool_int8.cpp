// MaxPool (2-D, uint8 or int8, without the Indices output) for the int8
// graphs, where it sits between QLinearConvs. A max is exact, so the loop
// order is free: per output row, each tap's valid run of columns is maxed
// into the row, which the compiler vectorizes (ref's per-window loop with
// index bookkeeping took ~20 ms on ResNet-18's 64x112x112 here). Checks and
// shapes are ref's (window.h, InferPoolWindow).
#include <algorithm>
#include <limits>
#include <memory>

#include "runtime/backends/native/int8_ops.h"
#include "runtime/core/thread_pool.h"
#include "runtime/ops/nn/window.h"

namespace edgebench::native {
namespace {

struct MaxPoolInt8Plan {
  ops::WindowGeometry g;
  int64_t planes = 0;
  bool is_signed = false;
};

Status InferMaxPoolInt8(InferContext& ctx) {
  auto plan = std::make_shared<MaxPoolInt8Plan>();
  Shape y;
  EB_RETURN_IF_ERROR(ops::InferPoolWindow(ctx, &plan->g, &y));
  ctx.set_output(0, ctx.input_dtype(0), y);
  plan->planes = ctx.input_shape(0)[0] * ctx.input_shape(0)[1];
  plan->is_signed = ctx.input_dtype(0) == DType::kInt8;
  ctx.set_state(std::move(plan));
  return Status::Ok();
}

// Output columns [lo, hi) whose tap at offset `off` (= kw * dw - pad_left)
// with stride `s` lands inside a row of n inputs.
void ValidColumns(int64_t off, int64_t s, int64_t n, int64_t out_w, int64_t* lo, int64_t* hi) {
  *lo = off >= 0 ? 0 : (-off + s - 1) / s;
  *hi = n - off <= 0 ? 0 : std::min(out_w, (n - off + s - 1) / s);
  if (*hi < *lo) *hi = *lo;
}

template <typename T>
void MaxPoolPlanes(const ops::WindowGeometry& g, const T* x, T* y, int64_t p0, int64_t p1) {
  const int64_t in_h = g.in[0], in_w = g.in[1], out_h = g.out[0], out_w = g.out[1];
  const int64_t sh = g.stride[0], sw = g.stride[1], dh = g.dilation[0], dw = g.dilation[1];
  const int64_t kh_n = g.kernel[0], kw_n = g.kernel[1], pt = g.pad_begin[0], pl = g.pad_begin[1];
  for (int64_t p = p0; p < p1; ++p) {
    const T* xp = x + p * in_h * in_w;
    T* yp = y + p * out_h * out_w;
    for (int64_t oh = 0; oh < out_h; ++oh) {
      T* __restrict row = yp + oh * out_w;
      // A window entirely in padding has no maximum: ref gives the lowest value.
      std::fill(row, row + out_w, std::numeric_limits<T>::lowest());
      for (int64_t kh = 0; kh < kh_n; ++kh) {
        const int64_t ih = oh * sh - pt + kh * dh;
        if (ih < 0 || ih >= in_h) continue;
        const T* __restrict in = xp + ih * in_w;
        for (int64_t kw = 0; kw < kw_n; ++kw) {
          const int64_t off = kw * dw - pl;
          int64_t lo = 0, hi = 0;
          ValidColumns(off, sw, in_w, out_w, &lo, &hi);
          if (sw == 1) {
            for (int64_t ow = lo; ow < hi; ++ow) row[ow] = std::max(row[ow], in[ow + off]);
          } else if (sw == 2) {
            for (int64_t ow = lo; ow < hi; ++ow) row[ow] = std::max(row[ow], in[2 * ow + off]);
          } else {
            for (int64_t ow = lo; ow < hi; ++ow) row[ow] = std::max(row[ow], in[ow * sw + off]);
          }
        }
      }
    }
  }
}

Status RunMaxPoolInt8(const KernelContext& ctx) {
  const MaxPoolInt8Plan& plan = ctx.get_state<MaxPoolInt8Plan>();
  const ops::WindowGeometry& g = plan.g;
  const double cost = static_cast<double>(g.out[0] * g.out[1] * g.kernel[0] * g.kernel[1]);
  const void* x = ctx.inputs[0]->raw_data();
  void* y = ctx.outputs[0]->raw_data();
  ParallelFor(ctx.pool, plan.planes, cost, [&](int64_t p0, int64_t p1) {
    if (plan.is_signed) {
      MaxPoolPlanes(g, static_cast<const int8_t*>(x), static_cast<int8_t*>(y), p0, p1);
    } else {
      MaxPoolPlanes(g, static_cast<const uint8_t*>(x), static_cast<uint8_t*>(y), p0, p1);
    }
  });
  return Status::Ok();
}

const OpDef kMaxPoolInt8 = {"MaxPool", InferMaxPoolInt8, RunMaxPoolInt8, ops::PoolCost};

}  // namespace

bool SupportsMaxPoolInt8(const InferContext& ctx) {
  if (!ctx.has_input(0) || ctx.input_rank(0) != 4) return false;
  if (ctx.input_dtype(0) != DType::kUInt8 && ctx.input_dtype(0) != DType::kInt8) return false;
  return !ctx.has_output(1);  // Indices: ref
}

const OpDef& NativeMaxPoolInt8Op() { return kMaxPoolInt8; }

}  // namespace edgebench::native
