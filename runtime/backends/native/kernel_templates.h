// The microkernels written once over a vector type V, instantiated by each
// per-ISA translation unit with its own V (x86_avx512/, x86_avx2/, scalar/).
// Everything here is a template on V, so that the instantiations of
// different ISAs have different symbols and the linker cannot mix them up.
//
// V provides: T (register type), kWidth (floats per register), Zero, Set1,
// Load, LoadN (first n lanes, rest 0, nothing read past them), LoadLanes(p,
// lo, hi) (lanes lo <= i < hi from p + i, rest 0, nothing else read), Store,
// StoreN, Fma(a, b, c) = a * b + c, Add, Max, Min, M (a lane mask), MaskOf(bits)
// (lane i on where bit i is set), LoadMaskedOr(p, m, fill) (masked-off lanes
// `fill` and not read), StoreMasked(p, v, m) (masked-off lanes not written);
// for the depthwise kernels below also
// LoadMasked(p, m) (masked-off lanes 0 and not read), Deinterleave(a, b,
// &even, &odd) (even lane i = lane 2i of a:b, odd lane i = lane 2i + 1),
// ShiftIn(a, b) (lanes 1 .. kWidth - 1 of a, then lane 0 of b), ShiftIn2
// (lanes 2 .. of a, then lanes 0, 1 of b) and FmaMasked(a, b, c, m) (a * b +
// c where m is on, c elsewhere).
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>

#include "runtime/backends/native/kernels.h"

namespace edgebench::native::templates {

// Lanes of register v that a run of n columns covers: 0 .. kWidth.
template <class V>
inline int64_t LanesOf(int64_t n, int v) {
  const int64_t left = n - static_cast<int64_t>(v) * V::kWidth;
  return left <= 0 ? 0 : (left >= V::kWidth ? V::kWidth : left);
}

// Where the NV registers of a wide tile's row land (GemmTileArgs::wq): per
// register, its runs of kept lanes that lie in one wide row, each a lane mask
// and the shift of its addresses (-rho * the dropped columns per row). A run
// holds at least one lane, so a register has at most kWidth of them.
template <class V, int NV>
struct WideRuns {
  typename V::M mask[NV][V::kWidth];
  int64_t shift[NV][V::kWidth];
  int count[NV];
};

// One pass over the tile's wide rows, no division: each row's kept lanes are
// split at register boundaries.
template <class V, int NV>
[[gnu::always_inline]] inline WideRuns<V, NV> WideRunsOf(const GemmTileArgs& a) {
  WideRuns<V, NV> runs;
  for (int v = 0; v < NV; ++v) runs.count[v] = 0;
  const int64_t dropped = a.wq - a.out_w;
  int64_t shift = 0;
  int64_t ow = a.first_ow;
  for (int64_t j = 0; j < a.nr; j += a.wq - ow, ow = 0, shift -= dropped) {
    const int64_t kept_end = std::min(a.nr, j + std::max<int64_t>(0, a.out_w - ow));
    for (int64_t b = j; b < kept_end;) {
      const int v = static_cast<int>(b / V::kWidth);
      const int64_t first = static_cast<int64_t>(v) * V::kWidth;
      const int64_t e = std::min(kept_end, first + V::kWidth);
      runs.mask[v][runs.count[v]] = V::MaskOf(((1u << (e - b)) - 1u) << (b - first));
      runs.shift[v][runs.count[v]] = shift;
      ++runs.count[v];
      b = e;
    }
  }
  return runs;
}

// The MR x (NV * kWidth) GEMM tile (kernels.h, GemmTileArgs). The k loop
// loads NV registers of x and broadcasts MR weights: MR * NV FMAs per step
// on MR * NV accumulators that stay in registers.
template <class V, int MR, int NV>
void GemmTile(const GemmTileArgs& a) {
  using T = typename V::T;
  constexpr int64_t kNr = static_cast<int64_t>(NV) * V::kWidth;
  T acc[MR][NV];
#pragma GCC unroll 32
  for (int r = 0; r < MR; ++r) {
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) acc[r][v] = V::Zero();
  }
  const float* w = a.w;
  if (a.nr == kNr) {
    for (int64_t t = 0; t < a.k; ++t, w += MR) {
      const float* x = a.x + a.offsets[t];
      T xv[NV];
#pragma GCC unroll 8
      for (int v = 0; v < NV; ++v) xv[v] = V::Load(x + v * V::kWidth);
#pragma GCC unroll 32
      for (int r = 0; r < MR; ++r) {
        const T wr = V::Set1(w[r]);
#pragma GCC unroll 8
        for (int v = 0; v < NV; ++v) acc[r][v] = V::Fma(wr, xv[v], acc[r][v]);
      }
    }
  } else {
    int64_t lanes[NV];
    for (int v = 0; v < NV; ++v) lanes[v] = LanesOf<V>(a.nr, v);
    for (int64_t t = 0; t < a.k; ++t, w += MR) {
      const float* x = a.x + a.offsets[t];
      T xv[NV];
#pragma GCC unroll 8
      for (int v = 0; v < NV; ++v) xv[v] = V::LoadN(x + v * V::kWidth, lanes[v]);
#pragma GCC unroll 32
      for (int r = 0; r < MR; ++r) {
        const T wr = V::Set1(w[r]);
#pragma GCC unroll 8
        for (int v = 0; v < NV; ++v) acc[r][v] = V::Fma(wr, xv[v], acc[r][v]);
      }
    }
  }

