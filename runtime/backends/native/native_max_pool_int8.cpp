// MaxPool (2-D, uint8 or int8, without the Indices output) for the int8
// graphs, where it sits between QLinearConvs. A max is exact, so the loop
// order is free: per output row, each tap's valid run of columns is maxed
// into the row, which the compiler vectorizes (ref's per-window loop with
// index bookkeeping took ~20 ms on ResNet-18's 64x112x112 here). The 3x3
// stride-2 window (ResNet's stem pool) is separable instead: each input
// row's horizontal maxima once, then three rows of them per output row. Checks
// and shapes are ref's (window.h, InferPoolWindow).
#include <algorithm>
#include <limits>
#include <memory>
#include <type_traits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// Widest output row the separable path keeps on the stack (3 rows of it).
constexpr int64_t kMaxSeparableWidth = 2048;

bool Separable3x3S2(const ops::WindowGeometry& g) {
  return g.kernel[0] == 3 && g.kernel[1] == 3 && g.stride[0] == 2 && g.stride[1] == 2 && g.dilation[0] == 1 &&
         g.dilation[1] == 1 && g.out[1] <= kMaxSeparableWidth;
}

// h[ow] = max(in[2 ow - left + kw] ^ flip) over kw < 3 inside the row, 0
// where none is. Values are compared as uint8: int8 ^ 0x80 keeps the order.
void RowMax3S2(const uint8_t* in, int64_t in_w, int64_t left, int64_t out_w, uint8_t flip, uint8_t* __restrict h) {
  auto tap = [&](int64_t c) -> uint8_t { return c >= 0 && c < in_w ? static_cast<uint8_t>(in[c] ^ flip) : 0; };
  int64_t ow = 0;
  auto scalar_to = [&](int64_t end) {
    for (; ow < end; ++ow) {
      const int64_t c = 2 * ow - left;
      h[ow] = std::max(std::max(tap(c), tap(c + 1)), tap(c + 2));
    }
  };
#if defined(__SSE2__)
  // 16 outputs read 34 bytes from 2 ow - left: the even bytes of the first
  // 32 are tap 0, the odd ones tap 1, the even bytes from 2 on tap 2.
  scalar_to(std::min(out_w, (left + 1) / 2));
  const __m128i low = _mm_set1_epi16(0x00ff);
  const __m128i f = _mm_set1_epi8(static_cast<char>(flip));
  auto load = [&](int64_t c) { return _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(in + c)), f); };
  auto even = [&](__m128i a, __m128i b) { return _mm_packus_epi16(_mm_and_si128(a, low), _mm_and_si128(b, low)); };
  auto odd = [&](__m128i a, __m128i b) { return _mm_packus_epi16(_mm_srli_epi16(a, 8), _mm_srli_epi16(b, 8)); };
  for (; ow + 16 <= out_w && 2 * ow - left + 34 <= in_w; ow += 16) {
    const int64_t c = 2 * ow - left;
    const __m128i a0 = load(c), a1 = load(c + 16), b0 = load(c + 2), b1 = load(c + 18);
    const __m128i m = _mm_max_epu8(_mm_max_epu8(even(a0, a1), odd(a0, a1)), even(b0, b1));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(h + ow), m);
  }
#endif
  scalar_to(out_w);
}

template <typename T>
void MaxPool3x3S2Planes(const ops::WindowGeometry& g, const T* x, T* y, int64_t p0, int64_t p1) {
  const int64_t in_h = g.in[0], in_w = g.in[1], out_h = g.out[0], out_w = g.out[1];
  const int64_t top = g.pad_begin[0], left = g.pad_begin[1];
  const uint8_t flip = std::is_signed_v<T> ? 0x80 : 0x00;
  // Horizontal maxima of input rows, ring-indexed by row: each is read by
  // up to two output rows.
  alignas(64) uint8_t rows[3][kMaxSeparableWidth];
  for (int64_t p = p0; p < p1; ++p) {
    const auto* xp = reinterpret_cast<const uint8_t*>(x) + p * in_h * in_w;
    auto* yp = reinterpret_cast<uint8_t*>(y) + p * out_h * out_w;
    int64_t ready[3] = {-1, -1, -1};
    for (int64_t oh = 0; oh < out_h; ++oh) {
      const uint8_t* r[3];
      int n = 0;
      for (int64_t ih = 2 * oh - top; ih < 2 * oh - top + 3; ++ih) {
        if (ih < 0 || ih >= in_h) continue;
        const int64_t slot = ih % 3;
        if (ready[slot] != ih) {
          RowMax3S2(xp + ih * in_w, in_w, left, out_w, flip, rows[slot]);
          ready[slot] = ih;
        }
        r[n++] = rows[slot];
      }
      uint8_t* __restrict out = yp + oh * out_w;
      if (n == 3) {  // every row but the edges: a loop the compiler vectorizes
        const uint8_t* __restrict r0 = r[0];
        const uint8_t* __restrict r1 = r[1];
        const uint8_t* __restrict r2 = r[2];
        for (int64_t ow = 0; ow < out_w; ++ow) {
          out[ow] = static_cast<uint8_t>(std::max(std::max(r0[ow], r1[ow]), r2[ow]) ^ flip);
        }
        continue;
      }
      // A window entirely in padding has no maximum: ref gives the lowest value (0 here).
      for (int64_t ow = 0; ow < out_w; ++ow) {
        uint8_t m = 0;
        for (int i = 0; i < n; ++i) m = std::max(m, r[i][ow]);
        out[ow] = static_cast<uint8_t>(m ^ flip);
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
    if (Separable3x3S2(g)) {
      if (plan.is_signed) {
        MaxPool3x3S2Planes(g, static_cast<const int8_t*>(x), static_cast<int8_t*>(y), p0, p1);
      } else {
        MaxPool3x3S2Planes(g, static_cast<const uint8_t*>(x), static_cast<uint8_t*>(y), p0, p1);
      }
    } else if (plan.is_signed) {
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
