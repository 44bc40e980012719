// AVX512-VNNI INT8 depthwise row (built with -mavx512f -mavx512bw -mavx512vl
// -mavx512vnni; called only when Int8IsaFor chose kAvx512Vnni). vpdpwssd
// multiplies the 16 int16 pairs of a register by a broadcast weight pair and
// adds each pair's sum into its int32 lane: two taps per instruction, exact
// (|x'|, |w'| <= 255), wrapping like ref's int32 sum.
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include "runtime/backends/native/int8_depthwise_kernels.h"
#include "runtime/backends/native/int8_depthwise_pack.h"

// GCC 12 reports the undefined vectors inside its own avx512fintrin.h
// intrinsics as maybe-uninitialized once they are inlined into a loop.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

namespace edgebench::native {
namespace {

constexpr int kLanes = 16;

// NV registers of 16 output pixels starting at pixel j; `width` bounds the stores.
template <int NV>
inline void DwBlock(const Int8DwRowArgs& a, int64_t j) {
  __m512i acc[NV];
#pragma GCC unroll 4
  for (int v = 0; v < NV; ++v) acc[v] = _mm512_set1_epi32(a.bias);
  for (int64_t p = 0; p < a.pairs; ++p) {
    const __m512i w = _mm512_set1_epi32(a.weights[p]);
    const int16_t* t = a.taps[p] + 2 * j;
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) acc[v] = _mm512_dpwssd_epi32(acc[v], _mm512_loadu_si512(t + 2 * kLanes * v), w);
  }
  // Requantize exactly as ref does: float(acc) * multiplier, round half to
  // even (the default MXCSR mode), + zero point, clamp, keep the low byte.
  const __m512 m = _mm512_set1_ps(a.multiplier);
  const __m512 zp = _mm512_set1_ps(a.y_zp);
  const __m512 lo = _mm512_set1_ps(a.lo);
  const __m512 hi = _mm512_set1_ps(a.hi);
#pragma GCC unroll 4
  for (int v = 0; v < NV; ++v) {
    const int64_t left = a.width - j - kLanes * v;
    if (left <= 0) break;
    __m512 f = _mm512_roundscale_ps(_mm512_mul_ps(_mm512_cvtepi32_ps(acc[v]), m),
                                    _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    f = _mm512_min_ps(_mm512_max_ps(_mm512_add_ps(f, zp), lo), hi);
    const __mmask16 mask =
        left >= kLanes ? static_cast<__mmask16>(0xffff) : static_cast<__mmask16>((1u << left) - 1u);
    _mm512_mask_cvtepi32_storeu_epi8(a.y + j + kLanes * v, mask, _mm512_cvtps_epi32(f));
  }
}

// Four registers at a time (64 pixels: the loads of one weight pair overlap),
// then single ones up to the row's end.
void DwRowAvx512Vnni_16(const Int8DwRowArgs& a) {
  int64_t j = 0;
  for (; j + 4 * kLanes <= a.width; j += 4 * kLanes) DwBlock<4>(a, j);
  for (; j < a.width; j += kLanes) DwBlock<1>(a, j);
}

}  // namespace

const Int8DepthwiseKernels& Avx512VnniInt8DepthwiseKernels() {
  static const Int8DepthwiseKernels kKernels = {Int8Isa::kAvx512Vnni, kLanes,
                                                int8_dw::PackPairRow<Int8Isa::kAvx512Vnni>, DwRowAvx512Vnni_16};
  return kKernels;
}

}  // namespace edgebench::native

#endif  // x86