  // Output step: bias, the added tensor, the clamp; masked stores in the tail.
  const OutputStep& o = *a.out;
  const T lo = V::Set1(o.lo);
  const T hi = V::Set1(o.hi);
  // Wide tiles have a loop of their own: one loop for both, with a branch per
  // register, made SqueezeNet's first layer (kernel_bench) 8% slower.
  if (a.wq > 0) {
    const WideRuns<V, NV> runs = WideRunsOf<V, NV>(a);
#pragma GCC unroll 32
    for (int r = 0; r < MR; ++r) {
      if (r >= a.mr) break;
      float* y = a.y + r * a.ld_y;
      const T bias = V::Set1(o.bias ? o.bias[r] : 0.0f);
#pragma GCC unroll 8
      for (int v = 0; v < NV; ++v) {
        T s = V::Add(acc[r][v], bias);
        if (o.add) {
          const float* add = o.add + r * o.ld_add + v * V::kWidth;
          T z = V::Zero();
          for (int i = 0; i < runs.count[v]; ++i) z = V::LoadMaskedOr(add + runs.shift[v][i], runs.mask[v][i], z);
          s = V::Add(s, z);
        }
        s = V::Min(V::Max(s, lo), hi);
        for (int i = 0; i < runs.count[v]; ++i) V::StoreMasked(y + v * V::kWidth + runs.shift[v][i], s, runs.mask[v][i]);
      }
    }
    return;
  }
  // Unrolled so that every acc index is a constant: with a run-time row index
  // GCC keeps acc in memory and, in the masked k loop above, stores all of it
  // on every step (the masked loads might alias it), which halved the tail
  // tiles' speed (7x7 planes: half their tiles are tails).
#pragma GCC unroll 32
  for (int r = 0; r < MR; ++r) {
    if (r >= a.mr) break;
    float* y = a.y + r * a.ld_y;
    const T bias = V::Set1(o.bias ? o.bias[r] : 0.0f);
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) {
      const int64_t n = LanesOf<V>(a.nr, v);
      if (n == 0) break;
      T s = V::Add(acc[r][v], bias);
      if (o.add) s = V::Add(s, V::LoadN(o.add + r * o.ld_add + v * V::kWidth, n));
      s = V::Min(V::Max(s, lo), hi);
      if (n == V::kWidth) {
        V::Store(y + v * V::kWidth, s);
      } else {
        V::StoreN(y + v * V::kWidth, s, n);
      }
    }
  }
}

// PixelTileArgs with exactly PR pixels and NV registers of filters: per step
// NV weight loads and PR broadcasts of x feed PR * NV FMAs on PR * NV
// accumulators.
template <class V, int PR, int NV>
void PixelTileFixed(const PixelTileArgs& a) {
  using T = typename V::T;
  constexpr int64_t kNf = static_cast<int64_t>(NV) * V::kWidth;
  T acc[PR][NV];
#pragma GCC unroll 16
  for (int p = 0; p < PR; ++p) {
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) {
      acc[p][v] = a.accumulate ? V::Load(a.sums + p * kNf + v * V::kWidth) : V::Zero();
    }
  }
  const float* xp[PR];
