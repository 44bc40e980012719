#include "runtime/core/float16.h"

#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#define EB_FLOAT16_X86 1
#include <cpuid.h>
#include <immintrin.h>
#elif defined(__aarch64__)
#define EB_FLOAT16_AARCH64 1
#include <arm_neon.h>
#if defined(__linux__)
#include <asm/hwcap.h>
#include <sys/auxv.h>
#endif
#endif

namespace edgebench {
namespace {

uint32_t FloatBits(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, sizeof(bits));
  return bits;
}

float BitsFloat(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, sizeof(f));
  return f;
}

void Float16ToFloat32Portable(const uint16_t* src, float* dst, size_t n) {
  for (size_t i = 0; i < n; ++i) dst[i] = Float16ToFloat32(src[i]);
}

void Float32ToFloat16Portable(const float* src, uint16_t* dst, size_t n) {
  for (size_t i = 0; i < n; ++i) dst[i] = Float32ToFloat16(src[i]);
}

#if EB_FLOAT16_X86
// Compiled for F16C whatever the build's -march, and only called after the
// run-time check. Tails go through an 8-lane buffer so that every element
// takes the same instruction.
__attribute__((target("f16c,avx"))) void Float16ToFloat32F16c(const uint16_t* src, float* dst, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m128i h = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
    _mm256_storeu_ps(dst + i, _mm256_cvtph_ps(h));
  }
  if (i < n) {
    alignas(32) uint16_t h[8] = {};
    alignas(32) float f[8];
    std::memcpy(h, src + i, (n - i) * sizeof(uint16_t));
    _mm256_store_ps(f, _mm256_cvtph_ps(_mm_load_si128(reinterpret_cast<const __m128i*>(h))));
    std::memcpy(dst + i, f, (n - i) * sizeof(float));
  }
}

__attribute__((target("f16c,avx"))) void Float32ToFloat16F16c(const float* src, uint16_t* dst, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m128i h = _mm256_cvtps_ph(_mm256_loadu_ps(src + i), _MM_FROUND_TO_NEAREST_INT);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + i), h);
  }
  if (i < n) {
    alignas(32) float f[8] = {};
    alignas(32) uint16_t h[8];
    std::memcpy(f, src + i, (n - i) * sizeof(float));
    _mm_store_si128(reinterpret_cast<__m128i*>(h), _mm256_cvtps_ph(_mm256_load_ps(f), _MM_FROUND_TO_NEAREST_INT));
    std::memcpy(dst + i, h, (n - i) * sizeof(uint16_t));
  }
}

bool CpuHasAvx512Fp16() {
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
  return __builtin_cpu_supports("avx512fp16");
#else
  // CPUID leaf 7, sub-leaf 0: EDX bit 23 is AVX512-FP16 (Intel SDM vol. 2A, CPUID).
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return false;
  return (edx >> 23) & 1u;
#endif
}
#endif  // EB_FLOAT16_X86

#if EB_FLOAT16_AARCH64
// ARMv8-A has half<->single conversion in every NEON unit (FCVTL/FCVTN).
void Float16ToFloat32Neon(const uint16_t* src, float* dst, size_t n) {
  size_t i = 0;
  for (; i + 4 <= n; i += 4) vst1q_f32(dst + i, vcvt_f32_f16(vreinterpret_f16_u16(vld1_u16(src + i))));
  for (; i < n; ++i) dst[i] = Float16ToFloat32(src[i]);
}

void Float32ToFloat16Neon(const float* src, uint16_t* dst, size_t n) {
  size_t i = 0;
  for (; i + 4 <= n; i += 4) vst1_u16(dst + i, vreinterpret_u16_f16(vcvt_f16_f32(vld1q_f32(src + i))));
  for (; i < n; ++i) dst[i] = Float32ToFloat16(src[i]);
}
#endif  // EB_FLOAT16_AARCH64

}  // namespace

float Float16ToFloat32(uint16_t half) {
  const uint32_t sign = static_cast<uint32_t>(half & 0x8000u) << 16;
  const uint32_t exponent = (half >> 10) & 0x1Fu;
  uint32_t mantissa = half & 0x3FFu;
  if (exponent == 0x1F) return BitsFloat(sign | 0x7F800000u | (mantissa << 13));  // inf, NaN (payload kept)
  if (exponent != 0) return BitsFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));  // rebias 15 -> 127
  if (mantissa == 0) return BitsFloat(sign);
  // Subnormal: mantissa * 2^-24. Shift until the implicit bit appears; every
  // half subnormal is a normal float.
  uint32_t float_exponent = 113;  // 2^-14, the smallest normal half's exponent
  while ((mantissa & 0x400u) == 0) {
    mantissa <<= 1;
    --float_exponent;
  }
  return BitsFloat(sign | (float_exponent << 23) | ((mantissa & 0x3FFu) << 13));
}

