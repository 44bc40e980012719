#include "devices/host/peak_kernels.h"

#if defined(__AVX512F__) || defined(__AVX2__)
#include <immintrin.h>
#endif
#if defined(__ARM_NEON)
#include <arm_neon.h>
#endif

namespace edgebench {

namespace {

// Values the compiler cannot see through, so it cannot fold the loops.
template <typename T>
T Opaque(T value) {
  volatile T hidden = value;
  return hidden;
}

// x -> x * 0.9999 + 0.0001 converges to 1: no overflow, no denormals.
constexpr float kFmaScale = 0.9999f;
constexpr float kFmaOffset = 0.0001f;

// --- FP32 FMA ------------------------------------------------------------

#if defined(__AVX512F__)
constexpr int kF32Chains = 16;  // of 32 zmm registers
double F32FmaAvx512(int64_t iterations) {
  const __m512 scale = _mm512_set1_ps(Opaque(kFmaScale));
  const __m512 offset = _mm512_set1_ps(Opaque(kFmaOffset));
  __m512 acc[kF32Chains];
  for (int c = 0; c < kF32Chains; ++c) acc[c] = _mm512_set1_ps(static_cast<float>(c));
  for (int64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 16
    for (int c = 0; c < kF32Chains; ++c) acc[c] = _mm512_fmadd_ps(acc[c], scale, offset);
  }
  for (int c = 1; c < kF32Chains; ++c) acc[0] = _mm512_add_ps(acc[0], acc[c]);
  // Stored and summed: GCC 12's _mm512_reduce_add_ps trips -Wuninitialized.
  float lanes[16];
  _mm512_storeu_ps(lanes, acc[0]);
  double sum = 0;
  for (float lane : lanes) sum += lane;
  return sum;
}
constexpr PeakKernel kFp32Kernel = {"f32_fma_avx512_16x16", kF32Chains * 16 * 2.0, F32FmaAvx512};

#elif defined(__AVX2__) && defined(__FMA__)
constexpr int kF32Chains = 12;  // of 16 ymm registers, leaving room for the constants
double F32FmaAvx2(int64_t iterations) {
  const __m256 scale = _mm256_set1_ps(Opaque(kFmaScale));
  const __m256 offset = _mm256_set1_ps(Opaque(kFmaOffset));
  __m256 acc[kF32Chains];
  for (int c = 0; c < kF32Chains; ++c) acc[c] = _mm256_set1_ps(static_cast<float>(c));
  for (int64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 12
    for (int c = 0; c < kF32Chains; ++c) acc[c] = _mm256_fmadd_ps(acc[c], scale, offset);
  }
  float lanes[8];
  for (int c = 1; c < kF32Chains; ++c) acc[0] = _mm256_add_ps(acc[0], acc[c]);
  _mm256_storeu_ps(lanes, acc[0]);
  double sum = 0;
  for (float lane : lanes) sum += lane;
  return sum;
}
constexpr PeakKernel kFp32Kernel = {"f32_fma_avx2_12x8", kF32Chains * 8 * 2.0, F32FmaAvx2};

#elif defined(__ARM_NEON) && defined(__aarch64__)
constexpr int kF32Chains = 16;  // of 32 v registers
double F32FmaNeon(int64_t iterations) {
  const float32x4_t scale = vdupq_n_f32(Opaque(kFmaScale));
  const float32x4_t offset = vdupq_n_f32(Opaque(kFmaOffset));
  float32x4_t acc[kF32Chains];
  for (int c = 0; c < kF32Chains; ++c) acc[c] = vdupq_n_f32(static_cast<float>(c));
  for (int64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 16
    for (int c = 0; c < kF32Chains; ++c) acc[c] = vfmaq_f32(offset, acc[c], scale);
  }
  for (int c = 1; c < kF32Chains; ++c) acc[0] = vaddq_f32(acc[0], acc[c]);
  return vaddvq_f32(acc[0]);
}
constexpr PeakKernel kFp32Kernel = {"f32_fma_neon_16x4", kF32Chains * 4 * 2.0, F32FmaNeon};

#else
// No FMA in this build: a multiply and an add, still 2 ops, in chains the
// compiler may vectorize.
constexpr int kF32Chains = 16;
double F32MulAddPortable(int64_t iterations) {
  const float scale = Opaque(kFmaScale);
  const float offset = Opaque(kFmaOffset);
  float acc[kF32Chains];
  for (int c = 0; c < kF32Chains; ++c) acc[c] = static_cast<float>(c);
  for (int64_t i = 0; i < iterations; ++i) {
    for (int c = 0; c < kF32Chains; ++c) acc[c] = acc[c] * scale + offset;
  }
  double sum = 0;
  for (float value : acc) sum += value;
  return sum;
}
constexpr PeakKernel kFp32Kernel = {"f32_muladd_portable_16", kF32Chains * 2.0, F32MulAddPortable};
#endif

// --- INT8 MAC ------------------------------------------------------------

#if defined(__AVX512VNNI__)
constexpr int kI8Chains = 16;
double I8DotAvx512Vnni(int64_t iterations) {
  const __m512i activations = _mm512_set1_epi8(static_cast<char>(Opaque(1)));  // read as u8
  const __m512i weights = _mm512_set1_epi8(static_cast<char>(Opaque(-1)));     // read as s8
  __m512i acc[kI8Chains];
  for (int c = 0; c < kI8Chains; ++c) acc[c] = _mm512_set1_epi32(c);
  for (int64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 16
    for (int c = 0; c < kI8Chains; ++c) acc[c] = _mm512_dpbusd_epi32(acc[c], activations, weights);
  }
  for (int c = 1; c < kI8Chains; ++c) acc[0] = _mm512_add_epi32(acc[0], acc[c]);
  int32_t lanes[16];
  _mm512_storeu_si512(lanes, acc[0]);
  double sum = 0;
  for (int32_t lane : lanes) sum += lane;
  return sum;
}
// vpdpbusd: 64 u8 x s8 MACs per zmm.
constexpr PeakKernel kInt8Kernel = {"i8_dot_avx512vnni_16x64", kI8Chains * 64 * 2.0, I8DotAvx512Vnni};

#elif defined(__AVX2__)
constexpr int kI8Chains = 8;
double I8DotAvx2(int64_t iterations) {
  __m256i activations = _mm256_set1_epi8(static_cast<char>(Opaque(1)));
  const __m256i weights = _mm256_set1_epi8(static_cast<char>(Opaque(-1)));
  const __m256i ones = _mm256_set1_epi16(1);
  __m256i acc[kI8Chains];
  for (int c = 0; c < kI8Chains; ++c) acc[c] = _mm256_set1_epi32(c);
  for (int64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 8
    for (int c = 0; c < kI8Chains; ++c) {
      // Says the activations may have changed, so each chain's products are
      // computed anew instead of hoisted out of the loop; emits nothing.
      asm volatile("" : "+x"(activations));
      const __m256i pairs = _mm256_maddubs_epi16(activations, weights);  // u8 x s8, pairs summed to s16
      acc[c] = _mm256_add_epi32(acc[c], _mm256_madd_epi16(pairs, ones));  // s16 pairs summed to s32
    }
  }
  int32_t lanes[8];
  for (int c = 1; c < kI8Chains; ++c) acc[0] = _mm256_add_epi32(acc[0], acc[c]);
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(lanes), acc[0]);
  double sum = 0;
  for (int32_t lane : lanes) sum += lane;
  return sum;
}
// vpmaddubsw: 32 u8 x s8 MACs per ymm.
constexpr PeakKernel kInt8Kernel = {"i8_dot_avx2_8x32", kI8Chains * 32 * 2.0, I8DotAvx2};

#elif defined(__ARM_FEATURE_DOTPROD)
constexpr int kI8Chains = 16;
double I8DotNeonSdot(int64_t iterations) {
  const int8x16_t activations = vdupq_n_s8(static_cast<int8_t>(Opaque(1)));
  const int8x16_t weights = vdupq_n_s8(static_cast<int8_t>(Opaque(-1)));
  int32x4_t acc[kI8Chains];
  for (int c = 0; c < kI8Chains; ++c) acc[c] = vdupq_n_s32(c);
  for (int64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 16
    for (int c = 0; c < kI8Chains; ++c) acc[c] = vdotq_s32(acc[c], activations, weights);
  }
  for (int c = 1; c < kI8Chains; ++c) acc[0] = vaddq_s32(acc[0], acc[c]);
  return static_cast<double>(vaddvq_s32(acc[0]));
}
// sdot: 16 s8 x s8 MACs per q register.
constexpr PeakKernel kInt8Kernel = {"i8_dot_neon_sdot_16x16", kI8Chains * 16 * 2.0, I8DotNeonSdot};

#else
constexpr int kI8Lanes = 64;
double I8DotPortable(int64_t iterations) {
  int8_t activations[kI8Lanes];
  int8_t weights[kI8Lanes];
  int32_t acc[kI8Lanes];
  for (int j = 0; j < kI8Lanes; ++j) {
    activations[j] = static_cast<int8_t>(Opaque(1));
    weights[j] = static_cast<int8_t>(Opaque(-1));
    acc[j] = j;
  }
  for (int64_t i = 0; i < iterations; ++i) {
    // The inputs may have changed (a compiler barrier, no code), so the
    // products are recomputed each iteration instead of hoisted.
    asm volatile("" : : "r"(activations), "r"(weights) : "memory");
    for (int j = 0; j < kI8Lanes; ++j) acc[j] += activations[j] * weights[j];
  }
  double sum = 0;
  for (int32_t value : acc) sum += value;
  return sum;
}
constexpr PeakKernel kInt8Kernel = {"i8_mac_portable_64", kI8Lanes * 2.0, I8DotPortable};
#endif

// --- Clock ---------------------------------------------------------------

constexpr int kAddsPerIteration = 64;
double AddChain(int64_t iterations) {
  uint64_t x = Opaque(uint64_t{1});
  const uint64_t step = Opaque(uint64_t{3});
  for (int64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 64
    for (int a = 0; a < kAddsPerIteration; ++a) {
      // A register-register add (immediate adds are eliminated at rename on
      // some Intel cores); the barrier keeps the compiler from summing the
      // chain into one multiply.
      x += step;
      asm volatile("" : "+r"(x));
    }
  }
  return static_cast<double>(x);
}
constexpr PeakKernel kAddChainKernel = {"u64_add_chain_64", kAddsPerIteration, AddChain};

}  // namespace

const PeakKernel& Fp32FmaKernel() { return kFp32Kernel; }
const PeakKernel& Int8DotKernel() { return kInt8Kernel; }
const PeakKernel& AddChainKernel() { return kAddChainKernel; }

}  // namespace edgebench
