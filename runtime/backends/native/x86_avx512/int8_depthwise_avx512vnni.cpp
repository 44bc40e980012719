// AVX512-VNNI INT8 depthwise run (built with -mavx512f -mavx512bw -mavx512vl
// -mavx512vnni; called only when Int8IsaFor chose kAvx512Vnni). vpdpwssd
// multiplies the 16 int16 pairs of a register by a broadcast weight pair and
// adds each pair's sum into its int32 lane: two taps per instruction, exact
// (|x'|, |w'| <= 255), wrapping like ref's int32 sum. Pair rows for strides
// 1 and 2 are packed with masked byte loads and vpermt2w.
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include <algorithm>
#include <cstdint>
#include <type_traits>

#include "runtime/backends/native/int8_depthwise_kernels.h"
#include "runtime/backends/native/int8_depthwise_pack.h"

// GCC 12 reports the undefined vectors inside its own avx512fintrin.h
// intrinsics as maybe-uninitialized once they are inlined into a loop.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

namespace edgebench::native {
namespace {

constexpr int kLanes = 16;

inline __mmask64 FirstBytes(int64_t n) { return n >= 64 ? ~__mmask64{0} : (__mmask64{1} << n) - 1; }

// NV registers of 16 outputs starting at output j; `count` bounds the
// stores. kPairs > 0: the run has that many pairs, and their broadcast
// weights come in w (kept in registers across blocks); 0: any count.
template <int NV, int kPairs>
inline void DwBlock(const Int8DwRunArgs& a, const __m512i* w, int64_t j) {
  __m512i acc[NV];
#pragma GCC unroll 4
  for (int v = 0; v < NV; ++v) acc[v] = _mm512_set1_epi32(a.bias);
  const int64_t pairs = kPairs > 0 ? kPairs : a.pairs;
#pragma GCC unroll 8
  for (int64_t p = 0; p < pairs; ++p) {
    const __m512i wp = kPairs > 0 ? w[p] : _mm512_set1_epi32(a.weights[p]);
    const int16_t* t = a.taps[p] + 2 * j;
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) acc[v] = _mm512_dpwssd_epi32(acc[v], _mm512_loadu_si512(t + 2 * kLanes * v), wp);
  }
  // Requantize exactly as ref does: float(acc) * multiplier, round half to
  // even (the default MXCSR mode), + zero point, clamp, keep the low byte.
  const __m512 m = _mm512_set1_ps(a.multiplier);
  const __m512 zp = _mm512_set1_ps(a.y_zp);
  const __m512 lo = _mm512_set1_ps(a.lo);
  const __m512 hi = _mm512_set1_ps(a.hi);
#pragma GCC unroll 4
  for (int v = 0; v < NV; ++v) {
    const int64_t left = a.count - j - kLanes * v;
    if (left <= 0) break;
    __m512 f = _mm512_roundscale_ps(_mm512_mul_ps(_mm512_cvtepi32_ps(acc[v]), m),
                                    _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    f = _mm512_min_ps(_mm512_max_ps(_mm512_add_ps(f, zp), lo), hi);
    const __mmask16 mask =
        left >= kLanes ? static_cast<__mmask16>(0xffff) : static_cast<__mmask16>((1u << left) - 1u);
    _mm512_mask_cvtepi32_storeu_epi8(a.y + j + kLanes * v, mask, _mm512_cvtps_epi32(f));
  }
}

// Four registers at a time (64 outputs per weight broadcast), the rest in
// one block of as many registers as it needs: independent accumulators hide
// vpdpwssd's latency on short runs too (a 7x7 plane's run is 61 outputs).
template <int kPairs>
void DwRun(const Int8DwRunArgs& a) {
  __m512i w[kPairs > 0 ? kPairs : 1];
#pragma GCC unroll 8
  for (int p = 0; p < kPairs; ++p) w[p] = _mm512_set1_epi32(a.weights[p]);
  int64_t j = 0;
  for (; j + 4 * kLanes <= a.count; j += 4 * kLanes) DwBlock<4, kPairs>(a, w, j);
  switch ((a.count - j + kLanes - 1) / kLanes) {
    case 4: DwBlock<4, kPairs>(a, w, j); break;
    case 3: DwBlock<3, kPairs>(a, w, j); break;
    case 2: DwBlock<2, kPairs>(a, w, j); break;
    case 1: DwBlock<1, kPairs>(a, w, j); break;
    default: break;
  }
}

// 3x3 kernels (6 pairs) get their weights held in registers.
void DwRunAvx512Vnni_16(const Int8DwRunArgs& a) {
  if (a.pairs == 6) {
    DwRun<6>(a);
  } else {
    DwRun<0>(a);
  }
}

// 32 lanes of one phase as int16 x - x_zp: bytes src[0], src[S], ...,
// src[S * (n - 1)] (n <= 32), the rest 0; null src (a padding row) gives 0.
// Masked loads never touch the bytes past the last one read.
template <typename T, int S>
inline __m512i LoadLanes(const T* src, int64_t n, __m512i zp) {
  if (src == nullptr) return _mm512_setzero_si512();
  __m512i v;
  if constexpr (S == 1) {
    const __m256i bytes = _mm256_maskz_loadu_epi8(n >= 32 ? ~__mmask32{0} : (__mmask32{1} << n) - 1, src);
    v = std::is_signed_v<T> ? _mm512_cvtepi8_epi16(bytes) : _mm512_cvtepu8_epi16(bytes);
  } else {
    // The even bytes of 2n - 1, as int16 (sign- or zero-extended within each word).
    const __m512i bytes = _mm512_maskz_loadu_epi8((__mmask64{1} << (2 * n - 1)) - 1, src);
    v = std::is_signed_v<T> ? _mm512_srai_epi16(_mm512_slli_epi16(bytes, 8), 8)
                            : _mm512_and_si512(bytes, _mm512_set1_epi16(0x00ff));
  }
  const __mmask32 live = n >= 32 ? ~__mmask32{0} : (__mmask32{1} << n) - 1;
  return _mm512_maskz_sub_epi16(live, v, zp);
}

// PackPairRowT (int8_depthwise_pack.h) for strides 1 and 2, 32 lanes at a
// time: the two rows' lanes loaded as int16 and interleaved by vpermt2w.
template <typename T, int S>
void PackPairRowAvx512(const Int8DwPackArgs& a) {
  alignas(64) static constexpr int16_t kFirst[32] = {0, 32, 1, 33, 2, 34, 3, 35, 4, 36, 5, 37, 6, 38, 7, 39,
                                                     8, 40, 9, 41, 10, 42, 11, 43, 12, 44, 13, 45, 14, 46, 15, 47};
  alignas(64) static constexpr int16_t kSecond[32] = {16, 48, 17, 49, 18, 50, 19, 51, 20, 52, 21, 53, 22, 54, 23, 55,
                                                      24, 56, 25, 57, 26, 58, 27, 59, 28, 60, 29, 61, 30, 62, 31, 63};
  const __m512i first_half = _mm512_load_si512(kFirst);
  const __m512i second_half = _mm512_load_si512(kSecond);
  const __m512i zp = _mm512_set1_epi16(static_cast<int16_t>(a.x_zp));
  const T* r0 = static_cast<const T*>(a.row0);
  const T* r1 = static_cast<const T*>(a.row1);
  for (int64_t p = 0; p < S; ++p) {
    int16_t* out = a.out + p * a.phase_stride;
    const int64_t lo = std::min(a.lanes, int8_dw::CeilDiv(a.left - p, S));
    const int64_t hi = std::max(lo, std::min(a.lanes, int8_dw::CeilDiv(a.in_w + a.left - p, S)));
    for (int64_t j = 0; j < 2 * lo; ++j) out[j] = 0;
    const int64_t first = p + lo * S - a.left;
    for (int64_t j = lo; j < hi; j += 32) {
      const int64_t n = std::min<int64_t>(32, hi - j);
      const int64_t at = first + (j - lo) * S;
      const __m512i v0 = LoadLanes<T, S>(r0 ? r0 + at : nullptr, n, zp);
      const __m512i v1 = LoadLanes<T, S>(r1 ? r1 + at : nullptr, n, zp);
      const __m512i pairs0 = _mm512_permutex2var_epi16(v0, first_half, v1);
      const __m512i pairs1 = _mm512_permutex2var_epi16(v0, second_half, v1);
      if (n == 32) {
        _mm512_storeu_si512(out + 2 * j, pairs0);
        _mm512_storeu_si512(out + 2 * j + 32, pairs1);
      } else {
        const int64_t words = 2 * n;  // int16 to store, < 64
        const __mmask32 m0 = words >= 32 ? ~__mmask32{0} : (__mmask32{1} << words) - 1;
        const __mmask32 m1 = words > 32 ? (__mmask32{1} << (words - 32)) - 1 : 0;
        _mm512_mask_storeu_epi16(out + 2 * j, m0, pairs0);
        _mm512_mask_storeu_epi16(out + 2 * j + 32, m1, pairs1);
      }
    }
    for (int64_t j = 2 * hi; j < 2 * a.lanes; ++j) out[j] = 0;
  }
}

template <typename T>
void PackPairRowTyped(const Int8DwPackArgs& a) {
  if (a.stride == 1) {
    PackPairRowAvx512<T, 1>(a);
  } else if (a.stride == 2) {
    PackPairRowAvx512<T, 2>(a);
  } else {
    int8_dw::PackPairRowT<Int8Isa::kAvx512Vnni, T, 0>(a);
  }
}

void PackPairRowAvx512Vnni(const Int8DwPackArgs& a) {
  if (a.x_signed) {
    PackPairRowTyped<int8_t>(a);
  } else {
    PackPairRowTyped<uint8_t>(a);
  }
}

// CopyRows (int8_depthwise_pack.h), 64 padded columns at a time: a masked
// load over the pad byte (the bytes outside X are never read), for two
// phases split into even and odd bytes by vpmovwb; whole-vector stores, whose
// bytes past a row are rewritten by the next row or land in the slack.
void CopyRowsAvx512Vnni(const Int8DwCopyArgs& a) {
  const __m512i pad = _mm512_set1_epi8(static_cast<char>(a.pad));
  const __m512i flip = _mm512_set1_epi8(static_cast<char>(a.flip));
  const int64_t columns = a.phases * a.lanes;  // padded columns per copy row
  const int64_t in_h = a.in_h, in_w = a.in_w, left = a.left, lanes = a.lanes;
  auto store = [&](uint8_t* row, int64_t c0, __m512i v) {
    if (a.phases == 1) {
      _mm512_storeu_si512(row + c0, v);
    } else {
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(row + c0 / 2), _mm512_cvtepi16_epi8(v));
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(row + a.phase_stride + c0 / 2),
                          _mm512_cvtepi16_epi8(_mm512_srli_epi16(v, 8)));
    }
  };
  if (columns <= 16) {
    // Rows of 16 bytes at most (7x7 and DS-CNN's 25x5 planes): xmm moves,
    // since a 64-byte store per short row cost more than everything else here.
    const auto m = static_cast<__mmask16>(FirstBytes(std::min<int64_t>(left + in_w, 16)) & ~FirstBytes(left));
    const __m128i pad16 = _mm512_castsi512_si128(pad);
    const __m128i flip16 = _mm512_castsi512_si128(flip);
    for (int64_t k = 0; k < a.rows; ++k) {
      const int64_t i = a.first_row + k * a.row_step - a.top;
      __m128i v = pad16;
      if (i >= 0 && i < in_h) {
        const auto* src = reinterpret_cast<const void*>(reinterpret_cast<uintptr_t>(a.x + i * in_w) -
                                                        static_cast<uintptr_t>(left));
        v = _mm_mask_blend_epi8(m, pad16, _mm_xor_si128(_mm_maskz_loadu_epi8(m, src), flip16));
      }
      uint8_t* row = a.out + k * lanes;
      if (a.phases == 1) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(row), v);
      } else {
        _mm_storel_epi64(reinterpret_cast<__m128i*>(row), _mm_cvtepi16_epi8(v));
        _mm_storel_epi64(reinterpret_cast<__m128i*>(row + a.phase_stride), _mm_cvtepi16_epi8(_mm_srli_epi16(v, 8)));
      }
    }
    return;
  }
  if (columns <= 64) {
    // Rows of one chunk (late and narrow layers): one mask for every row.
    const __mmask64 m = FirstBytes(std::min<int64_t>(left + in_w, 64)) & ~FirstBytes(left);
    for (int64_t k = 0; k < a.rows; ++k) {
      const int64_t i = a.first_row + k * a.row_step - a.top;
      __m512i v = pad;
      if (i >= 0 && i < in_h) {
        const auto* src = reinterpret_cast<const void*>(reinterpret_cast<uintptr_t>(a.x + i * in_w) -
                                                        static_cast<uintptr_t>(left));
        v = _mm512_mask_blend_epi8(m, pad, _mm512_xor_si512(_mm512_maskz_loadu_epi8(m, src), flip));
      }
      store(a.out + k * lanes, 0, v);
    }
    return;
  }
  for (int64_t k = 0; k < a.rows; ++k) {
    const int64_t i = a.first_row + k * a.row_step - a.top;
    const bool inside = i >= 0 && i < in_h;
    // Padded column c reads X's column c - left.
    const auto base = reinterpret_cast<uintptr_t>(a.x + i * in_w) - static_cast<uintptr_t>(left);
    uint8_t* row = a.out + k * lanes;
    for (int64_t c0 = 0; c0 < columns; c0 += 64) {
      __m512i v = pad;
      const int64_t from = std::max<int64_t>(left - c0, 0), to = std::min<int64_t>(left + in_w - c0, 64);
      if (inside && from < to) {
        const __mmask64 m = FirstBytes(to) & ~FirstBytes(from);
        const auto* src = reinterpret_cast<const void*>(base + static_cast<uintptr_t>(c0));
        v = _mm512_mask_blend_epi8(m, pad, _mm512_xor_si512(_mm512_maskz_loadu_epi8(m, src), flip));
      }
      store(row, c0, v);
    }
  }
}