#pragma GCC unroll 16
  for (int p = 0; p < PR; ++p) xp[p] = a.x + a.pixels[p];
  const float* w = a.w;
  for (int64_t t = 0; t < a.k; ++t, w += kNf) {
    const int64_t o = a.offsets[t];
    T wv[NV];
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) wv[v] = V::Load(w + v * V::kWidth);
#pragma GCC unroll 16
    for (int p = 0; p < PR; ++p) {
      const T xb = V::Set1(xp[p][o]);
#pragma GCC unroll 8
      for (int v = 0; v < NV; ++v) acc[p][v] = V::Fma(xb, wv[v], acc[p][v]);
    }
  }
#pragma GCC unroll 16
  for (int p = 0; p < PR; ++p) {
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) V::Store(a.sums + p * kNf + v * V::kWidth, acc[p][v]);
  }
}

// The pixel tile (kernels.h, PixelTileArgs) for any np <= PR: each count has
// its own instantiation, so that every accumulator index is a constant.
template <class V, int PR, int NV>
void PixelTile(const PixelTileArgs& a) {
  if constexpr (PR > 1) {
    if (a.np < PR) {
      PixelTile<V, PR - 1, NV>(a);
      return;
    }
  }
  PixelTileFixed<V, PR, NV>(a);
}

// One depthwise channel over a flat run (kernels.h, DepthwiseArgs), NV
// registers at a time so that NV independent FMA chains hide the latency.
template <class V, int NV>
void DepthwiseRun(const DepthwiseArgs& a) {
  using T = typename V::T;
  constexpr int64_t kStep = static_cast<int64_t>(NV) * V::kWidth;
  const T bias = V::Set1(a.bias);
  const T lo = V::Set1(a.lo);
  const T hi = V::Set1(a.hi);
  int64_t j = 0;
  for (; j + kStep <= a.n; j += kStep) {
    T acc[NV];
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) acc[v] = bias;
    for (int64_t t = 0; t < a.taps; ++t) {
      const T wt = V::Set1(a.w[t]);
      const float* x = a.x + a.offsets[t] + j;
#pragma GCC unroll 8
      for (int v = 0; v < NV; ++v) acc[v] = V::Fma(wt, V::Load(x + v * V::kWidth), acc[v]);
    }
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) V::Store(a.y + j + v * V::kWidth, V::Min(V::Max(acc[v], lo), hi));
  }
  for (; j < a.n; j += V::kWidth) {
    const int64_t n = a.n - j < V::kWidth ? a.n - j : V::kWidth;
    T acc = bias;
    for (int64_t t = 0; t < a.taps; ++t) {
      acc = V::Fma(V::Set1(a.w[t]), V::LoadN(a.x + a.offsets[t] + j, n), acc);
    }
    V::StoreN(a.y + j, V::Min(V::Max(acc, lo), hi), n);
  }
}

// Columns c .. c + kWidth - 1 of a row `width` wide; columns outside the row
// (pads) read as 0 and are not touched. Interior columns are one plain load.
template <class V>
inline typename V::T LoadColumns(const float* row, int64_t c, int64_t width) {
  if (c >= 0 && c + V::kWidth <= width) return V::Load(row + c);
  const int64_t lo = c < 0 ? -c : 0;
  const int64_t hi = width - c < V::kWidth ? width - c : V::kWidth;
  if (lo >= hi) return V::Zero();
  return V::LoadLanes(row + c, lo, hi);
}

// One pass of Depthwise3x3S1: output rows oh0 .. oh0 + rows - 1 (rows <= R)
// and columns ow .. ow + NV * kWidth - 1. kEdge passes may read columns
// outside the row (masked); interior ones are plain loads.
template <class V, int R, int NV, bool kEdge>
inline void Depthwise3x3Pass(const Depthwise3x3Args& a, const typename V::T* w, int64_t oh0, int64_t rows,
                             int64_t ow) {
  using T = typename V::T;
  T acc[R][NV];
  const T bias = V::Set1(a.bias);
#pragma GCC unroll 16
  for (int i = 0; i < R; ++i) {
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) acc[i][v] = bias;
  }