uint16_t Float32ToFloat16(float value) {
  const uint32_t bits = FloatBits(value);
  const uint16_t sign = static_cast<uint16_t>((bits >> 16) & 0x8000u);
  const uint32_t magnitude = bits & 0x7FFFFFFFu;
  if (magnitude > 0x7F800000u) {  // NaN: keep the top payload bits, set the quiet bit
    return static_cast<uint16_t>(sign | 0x7E00u | ((magnitude >> 13) & 0x3FFu));
  }
  // 65520 is halfway between 65504 (the largest half, odd mantissa) and 2^16:
  // ties to even round it, and everything above, to infinity.
  if (magnitude >= 0x477FF000u) return static_cast<uint16_t>(sign | 0x7C00u);
  if (magnitude >= 0x38800000u) {  // normal half (>= 2^-14)
    // Add just under half an ulp, plus the kept lsb, so the carry rounds to
    // nearest even; a carry into the exponent is the right result too.
    const uint32_t rounded = magnitude + 0xFFFu + ((magnitude >> 13) & 1u);
    return static_cast<uint16_t>(sign | ((rounded - 0x38000000u) >> 13));  // rebias 127 -> 15
  }
  // Subnormal half: round(value * 2^24) to nearest even. value = m * 2^(e-150)
  // with the implicit bit in m, so the count is m >> (126 - e).
  const uint32_t exponent = magnitude >> 23;
  if (exponent < 102) return sign;  // below 2^-25: rounds to zero
  const uint32_t mantissa = (magnitude & 0x7FFFFFu) | 0x800000u;
  const uint32_t shift = 126 - exponent;  // 14..24
  uint32_t q = mantissa >> shift;
  const uint32_t rest = mantissa & ((1u << shift) - 1);
  const uint32_t half_ulp = 1u << (shift - 1);
  if (rest > half_ulp || (rest == half_ulp && (q & 1u))) ++q;  // may carry to 0x400, the smallest normal
  return static_cast<uint16_t>(sign | q);
}

const Float16Kernels& PortableFloat16Kernels() {
  static const Float16Kernels kPortable = {"portable", Float16ToFloat32Portable, Float32ToFloat16Portable};
  return kPortable;
}

const Float16Kernels& BestFloat16Kernels() {
#if EB_FLOAT16_X86
  static const Float16Kernels kF16c = {"f16c", Float16ToFloat32F16c, Float32ToFloat16F16c};
  static const bool has_f16c = __builtin_cpu_supports("f16c") && __builtin_cpu_supports("avx");
  if (has_f16c) return kF16c;
#elif EB_FLOAT16_AARCH64
  static const Float16Kernels kNeon = {"neon", Float16ToFloat32Neon, Float32ToFloat16Neon};
  return kNeon;
#endif
  return PortableFloat16Kernels();
}

void Float16ToFloat32(const uint16_t* src, float* dst, size_t n) { BestFloat16Kernels().to_float32(src, dst, n); }

void Float32ToFloat16(const float* src, uint16_t* dst, size_t n) { BestFloat16Kernels().to_float16(src, dst, n); }

Float16Arithmetic DetectFloat16Arithmetic() {
  const std::string storage_only = "FP16 is storage only: the runtime has no native FP16 kernels yet, so it converts "
                                   "with " + std::string(BestFloat16Kernels().isa) + " and computes in float32";
  Float16Arithmetic result;
#if EB_FLOAT16_X86
  result.available = CpuHasAvx512Fp16();
  result.reason = (result.available ? "CPU has AVX512-FP16; " : "x86 CPU without AVX512-FP16; ") + storage_only;
#elif EB_FLOAT16_AARCH64 && defined(__linux__)
  // FPHP: scalar FP16 arithmetic; ASIMDHP: vector (ARMv8.2-A FP16 extension).
  const unsigned long hwcap = getauxval(AT_HWCAP);
  result.available = (hwcap & HWCAP_FPHP) != 0 && (hwcap & HWCAP_ASIMDHP) != 0;
  result.reason = (result.available ? "CPU has ARMv8.2-A FP16 (fphp, asimdhp); "
                                    : "aarch64 CPU without ARMv8.2-A FP16 (no fphp/asimdhp); ") +
                  storage_only;
#else
  result.reason = "FP16 arithmetic detection is not implemented for this architecture; " + storage_only;
#endif
  return result;
}

}  // namespace edgebench