// PairRows (int8_depthwise_pack.h), 32 pairs at a time interleaved by vpermt2w.
void PairRowsAvx512Vnni(const Int8DwPairArgs& a) {
  alignas(64) static constexpr int16_t kFirst[32] = {0, 32, 1, 33, 2, 34, 3, 35, 4, 36, 5, 37, 6, 38, 7, 39,
                                                     8, 40, 9, 41, 10, 42, 11, 43, 12, 44, 13, 45, 14, 46, 15, 47};
  alignas(64) static constexpr int16_t kSecond[32] = {16, 48, 17, 49, 18, 50, 19, 51, 20, 52, 21, 53, 22, 54, 23, 55,
                                                      24, 56, 25, 57, 26, 58, 27, 59, 28, 60, 29, 61, 30, 62, 31, 63};
  const __m512i first_half = _mm512_load_si512(kFirst);
  const __m512i second_half = _mm512_load_si512(kSecond);
  const __m512i zp = _mm512_set1_epi16(static_cast<int16_t>(a.pad));
  const uint8_t* b0 = a.b0;
  const uint8_t* b1 = a.b1;
  int16_t* out = a.out;
  const int64_t count = a.count;
  for (int64_t f = 0; f < count; f += 32) {
    const int64_t n = std::min<int64_t>(32, count - f);
    const __mmask32 m = n >= 32 ? ~__mmask32{0} : (__mmask32{1} << n) - 1;
    const __m512i v0 = _mm512_sub_epi16(_mm512_cvtepu8_epi16(_mm256_maskz_loadu_epi8(m, b0 + f)), zp);
    const __m512i v1 = _mm512_sub_epi16(_mm512_cvtepu8_epi16(_mm256_maskz_loadu_epi8(m, b1 + f)), zp);
    const __m512i pairs0 = _mm512_permutex2var_epi16(v0, first_half, v1);
    const __m512i pairs1 = _mm512_permutex2var_epi16(v0, second_half, v1);
    if (n == 32) {
      _mm512_storeu_si512(out + 2 * f, pairs0);
      _mm512_storeu_si512(out + 2 * f + 32, pairs1);
    } else {
      const int64_t words = 2 * n;
      const __mmask32 m0 = words >= 32 ? ~__mmask32{0} : (__mmask32{1} << words) - 1;
      const __mmask32 m1 = words > 32 ? (__mmask32{1} << (words - 32)) - 1 : 0;
      _mm512_mask_storeu_epi16(out + 2 * f, m0, pairs0);
      _mm512_mask_storeu_epi16(out + 2 * f + 32, m1, pairs1);
    }
  }
}