#pragma GCC unroll 18
  for (int r = 0; r < R + 2; ++r) {
    const int64_t ih = oh0 - a.pad_top + r;
    if (ih < 0 || ih >= a.in_h) continue;
    const float* row = a.x + ih * a.in_w;
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) {
      const int64_t c = ow + v * V::kWidth - a.pad_left;
      T x0, x1, x2;
      if (kEdge) {
        x0 = LoadColumns<V>(row, c, a.in_w);
        x1 = LoadColumns<V>(row, c + 1, a.in_w);
        x2 = LoadColumns<V>(row, c + 2, a.in_w);
      } else {
        x0 = V::Load(row + c);
        x1 = V::Load(row + c + 1);
        x2 = V::Load(row + c + 2);
      }
#pragma GCC unroll 16
      for (int i = 0; i < R; ++i) {
        const int kh = r - i;
        if (kh < 0 || kh > 2) continue;
        acc[i][v] = V::Fma(w[kh * 3 + 0], x0, acc[i][v]);
        acc[i][v] = V::Fma(w[kh * 3 + 1], x1, acc[i][v]);
        acc[i][v] = V::Fma(w[kh * 3 + 2], x2, acc[i][v]);
      }
    }
  }
  const T lo = V::Set1(a.lo);
  const T hi = V::Set1(a.hi);
  for (int i = 0; i < R; ++i) {
    if (i >= rows) break;
    float* y = a.y + (oh0 + i) * a.out_w + ow;
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) {
      const int64_t n = kEdge ? LanesOf<V>(a.out_w - ow, v) : V::kWidth;
      if (n == 0) break;
      const T s = V::Min(V::Max(acc[i][v], lo), hi);
      if (n == V::kWidth) {
        V::Store(y + v * V::kWidth, s);
      } else {
        V::StoreN(y + v * V::kWidth, s, n);
      }
    }
  }
}

// 3x3 stride-1 depthwise straight from the plane (kernels.h,
// Depthwise3x3Args): R output rows x NV registers of columns per pass. Each of
// the R + 2 input rows is loaded once at its three column shifts and feeds
// every output row it touches, so a pass costs 3 (R + 2) NV loads for 9 R NV
// FMAs on R * NV independent accumulators. Rows in the pads are skipped;
// column blocks whose shifted loads stay inside the row (and whose outputs
// are all valid) take the unmasked pass.
template <class V, int R, int NV>
void Depthwise3x3S1(const Depthwise3x3Args& a) {
  using T = typename V::T;
  constexpr int64_t kStep = static_cast<int64_t>(NV) * V::kWidth;
  T w[9];
#pragma GCC unroll 9
  for (int t = 0; t < 9; ++t) w[t] = V::Set1(a.w[t]);
  for (int64_t oh0 = 0; oh0 < a.out_h; oh0 += R) {
    // The last pass may hold fewer rows: it computes R and stores `rows`.
    const int64_t rows = a.out_h - oh0 < R ? a.out_h - oh0 : R;
    for (int64_t ow = 0; ow < a.out_w; ow += kStep) {
      const int64_t c = ow - a.pad_left;
      const bool interior = c >= 0 && c + kStep + 2 <= a.in_w && ow + kStep <= a.out_w;
      if (interior) {
        Depthwise3x3Pass<V, R, NV, false>(a, w, oh0, rows, ow);
      } else {
        Depthwise3x3Pass<V, R, NV, true>(a, w, oh0, rows, ow);
      }
    }
  }
}

// MaxPool over a flat run (kernels.h, MaxPoolArgs), NV registers at a time.
template <class V, int NV>
void MaxPoolRun(const MaxPoolArgs& a) {
  using T = typename V::T;
  constexpr int64_t kStep = static_cast<int64_t>(NV) * V::kWidth;
  int64_t j = 0;
  for (; j + kStep <= a.n; j += kStep) {
    T acc[NV];
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) acc[v] = V::Load(a.x + a.offsets[0] + j + v * V::kWidth);
    for (int64_t t = 1; t < a.taps; ++t) {
      const float* x = a.x + a.offsets[t] + j;
#pragma GCC unroll 8
      for (int v = 0; v < NV; ++v) acc[v] = V::Max(acc[v], V::Load(x + v * V::kWidth));
    }
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) V::Store(a.y + j + v * V::kWidth, acc[v]);
  }
  for (; j < a.n; j += V::kWidth) {
    const int64_t n = a.n - j < V::kWidth ? a.n - j : V::kWidth;
    T acc = V::LoadN(a.x + a.offsets[0] + j, n);
    for (int64_t t = 1; t < a.taps; ++t) acc = V::Max(acc, V::LoadN(a.x + a.offsets[t] + j, n));
    V::StoreN(a.y + j, acc, n);
  }
}

