// NEON INT8 tile for aarch64 CPUs without dotprod (Cortex-A53/A72: the
// Raspberry Pi 3 and 4), called when Int8IsaFor chose Int8Isa::kNeon. Every
// u8 activation and s8 weight is widened to int16, where their product is
// exact, and SMLAL (by lane) adds 4 products into int32 lanes: no
// saturation anywhere, unlike a SMULL on int8 pairs summed in int16.
// LD4 splits each group's 4-byte columns into one register per depth value.
#if defined(__aarch64__)
#include <arm_neon.h>

#include <cstring>

#include "runtime/backends/native/arm_neon/int8_requantize_neon.h"
#include "runtime/backends/native/int8_kernels.h"
#include "runtime/backends/native/int8_pixel_tile_counts.h"

namespace edgebench::native {
namespace {

constexpr int kMr = 8;
constexpr int kNr = 8;

// Row R's 4 depth values of one group: weights in w[R / 2], lanes
// (R % 2) * 4 + q; columns 0-3 into acc[R][0], 4-7 into acc[R][1]. A
// template so that every lane index is a constant, as SMLAL by lane needs.
template <int R>
inline void MultiplyRow(int32x4_t (&acc)[kMr][2], const int16x8_t (&x)[4], const int16x8_t (&w)[kMr / 2]) {
  constexpr int kLane = (R % 2) * 4;
  acc[R][0] = vmlal_laneq_s16(acc[R][0], vget_low_s16(x[0]), w[R / 2], kLane + 0);
  acc[R][1] = vmlal_high_laneq_s16(acc[R][1], x[0], w[R / 2], kLane + 0);
  acc[R][0] = vmlal_laneq_s16(acc[R][0], vget_low_s16(x[1]), w[R / 2], kLane + 1);
  acc[R][1] = vmlal_high_laneq_s16(acc[R][1], x[1], w[R / 2], kLane + 1);
  acc[R][0] = vmlal_laneq_s16(acc[R][0], vget_low_s16(x[2]), w[R / 2], kLane + 2);
  acc[R][1] = vmlal_high_laneq_s16(acc[R][1], x[2], w[R / 2], kLane + 2);
  acc[R][0] = vmlal_laneq_s16(acc[R][0], vget_low_s16(x[3]), w[R / 2], kLane + 3);
  acc[R][1] = vmlal_high_laneq_s16(acc[R][1], x[3], w[R / 2], kLane + 3);
}

// 8 x 8: 16 accumulators, 4 widened column registers (one per depth value)
// and 4 widened weight registers (2 rows each) in the 32 q registers.
void GemmU8S8Neon_8x8(const Int8GemmTileArgs& a) {
  int32x4_t acc[kMr][2];
#pragma GCC unroll 8
  for (int r = 0; r < kMr; ++r) acc[r][0] = acc[r][1] = vdupq_n_s32(0);
  const auto* w = static_cast<const int8_t*>(a.w);
  const uint8_t* x = a.x;
  for (int64_t t = 0; t < a.k4; ++t, x += a.x_stride, w += 4 * kMr) {
    const uint8x8x4_t xb = vld4_u8(x);  // xb.val[q][j] = column j's depth value 4t + q
    int16x8_t xv[4];
#pragma GCC unroll 4
    for (int q = 0; q < 4; ++q) xv[q] = vreinterpretq_s16_u16(vmovl_u8(xb.val[q]));
    const int8x16_t w03 = vld1q_s8(w), w47 = vld1q_s8(w + 16);
    const int16x8_t wv[kMr / 2] = {vmovl_s8(vget_low_s8(w03)), vmovl_high_s8(w03), vmovl_s8(vget_low_s8(w47)),
                                   vmovl_high_s8(w47)};
    MultiplyRow<0>(acc, xv, wv);
    MultiplyRow<1>(acc, xv, wv);
    MultiplyRow<2>(acc, xv, wv);
    MultiplyRow<3>(acc, xv, wv);
    MultiplyRow<4>(acc, xv, wv);
    MultiplyRow<5>(acc, xv, wv);
    MultiplyRow<6>(acc, xv, wv);
    MultiplyRow<7>(acc, xv, wv);
  }
#pragma GCC unroll 8
  for (int r = 0; r < kMr; ++r) {
    if (r >= a.mr) break;
    RequantizeRowNeon<2>(acc[r], *a.out, r, a.nr, a.y + r * a.ld_y);
  }
}

// Pixel PX's 4 depth values (x lanes 4 * (PX % 2) + q of register PX / 2)
// times the 8 filters' widened weights of each depth value. A template so
// that every lane index is a constant.
template <int PX, int PR>
inline void MultiplyPixel(int32x4_t (&acc)[PR][2], const int16x8_t (&x)[PR / 2], const int16x8_t (&w)[4]) {
  constexpr int kLane = (PX % 2) * 4;
  if constexpr (PX < PR) {
    acc[PX][0] = vmlal_laneq_s16(acc[PX][0], vget_low_s16(w[0]), x[PX / 2], kLane + 0);
    acc[PX][1] = vmlal_high_laneq_s16(acc[PX][1], w[0], x[PX / 2], kLane + 0);
    acc[PX][0] = vmlal_laneq_s16(acc[PX][0], vget_low_s16(w[1]), x[PX / 2], kLane + 1);
    acc[PX][1] = vmlal_high_laneq_s16(acc[PX][1], w[1], x[PX / 2], kLane + 1);
    acc[PX][0] = vmlal_laneq_s16(acc[PX][0], vget_low_s16(w[2]), x[PX / 2], kLane + 2);
    acc[PX][1] = vmlal_high_laneq_s16(acc[PX][1], w[2], x[PX / 2], kLane + 2);
    acc[PX][0] = vmlal_laneq_s16(acc[PX][0], vget_low_s16(w[3]), x[PX / 2], kLane + 3);
    acc[PX][1] = vmlal_high_laneq_s16(acc[PX][1], w[3], x[PX / 2], kLane + 3);
    MultiplyPixel<PX + 1, PR>(acc, x, w);
  }
}

// The pixel tile (Int8PixelTileArgs) on the same exact int16 products, 8
// pixels x 8 filters: LD4 splits the panel's 8 x 4 int8 into one register
// of 8 filters per depth value, and each pair of pixels' 4 bytes is widened
// into one register (16 accumulators, 4 weight and 4 pixel registers).
constexpr int kPixelTilePixels = 8;

void PixelTileNeonFixed(const Int8PixelTileArgs& a) {
  constexpr int kPr = kPixelTilePixels;
  int32x4_t acc[kPr][2];
#pragma GCC unroll 8
  for (int p = 0; p < kPr; ++p) acc[p][0] = acc[p][1] = vdupq_n_s32(0);
  ForEachDepthGroup<kPr>(a, 4 * kMr, [&](const uint8_t* const* x, int64_t t, const uint8_t* group) {
    // wb.val[q][f] = filter f's depth value 4t + q
    const int8x8x4_t wb = vld4_s8(reinterpret_cast<const int8_t*>(group));
    const int16x8_t wv[4] = {vmovl_s8(wb.val[0]), vmovl_s8(wb.val[1]), vmovl_s8(wb.val[2]), vmovl_s8(wb.val[3])};
    int16x8_t xv[kPr / 2];
#pragma GCC unroll 4
    for (int h = 0; h < kPr / 2; ++h) {
      uint32_t pair[2];
      std::memcpy(&pair[0], x[2 * h] + 4 * t, 4);
      std::memcpy(&pair[1], x[2 * h + 1] + 4 * t, 4);
      xv[h] = vreinterpretq_s16_u16(vmovl_u8(vreinterpret_u8_u32(vld1_u32(pair))));
    }
    MultiplyPixel<0, kPr>(acc, xv, wv);
  });
  for (int p = 0; p < kPr; ++p) {
    if (p >= a.np) break;
    RequantizePixelNeon(acc[p][0], *a.out, 0, p, a.y + p * a.ld_y);
    RequantizePixelNeon(acc[p][1], *a.out, 4, p, a.y + p * a.ld_y + 4);
  }
}

void PixelTileNeon_8x8(const Int8PixelTileArgs& a) { WithWholeTile<kPixelTilePixels>(a, PixelTileNeonFixed); }

}  // namespace

const Int8Kernels& NeonInt8Kernels() {
  static const Int8Kernels kKernels = {Int8Isa::kNeon, {kMr, kNr, Int8WeightFormat::kS8x4, GemmU8S8Neon_8x8},
                                       {kPixelTilePixels, kMr, PixelTileNeon_8x8}, {}};
  return kKernels;
}

}  // namespace edgebench::native

#endif  // aarch64