// The gather of int8_depthwise_kernels.h: per chunk, one masked load of its
// 64-byte window widened to two registers of int16, and one vpermt2w.
void GatherPairsAvx512Vnni(const Int8DwGatherArgs& a) {
  const __m512i zp = _mm512_set1_epi16(static_cast<int16_t>(a.x_zp));
  for (int64_t i = 0; i < a.count; ++i) {
    const Int8DwGatherChunk& c = a.chunks[i];
    const __m512i window = _mm512_maskz_loadu_epi8(c.load, a.x + c.start);
    const __m256i low = _mm512_castsi512_si256(window), high = _mm512_extracti64x4_epi64(window, 1);
    const __m512i lo = a.x_signed ? _mm512_cvtepi8_epi16(low) : _mm512_cvtepu8_epi16(low);
    const __m512i hi = a.x_signed ? _mm512_cvtepi8_epi16(high) : _mm512_cvtepu8_epi16(high);
    const __m512i v = _mm512_maskz_permutex2var_epi16(c.live, lo, _mm512_load_si512(c.index), hi);
    _mm512_storeu_si512(a.out + c.out, _mm512_maskz_sub_epi16(c.live, v, zp));
  }
}

// The table unpad of int8_depthwise_kernels.h: per chunk, its window as two
// registers of int16, one vpermt2w, and vpmovwb back to 32 bytes.
void UnpadGatherAvx512Vnni(const Int8DwUnpadGatherArgs& a) {
  for (int64_t i = 0; i < a.count; ++i) {
    const Int8DwUnpadChunk& c = a.chunks[i];
    const __m512i window = _mm512_maskz_loadu_epi8(c.load, a.src + c.start);
    const __m512i lo = _mm512_cvtepu8_epi16(_mm512_castsi512_si256(window));
    const __m512i hi = _mm512_cvtepu8_epi16(_mm512_extracti64x4_epi64(window, 1));
    const __m256i bytes = _mm512_cvtepi16_epi8(_mm512_permutex2var_epi16(lo, _mm512_load_si512(c.index), hi));
    auto* dst = reinterpret_cast<__m256i*>(a.dst + 32 * i);
    if (c.bytes == 32) {
      _mm256_storeu_si256(dst, bytes);
    } else {
      _mm256_mask_storeu_epi8(dst, static_cast<__mmask32>(FirstBytes(c.bytes)), bytes);
    }
  }
}