// Lanes of a register at columns c .. c + kWidth - 1 of a row `width` wide
// that fall inside the row, as bits (lane i: bit i).
template <class V>
inline uint32_t ColumnBits(int64_t c, int64_t width) {
  const int64_t lo = c < 0 ? -c : 0;
  const int64_t hi = width - c < V::kWidth ? width - c : V::kWidth;
  if (lo >= hi) return 0;
  const uint32_t below_hi = hi >= 32 ? ~0u : (1u << hi) - 1u;
  return below_hi & ~((1u << lo) - 1u);
}

// One pass of Depthwise3x3S2: output rows oh0 .. oh0 + rows - 1 (rows <= R),
// columns ow .. ow + NV * kWidth - 1, whose taps read input columns
// c .. c + 2 NV kWidth (c = 2 ow - pad_left). Each input row is loaded once
// as 2 NV registers plus the one column past them, deinterleaved into the
// even columns (tap 0), the odd ones (tap 1) and the even ones one further
// (tap 2: ShiftIn of the next register's first column); it feeds one or two
// output rows. kEdge passes mask the loads (masks computed once per pass) and
// the stores; kRows passes check that each input row lies inside the plane.
template <class V, int R, int NV, bool kEdge, bool kRows>
inline void Depthwise3x3S2Pass(const Depthwise3x3Args& a, const typename V::T* w, int64_t oh0, int64_t rows,
                               int64_t ow) {
  using T = typename V::T;
  using M = typename V::M;
  constexpr int64_t W = V::kWidth;
  T acc[R][NV];
  const T bias = V::Set1(a.bias);
#pragma GCC unroll 16
  for (int i = 0; i < R; ++i) {
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) acc[i][v] = bias;
  }
  const int64_t c = 2 * ow - a.pad_left;
  // Masks of the 2 NV loads (edge passes only); the last column is one
  // broadcast, or 0 in the right pad.
  M masks[2 * NV];
  if (kEdge) {
#pragma GCC unroll 16
    for (int m = 0; m < 2 * NV; ++m) masks[m] = V::MaskOf(ColumnBits<V>(c + m * W, a.in_w));
  }
  const bool last_inside = !kEdge || (c + 2 * NV * W >= 0 && c + 2 * NV * W < a.in_w);
#pragma GCC unroll 20
  for (int r = 0; r < 2 * R + 1; ++r) {
    const int64_t ih = 2 * oh0 - a.pad_top + r;
    if (kRows && (ih < 0 || ih >= a.in_h)) continue;
    const float* p = a.x + ih * a.in_w + c;
    T l[2 * NV + 1];
#pragma GCC unroll 17
    for (int m = 0; m < 2 * NV; ++m) l[m] = kEdge ? V::LoadMasked(p + m * W, masks[m]) : V::Load(p + m * W);
    l[2 * NV] = last_inside ? V::Set1(p[2 * NV * W]) : V::Zero();
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) {
      T x0, x1;
      V::Deinterleave(l[2 * v], l[2 * v + 1], &x0, &x1);
      const T x2 = V::ShiftIn(x0, l[2 * v + 2]);
#pragma GCC unroll 16
      for (int i = 0; i < R; ++i) {
        const int kh = r - 2 * i;
        if (kh < 0 || kh > 2) continue;
        acc[i][v] = V::Fma(w[kh * 3 + 0], x0, acc[i][v]);
        acc[i][v] = V::Fma(w[kh * 3 + 1], x1, acc[i][v]);
        acc[i][v] = V::Fma(w[kh * 3 + 2], x2, acc[i][v]);
      }
    }
  }
  const T lo = V::Set1(a.lo);
  const T hi = V::Set1(a.hi);
  for (int i = 0; i < R; ++i) {
    if (i >= rows) break;
    float* y = a.y + (oh0 + i) * a.out_w + ow;
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) {
      const int64_t n = kEdge ? LanesOf<V>(a.out_w - ow, v) : W;
      if (n == 0) break;
      const T s = V::Min(V::Max(acc[i][v], lo), hi);
      if (n == W) {
        V::Store(y + v * W, s);
      } else {
        V::StoreN(y + v * W, s, n);
      }
    }
  }
}

