// The pair-row packing of int8_depthwise_kernels.h as plain C++, included by
// each per-ISA unit so that the compiler vectorizes it for that unit's flags
// (the loops are unit-stride per phase; stride 1 and 2, MobileNet's, get
// their own instantiations so that the inner loops have constant steps).
// Every template takes the unit's Int8Isa, so that each unit's instantiation
// is its own symbol: identical ones would be merged by the linker, and an
// AVX-512 build of one could end up behind the scalar table.
#pragma once

#include <algorithm>
#include <cstdint>

#include "runtime/backends/native/int8_depthwise_kernels.h"

namespace edgebench::native::int8_dw {

constexpr int64_t CeilDiv(int64_t a, int64_t b) { return a <= 0 ? 0 : (a + b - 1) / b; }

// kStride 0: the stride is a.stride.
template <Int8Isa kIsa, typename T, int kStride>
void PackPairRowT(const Int8DwPackArgs& a) {
  const int64_t stride = kStride ? kStride : a.stride;
  const int64_t lanes = a.lanes;
  const int16_t zp = static_cast<int16_t>(a.x_zp);
  const T* r0 = static_cast<const T*>(a.row0);
  const T* r1 = static_cast<const T*>(a.row1);
  for (int64_t p = 0; p < stride; ++p) {
    int16_t* __restrict out = a.out + p * a.phase_stride;
    // Lanes [lo, hi) read X's columns; the others are padding (x' = 0).
    const int64_t lo = std::min(lanes, CeilDiv(a.left - p, stride));
    const int64_t hi = std::max(lo, std::min(lanes, CeilDiv(a.in_w + a.left - p, stride)));
    for (int64_t j = 0; j < 2 * lo; ++j) out[j] = 0;
    const int64_t first = p + lo * stride - a.left;
    const int64_t n = hi - lo;
    int16_t* __restrict o = out + 2 * lo;
    if (r0 && r1) {
      const T* __restrict s0 = r0 + first;
      const T* __restrict s1 = r1 + first;
      for (int64_t j = 0; j < n; ++j) {
        o[2 * j] = static_cast<int16_t>(static_cast<int16_t>(s0[j * stride]) - zp);
        o[2 * j + 1] = static_cast<int16_t>(static_cast<int16_t>(s1[j * stride]) - zp);
      }
    } else if (r0 || r1) {
      const T* __restrict s = (r0 ? r0 : r1) + first;
      const int q = r0 ? 0 : 1;
      for (int64_t j = 0; j < n; ++j) {
        o[2 * j + q] = static_cast<int16_t>(static_cast<int16_t>(s[j * stride]) - zp);
        o[2 * j + 1 - q] = 0;
      }
    } else {
      for (int64_t j = 0; j < 2 * n; ++j) o[j] = 0;
    }
    for (int64_t j = 2 * hi; j < 2 * lanes; ++j) out[j] = 0;
  }
}

template <Int8Isa kIsa, typename T>
void PackPairRowTyped(const Int8DwPackArgs& a) {
  if (a.stride == 1) {
    PackPairRowT<kIsa, T, 1>(a);
  } else if (a.stride == 2) {
    PackPairRowT<kIsa, T, 2>(a);
  } else {
    PackPairRowT<kIsa, T, 0>(a);
  }
}

template <Int8Isa kIsa>
void PackPairRow(const Int8DwPackArgs& a) {
  if (a.x_signed) {
    PackPairRowTyped<kIsa, int8_t>(a);
  } else {
    PackPairRowTyped<kIsa, uint8_t>(a);
  }
}

// One copy row's phase: lanes [0, lo) and [hi, lanes) are padding, the
// others X's bytes in[first + j * stride] (split so the loops vectorize).
template <Int8Isa kIsa, int kStride>
void CopyRowPhase(const uint8_t* in, int64_t first, int64_t lo, int64_t hi, int64_t lanes, int64_t stride,
                  uint8_t flip, uint8_t pad, uint8_t* __restrict row) {
  const int64_t step = kStride ? kStride : stride;
  for (int64_t j = 0; j < lo; ++j) row[j] = pad;
  const uint8_t* __restrict src = in + first;
  for (int64_t j = 0; j < hi - lo; ++j) row[lo + j] = static_cast<uint8_t>(src[j * step] ^ flip);
  for (int64_t j = hi; j < lanes; ++j) row[j] = pad;
}

template <Int8Isa kIsa>
void CopyRows(const Int8DwCopyArgs& a) {
  for (int64_t k = 0; k < a.rows; ++k) {
    const int64_t i = a.first_row + k * a.row_step - a.top;
    const uint8_t* in = i >= 0 && i < a.in_h ? a.x + i * a.in_w : nullptr;
    for (int64_t p = 0; p < a.phases; ++p) {
      uint8_t* row = a.out + p * a.phase_stride + k * a.lanes;
      // Lane j reads column p + phases * j - left: inside X for j in [lo, hi).
      const int64_t lo = in ? std::min(a.lanes, CeilDiv(a.left - p, a.phases)) : a.lanes;
      const int64_t hi = in ? std::max(lo, std::min(a.lanes, CeilDiv(a.in_w + a.left - p, a.phases))) : a.lanes;
      const int64_t first = p + lo * a.phases - a.left;
      if (a.phases == 1) {
        CopyRowPhase<kIsa, 1>(in, first, lo, hi, a.lanes, 1, a.flip, a.pad, row);
      } else if (a.phases == 2) {
        CopyRowPhase<kIsa, 2>(in, first, lo, hi, a.lanes, 2, a.flip, a.pad, row);
      } else {
        CopyRowPhase<kIsa, 0>(in, first, lo, hi, a.lanes, a.phases, a.flip, a.pad, row);
      }
    }
  }
}

template <Int8Isa kIsa>
void PairRows(const Int8DwPairArgs& a) {
  const uint8_t* __restrict b0 = a.b0;
  const uint8_t* __restrict b1 = a.b1;
  int16_t* __restrict out = a.out;
  const int16_t pad = a.pad;
  for (int64_t f = 0; f < a.count; ++f) {
    out[2 * f] = static_cast<int16_t>(b0[f] - pad);
    out[2 * f + 1] = static_cast<int16_t>(b1[f] - pad);
  }
}

template <Int8Isa kIsa>
void Unpad(const Int8DwUnpadArgs& a) {
  for (int64_t r = 0; r < a.rows; ++r) {
    const uint8_t* __restrict src = a.src + r * a.src_step;
    uint8_t* __restrict dst = a.dst + r * a.width;
    for (int64_t w = 0; w < a.width; ++w) dst[w] = src[w];
  }
}

}  // namespace edgebench::native::int8_dw
