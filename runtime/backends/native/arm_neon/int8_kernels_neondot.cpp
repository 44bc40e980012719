// NEON dotprod INT8 tile (built with -march=armv8.2-a+dotprod; called only
// when Int8IsaFor chose kNeonDot). SDOT adds each group of 4 s8 x s8
// products into an int32 lane, like vpdpbusd, but both operands are signed:
// the u8 activations are flipped to s8 (x ^ 0x80 = x - 128) and the kernel
// table's x_offset = 128 makes the plan add 128 * sum(w) back into each
// row's offset (int8_kernels.h), so the sums equal the u8 x s8 ones exactly.
#if defined(__aarch64__)
#include <arm_neon.h>

#include <cstring>

#include "runtime/backends/native/arm_neon/int8_requantize_neon.h"
#include "runtime/backends/native/int8_kernels.h"
#include "runtime/backends/native/int8_pixel_tile_counts.h"

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

  // Requantize exactly as ref does (int8_requantize_neon.h).
#pragma GCC unroll 16
  for (int r = 0; r < MR; ++r) {
    if (r >= a.mr) break;
    RequantizeRowNeon<NV>(acc[r], *a.out, r, a.nr, a.y + r * a.ld_y);
  }
}

void GemmU8S8NeonDot_8x12(const Int8GemmTileArgs& a) { GemmU8S8NeonDot<8, 3>(a); }

// Int8PixelTileArgs with exactly PR pixels (PR / 4 registers of 4 pixels'
// 4 bytes, gathered lane by lane from their runs and flipped to s8) and NV
// registers of 4 filters: per group of 4 depth values, NV panel loads feed
// PR * NV SDOTs, each taking one pixel by lane.
template <int PR, int NV>
void PixelTileNeonDotFixed(const Int8PixelTileArgs& a) {
  static_assert(PR % 4 == 0, "pixels are gathered 4 per register");
  int32x4_t acc[PR][NV];
#pragma GCC unroll 8
  for (int p = 0; p < PR; ++p) {
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) acc[p][v] = vdupq_n_s32(0);
  }
  const uint8x16_t flip = vdupq_n_u8(0x80);
  ForEachDepthGroup<PR>(a, 16 * NV, [&](const uint8_t* const* x, int64_t t, const uint8_t* group) {
    const auto* w = reinterpret_cast<const int8_t*>(group);
    int8x16_t wv[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) wv[v] = vld1q_s8(w + 16 * v);
#pragma GCC unroll 2
    for (int q = 0; q < PR / 4; ++q) {
      uint32_t bytes[4];
#pragma GCC unroll 4
      for (int l = 0; l < 4; ++l) std::memcpy(&bytes[l], x[4 * q + l] + 4 * t, 4);
      const int8x16_t xs = vreinterpretq_s8_u8(veorq_u8(vreinterpretq_u8_u32(vld1q_u32(bytes)), flip));
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) {
        acc[4 * q + 0][v] = vdotq_laneq_s32(acc[4 * q + 0][v], wv[v], xs, 0);
        acc[4 * q + 1][v] = vdotq_laneq_s32(acc[4 * q + 1][v], wv[v], xs, 1);
        acc[4 * q + 2][v] = vdotq_laneq_s32(acc[4 * q + 2][v], wv[v], xs, 2);
        acc[4 * q + 3][v] = vdotq_laneq_s32(acc[4 * q + 3][v], wv[v], xs, 3);
      }
    }
  });
  for (int p = 0; p < PR; ++p) {
    if (p >= a.np) break;
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) RequantizePixelNeon(acc[p][v], *a.out, 4 * v, p, a.y + p * a.ld_y + 4 * v);
  }
}

void PixelTileNeonDot_4x16(const Int8PixelTileArgs& a) { WithWholeTile<4>(a, PixelTileNeonDotFixed<4, 4>); }
void PixelTileNeonDot_8x8(const Int8PixelTileArgs& a) { WithWholeTile<8>(a, PixelTileNeonDotFixed<8, 2>); }

}  // namespace

const Int8Kernels& NeonDotInt8Kernels() {
  static const Int8Kernels kKernels = {Int8Isa::kNeonDot,
                                       {8, 12, Int8WeightFormat::kS8x4, GemmU8S8NeonDot_8x12, /*x_offset=*/128},
                                       {4, 16, PixelTileNeonDot_4x16},
                                       {8, 8, PixelTileNeonDot_8x8}};
  return kKernels;
}

}  // namespace edgebench::native

#endif  // aarch64