// 3x3 stride-2 depthwise straight from the plane (kernels.h,
// Depthwise3x3Args at stride 2): R output rows x NV registers of columns per
// pass, even and odd input columns split in registers, no copy. A pass costs
// (2 NV + 1) (2R + 1) loads and 3 NV (2R + 1) shuffles for 9 R NV FMAs.
// Passes whose input rows all lie inside the plane skip the row checks
// (branches on every row kept the accumulators in memory), and column blocks
// whose reads stay inside the row skip the masks.
template <class V, int R, int NV>
void Depthwise3x3S2(const Depthwise3x3Args& a) {
  using T = typename V::T;
  constexpr int64_t kStep = static_cast<int64_t>(NV) * V::kWidth;
  T w[9];
#pragma GCC unroll 9
  for (int t = 0; t < 9; ++t) w[t] = V::Set1(a.w[t]);
  for (int64_t oh0 = 0; oh0 < a.out_h; oh0 += R) {
    const int64_t rows = a.out_h - oh0 < R ? a.out_h - oh0 : R;
    const int64_t ih0 = 2 * oh0 - a.pad_top;
    const bool rows_inside = ih0 >= 0 && ih0 + 2 * R + 1 <= a.in_h;
    for (int64_t ow = 0; ow < a.out_w; ow += kStep) {
      const int64_t c = 2 * ow - a.pad_left;
      const bool interior = c >= 0 && c + 2 * kStep + 1 <= a.in_w && ow + kStep <= a.out_w;
      if (rows_inside) {
        if (interior) {
          Depthwise3x3S2Pass<V, R, NV, false, false>(a, w, oh0, rows, ow);
        } else {
          Depthwise3x3S2Pass<V, R, NV, true, false>(a, w, oh0, rows, ow);
        }
      } else {
        if (interior) {
          Depthwise3x3S2Pass<V, R, NV, false, true>(a, w, oh0, rows, ow);
        } else {
          Depthwise3x3S2Pass<V, R, NV, true, true>(a, w, oh0, rows, ow);
        }
      }
    }
  }
}