// Unpad (int8_depthwise_pack.h) with byte moves of a vector, no call per
// row: rows of up to 64 bytes are one whole store each (rewritten past the
// row by the next one) while a vector fits in what is left of dst, masked after.
void UnpadAvx512Vnni(const Int8DwUnpadArgs& a) {
  int64_t r = 0;
  if (a.width <= 16) {
    const auto m = static_cast<__mmask16>(FirstBytes(a.width));
    for (; r < a.rows && (r * a.width + 16 <= a.rows * a.width); ++r) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(a.dst + r * a.width),
                       _mm_maskz_loadu_epi8(m, a.src + r * a.src_step));
    }
  } else if (a.width <= 64) {
    const __mmask64 m = FirstBytes(a.width);
    for (; r < a.rows && (r * a.width + 64 <= a.rows * a.width); ++r) {
      _mm512_storeu_si512(a.dst + r * a.width, _mm512_maskz_loadu_epi8(m, a.src + r * a.src_step));
    }
  }
  for (; r < a.rows; ++r) {
    const uint8_t* src = a.src + r * a.src_step;
    uint8_t* dst = a.dst + r * a.width;
    for (int64_t w = 0; w < a.width; w += 64) {
      const __mmask64 m = FirstBytes(a.width - w);
      _mm512_mask_storeu_epi8(dst + w, m, _mm512_maskz_loadu_epi8(m, src + w));
    }
  }
}

}  // namespace

const Int8DepthwiseKernels& Avx512VnniInt8DepthwiseKernels() {
  static const Int8DepthwiseKernels kKernels = {Int8Isa::kAvx512Vnni, kLanes,
                                                PackPairRowAvx512Vnni,
                                                CopyRowsAvx512Vnni, PairRowsAvx512Vnni, DwRunAvx512Vnni_16,
                                                UnpadAvx512Vnni, GatherPairsAvx512Vnni, UnpadGatherAvx512Vnni};
  return kKernels;
}

}  // namespace edgebench::native

#endif  // x86
