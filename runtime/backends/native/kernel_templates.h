// The microkernels written once over a vector type V, instantiated by each
// per-ISA translation unit with its own V (x86_avx512/, x86_avx2/, scalar/).
// Everything here is a template on V, so that the instantiations of
// different ISAs have different symbols and the linker cannot mix them up.
//
// V provides: T (register type), kWidth (floats per register), Zero, Set1,
// Load, LoadN (first n lanes, rest 0, nothing read past them), Store,
// StoreN, Fma(a, b, c) = a * b + c, Add, Max, Min.
#pragma once

#include <cstdint>

#include "runtime/backends/native/kernels.h"

namespace edgebench::native::templates {

// Lanes of register v that a run of n columns covers: 0 .. kWidth.
template <class V>
inline int64_t LanesOf(int64_t n, int v) {
  const int64_t left = n - static_cast<int64_t>(v) * V::kWidth;
  return left <= 0 ? 0 : (left >= V::kWidth ? V::kWidth : left);
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

}  // namespace edgebench::native::templates