// One pass of MaxPool3x3S2: output rows oh0 .. oh0 + rows - 1 (rows <= R),
// columns ow .. ow + NV * kWidth - 1, over input columns c .. c + 2 NV kWidth
// (c = 2 ow - pad_left). Loads as in Depthwise3x3S2Pass (each input row once,
// 2 NV registers plus the column past them), but a max is separable: rows
// are maxed first, in place, into each output row's column maxima, and only
// those are split into even columns (tap 0), odd ones (tap 1) and the even
// ones one further (tap 2): one deinterleave per output row, not per input
// row. Taps outside the plane load as -infinity (kEdge: masks once per pass)
// or are skipped (kRows: rows outside the plane).
template <class V, int R, int NV, bool kEdge, bool kRows>
inline void MaxPool3x3S2Pass(const MaxPool3x3Args& a, int64_t oh0, int64_t rows, int64_t ow) {
  using T = typename V::T;
  using M = typename V::M;
  constexpr int64_t W = V::kWidth;
  const T none = V::Set1(-std::numeric_limits<float>::infinity());
  T cols[R][2 * NV + 1];  // per output row: the max over its three input rows
#pragma GCC unroll 16
  for (int i = 0; i < R; ++i) {
#pragma GCC unroll 17
    for (int m = 0; m <= 2 * NV; ++m) cols[i][m] = none;
  }
  const int64_t c = 2 * ow - a.pad_left;
  M masks[2 * NV];
  if (kEdge) {
#pragma GCC unroll 16
    for (int m = 0; m < 2 * NV; ++m) masks[m] = V::MaskOf(ColumnBits<V>(c + m * W, a.in_w));
  }
  const bool last_inside = !kEdge || (c + 2 * NV * W >= 0 && c + 2 * NV * W < a.in_w);
#pragma GCC unroll 20
  for (int r = 0; r < 2 * R + 1; ++r) {
    const int64_t ih = 2 * oh0 - a.pad_top + r;
    if (kRows && (ih < 0 || ih >= a.in_h)) continue;
    const float* p = a.x + ih * a.in_w + c;
    T l[2 * NV + 1];
#pragma GCC unroll 17
    for (int m = 0; m < 2 * NV; ++m) {
      l[m] = kEdge ? V::LoadMaskedOr(p + m * W, masks[m], none) : V::Load(p + m * W);
    }
    l[2 * NV] = last_inside ? V::Set1(p[2 * NV * W]) : none;
#pragma GCC unroll 16
    for (int i = 0; i < R; ++i) {
      const int kh = r - 2 * i;
      if (kh < 0 || kh > 2) continue;
#pragma GCC unroll 17
      for (int m = 0; m <= 2 * NV; ++m) {
        // Without row checks an output row's first input row always comes.
        cols[i][m] = !kRows && kh == 0 ? l[m] : V::Max(cols[i][m], l[m]);
      }
    }
  }
  for (int i = 0; i < R; ++i) {
    if (i >= rows) break;
    float* y = a.y + (oh0 + i) * a.out_w + ow;
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) {
      const int64_t n = kEdge ? LanesOf<V>(a.out_w - ow, v) : W;
      if (n == 0) break;
      T x0, x1;
      V::Deinterleave(cols[i][2 * v], cols[i][2 * v + 1], &x0, &x1);
      const T s = V::Max(V::Max(x0, x1), V::ShiftIn(x0, cols[i][2 * v + 2]));
      if (n == W) {
        V::Store(y + v * W, s);
      } else {
        V::StoreN(y + v * W, s, n);
      }
    }
  }
}

// 3x3 stride-2 max pool straight from the plane (kernels.h, MaxPool3x3Args):
// R output rows x NV registers of columns per pass, the pass skeleton of
// Depthwise3x3S2 (kept apart from it: the depthwise pass splits every input
// row, this one only the row maxima, and its pads are -infinity, not 0). A
// pass costs (2 NV + 1) (2R + 1) loads, about as many maxes, and 3 NV R
// shuffles.
template <class V, int R, int NV>
void MaxPool3x3S2(const MaxPool3x3Args& a) {
  constexpr int64_t kStep = static_cast<int64_t>(NV) * V::kWidth;
  for (int64_t oh0 = 0; oh0 < a.out_h; oh0 += R) {
    const int64_t rows = a.out_h - oh0 < R ? a.out_h - oh0 : R;
    const int64_t ih0 = 2 * oh0 - a.pad_top;
    const bool rows_inside = ih0 >= 0 && ih0 + 2 * R + 1 <= a.in_h;
    for (int64_t ow = 0; ow < a.out_w; ow += kStep) {
      const int64_t c = 2 * ow - a.pad_left;
      const bool interior = c >= 0 && c + 2 * kStep + 1 <= a.in_w && ow + kStep <= a.out_w;
      if (rows_inside) {
        if (interior) {
          MaxPool3x3S2Pass<V, R, NV, false, false>(a, oh0, rows, ow);
        } else {
          MaxPool3x3S2Pass<V, R, NV, true, false>(a, oh0, rows, ow);
        }
      } else {
        if (interior) {
          MaxPool3x3S2Pass<V, R, NV, false, true>(a, oh0, rows, ow);
        } else {
          MaxPool3x3S2Pass<V, R, NV, true, true>(a, oh0, rows, ow);
        }
      }
    }
  }
}

