// NEON dotprod INT8 tile (built with -march=armv8.2-a+dotprod; called only
// when Int8IsaFor chose kNeonDot). SDOT adds each group of 4 s8 x s8
// products into an int32 lane, like vpdpbusd, but both operands are signed:
// the u8 activations are flipped to s8 (x ^ 0x80 = x - 128) and the kernel
// table's x_offset = 128 makes the plan add 128 * sum(w) back into each
// row's offset (int8_kernels.h), so the sums equal the u8 x s8 ones exactly.
#if defined(__aarch64__)
#include <arm_neon.h>

#include <cstring>

#include "runtime/backends/native/int8_kernels.h"

namespace edgebench::native {
namespace {

// MR rows x NV registers of 4 columns: 8 x 3 keeps 24 accumulators, 3 column
// loads, 2 weight registers (4 rows each, taken by lane) and the flip mask in
// the 32 q registers.
template <int MR, int NV>
void GemmU8S8NeonDot(const Int8GemmTileArgs& a) {
  static_assert(MR % 4 == 0, "weights are loaded 4 rows per register");
  int32x4_t acc[MR][NV];
#pragma GCC unroll 16
  for (int r = 0; r < MR; ++r) {
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) acc[r][v] = vdupq_n_s32(0);
  }
  const uint8x16_t flip = vdupq_n_u8(0x80);
  const auto* w = static_cast<const int8_t*>(a.w);
  const uint8_t* x = a.x;
  for (int64_t t = 0; t < a.k4; ++t, x += a.x_stride, w += 4 * MR) {
    int8x16_t xv[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) xv[v] = vreinterpretq_s8_u8(veorq_u8(vld1q_u8(x + 16 * v), flip));
#pragma GCC unroll 4
    for (int q = 0; q < MR / 4; ++q) {
      const int8x16_t wq = vld1q_s8(w + 16 * q);
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) {
        acc[4 * q + 0][v] = vdotq_laneq_s32(acc[4 * q + 0][v], xv[v], wq, 0);
        acc[4 * q + 1][v] = vdotq_laneq_s32(acc[4 * q + 1][v], xv[v], wq, 1);
        acc[4 * q + 2][v] = vdotq_laneq_s32(acc[4 * q + 2][v], xv[v], wq, 2);
        acc[4 * q + 3][v] = vdotq_laneq_s32(acc[4 * q + 3][v], xv[v], wq, 3);
      }
    }
  }

  // Requantize exactly as ref does: float(acc) * multiplier, round half to
  // even (FRINTN), + zero point, clamp, keep the low byte (XTN truncates).
  const Int8OutputStep& o = *a.out;
  const float32x4_t lo = vdupq_n_f32(o.lo);
  const float32x4_t hi = vdupq_n_f32(o.hi);
  const float32x4_t zp = vdupq_n_f32(o.y_zp);
  for (int r = 0; r < MR; ++r) {
    if (r >= a.mr) break;
    const int32x4_t off = vdupq_n_s32(o.row_offset[r]);
    const float32x4_t m = vdupq_n_f32(o.multiplier[r]);
    int16x4_t narrow[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) {
      int32x4_t s = vaddq_s32(acc[r][v], off);
      if (o.row_w_zp) s = vmlsq_s32(s, vdupq_n_s32(o.row_w_zp[r]), vld1q_s32(o.col_sums + 4 * v));
      float32x4_t f = vrndnq_f32(vmulq_f32(vcvtq_f32_s32(s), m));
      f = vminq_f32(vmaxq_f32(vaddq_f32(f, zp), lo), hi);
      narrow[v] = vmovn_s32(vcvtq_s32_f32(f));
    }
    // The bytes go out through a small buffer: NEON has no masked store.
    uint8_t bytes[4 * NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) {
      const uint8x8_t b = vreinterpret_u8_s8(vmovn_s16(vcombine_s16(narrow[v], narrow[v])));
      vst1_lane_u32(reinterpret_cast<uint32_t*>(bytes + 4 * v), vreinterpret_u32_u8(b), 0);
    }
    std::memcpy(a.y + r * a.ld_y, bytes, static_cast<size_t>(a.nr));
  }
}

void GemmU8S8NeonDot_8x12(const Int8GemmTileArgs& a) { GemmU8S8NeonDot<8, 3>(a); }

}  // namespace

const Int8Kernels& NeonDotInt8Kernels() {
  static const Int8Kernels kKernels = {Int8Isa::kNeonDot,
                                       {8, 12, Int8WeightFormat::kS8x4, GemmU8S8NeonDot_8x12, /*x_offset=*/128}};
  return kKernels;
}

}  // namespace edgebench::native

#endif  // aarch64
