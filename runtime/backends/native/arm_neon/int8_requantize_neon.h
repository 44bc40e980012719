// The INT8 output step shared by the NEON tiles (int8_kernels.h,
// Int8OutputStep): requantize one row of NV registers of 4 int32 sums and
// store its nr bytes. Internal linkage on purpose: the dotprod unit is built
// with -march=armv8.2-a+dotprod, and one shared copy picked by the linker
// could carry ARMv8.2 code into the plain NEON path.
#pragma once

#if defined(__aarch64__)
#include <arm_neon.h>

#include <cstdint>
#include <cstring>

#include "runtime/backends/native/int8_kernels.h"

namespace edgebench::native {
namespace {

// y[j] = clamp(nearbyint(float(acc + row_offset - row_w_zp * col_sums[j]) *
// multiplier) + y_zp, lo, hi) for j < nr, as ref: FRINTN rounds half to
// even, XTN keeps the low byte.
template <int NV>
inline void RequantizeRowNeon(const int32x4_t* acc, const Int8OutputStep& o, int r, int64_t nr, uint8_t* y) {
  const int32x4_t off = vdupq_n_s32(o.row_offset[r]);
  const float32x4_t m = vdupq_n_f32(o.multiplier[r]);
  const float32x4_t lo = vdupq_n_f32(o.lo);
  const float32x4_t hi = vdupq_n_f32(o.hi);
  const float32x4_t zp = vdupq_n_f32(o.y_zp);
  uint8_t bytes[4 * NV];
#pragma GCC unroll 4
  for (int v = 0; v < NV; ++v) {
    int32x4_t s = vaddq_s32(acc[v], off);
    if (o.row_w_zp) s = vmlsq_s32(s, vdupq_n_s32(o.row_w_zp[r]), vld1q_s32(o.col_sums + 4 * v));
    float32x4_t f = vrndnq_f32(vmulq_f32(vcvtq_f32_s32(s), m));
    f = vminq_f32(vmaxq_f32(vaddq_f32(f, zp), lo), hi);
    const int16x4_t h = vmovn_s32(vcvtq_s32_f32(f));
    const uint8x8_t b = vreinterpret_u8_s8(vmovn_s16(vcombine_s16(h, h)));
    vst1_lane_u32(reinterpret_cast<uint32_t*>(bytes + 4 * v), vreinterpret_u32_u8(b), 0);
  }
  // Through a small buffer: NEON has no masked store.
  std::memcpy(y, bytes, static_cast<size_t>(nr));
}

// One pixel's 4 filters of a pixel tile (filters in the lanes, the panel's
// rows f0..f0+3): requantized as RequantizeRowNeon does, into 4 bytes at y.
inline void RequantizePixelNeon(int32x4_t acc, const Int8OutputStep& o, int64_t f0, int64_t pixel, uint8_t* y) {
  int32x4_t s = vaddq_s32(acc, vld1q_s32(o.row_offset + f0));
  if (o.row_w_zp) s = vmlsq_s32(s, vld1q_s32(o.row_w_zp + f0), vdupq_n_s32(o.col_sums[pixel]));
  float32x4_t f = vrndnq_f32(vmulq_f32(vcvtq_f32_s32(s), vld1q_f32(o.multiplier + f0)));
  f = vminq_f32(vmaxq_f32(vaddq_f32(f, vdupq_n_f32(o.y_zp)), vdupq_n_f32(o.lo)), vdupq_n_f32(o.hi));
  const int16x4_t h = vmovn_s32(vcvtq_s32_f32(f));
  const uint8x8_t b = vreinterpret_u8_s8(vmovn_s16(vcombine_s16(h, h)));
  vst1_lane_u32(reinterpret_cast<uint32_t*>(y), vreinterpret_u32_u8(b), 0);
}

}  // namespace
}  // namespace edgebench::native

#endif  // aarch64