// 3x3 stride-1 depthwise over narrow planes, each one flat run (kernels.h,
// DepthwiseFlatArgs): a row of 5 columns fills a third of an avx512 register,
// a flat run fills all of it. Each kernel row kh is one contiguous run of X:
// register v's tap kw = 0 is that run's register, taps 1 and 2 shift the
// next register in (ShiftIn, ShiftIn2), so a register costs 3 loads for 9
// FMAs (one load per tap ran ~25% slower, best of 300 here). Lanes whose tap
// falls in a pad keep their sum (FmaMasked); the loads are masked only to
// the plane, so nothing outside X is read. The masks depend only on the
// position in the plane: they are computed once per chunk of kChunk
// registers and reused for every plane; the chunk's registers are kChunk
// independent FMA chains. Needs kWidth >= 2.
template <class V, int kChunk>
void Depthwise3x3S1Flat(const DepthwiseFlatArgs& a) {
  using T = typename V::T;
  using M = typename V::M;
  constexpr int64_t W = V::kWidth;
  static_assert(W >= 2, "taps 1 and 2 come from the next register");
  const int64_t n = a.out_h * a.width;
  const int64_t in_n = a.in_h * a.width;
  int64_t offsets[3];  // where kernel row kh's run starts, from output j
  for (int k = 0; k < 3; ++k) offsets[k] = (k - a.pad_top) * a.width - a.pad_left;
  const T lo = V::Set1(a.lo);
  const T hi = V::Set1(a.hi);
  for (int64_t j0 = 0; j0 < n; j0 += kChunk * W) {
    const int64_t left = n - j0;
    const int vectors = static_cast<int>(left >= kChunk * W ? kChunk : (left + W - 1) / W);
    M taps[kChunk][9];
    M loads[kChunk + 1][3];
    for (int v = 0; v <= vectors; ++v) {
      for (int k = 0; k < 3; ++k) loads[v][k] = V::MaskOf(ColumnBits<V>(j0 + v * W + offsets[k], in_n));
    }
    for (int v = 0; v < vectors; ++v) {
      uint32_t cols[3] = {0, 0, 0};
      uint32_t rows[3] = {0, 0, 0};
      const int64_t j = j0 + v * W;
      int64_t ow = j % a.width;
      for (int64_t l = 0; l < W && j + l < n; ++l, ow = ow + 1 == a.width ? 0 : ow + 1) {
        for (int k = 0; k < 3; ++k) {
          const int64_t iw = ow + k - a.pad_left;
          if (iw >= 0 && iw < a.width) cols[k] |= 1u << l;
          // Row oh + k - pad_top of column ow, flat: inside X iff in [ow, in_n).
          const int64_t f = j + l + (k - a.pad_top) * a.width;
          if (f >= ow && f < in_n) rows[k] |= 1u << l;
        }
      }
      for (int t = 0; t < 9; ++t) taps[v][t] = V::MaskOf(rows[t / 3] & cols[t % 3]);
    }
    for (int64_t i = 0; i < a.planes; ++i) {
      const float* x = a.x + i * in_n + j0;
      const float* wt = a.w + i * 9;
      T acc[kChunk];
      const T bias = V::Set1(a.bias[i]);
#pragma GCC unroll 16
      for (int v = 0; v < kChunk; ++v) acc[v] = bias;
#pragma GCC unroll 3
      for (int k = 0; k < 3; ++k) {
        const T w0 = V::Set1(wt[3 * k]);
        const T w1 = V::Set1(wt[3 * k + 1]);
        const T w2 = V::Set1(wt[3 * k + 2]);
        const float* p = x + offsets[k];
        T cur = V::LoadMasked(p, loads[0][k]);
#pragma GCC unroll 16
        for (int v = 0; v < kChunk; ++v) {
          if (v >= vectors) break;
          const T next = V::LoadMasked(p + (v + 1) * W, loads[v + 1][k]);
          acc[v] = V::FmaMasked(w0, cur, acc[v], taps[v][3 * k]);
          acc[v] = V::FmaMasked(w1, V::ShiftIn(cur, next), acc[v], taps[v][3 * k + 1]);
          acc[v] = V::FmaMasked(w2, V::ShiftIn2(cur, next), acc[v], taps[v][3 * k + 2]);
          cur = next;
        }
      }
      float* y = a.y + i * n + j0;
#pragma GCC unroll 16
      for (int v = 0; v < kChunk; ++v) {
        if (v >= vectors) break;
        const T s = V::Min(V::Max(acc[v], lo), hi);
        const int64_t lanes = left - v * W;
        if (lanes >= W) {
          V::Store(y + v * W, s);
        } else {
          V::StoreN(y + v * W, s, lanes);
        }
      }
    }
  }
}

}  // namespace edgebench::native::templates
