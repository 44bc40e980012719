#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__aarch64__)
#include <arm_neon.h>
#endif

#include "runtime/backends/native/int8_conv_plan.h"

namespace edgebench::native {
namespace {

inline size_t Align64(size_t bytes) { return (bytes + 63) / 64 * 64; }

// W's element `i` as int8 (uint8 weights shifted by -128, their zero point alike,
// so that every difference w - w_zp is unchanged).
inline int32_t SignedWeight(const Int8ConvQuant& q, int64_t i) {
  return q.w_signed ? static_cast<const int8_t*>(q.w)[i] : static_cast<const uint8_t*>(q.w)[i] - 128;
}
inline int32_t SignedWeightZeroPoint(const Int8ConvQuant& q, int64_t m) {
  if (q.w_zp.empty()) return 0;
  const int32_t zp = q.w_zp[q.w_zp.size() == 1 ? 0 : m];
  return q.w_signed ? zp : zp - 128;
}

// Channels [c0, c1) of image x into the padded uint8 copy (pads = x's zero
// point). Sizes are read into locals first: byte stores may alias anything,
// and the compiler would otherwise reload them on every store and not vectorize.
void FillPaddedCopy(const Int8ConvPlan& plan, const uint8_t* x, int64_t c0, int64_t c1, uint8_t* dst) {
  const Int8ConvParams& p = plan.p;
  const uint8_t flip = p.x_signed ? 0x80 : 0x00;  // int8 + 128 as a byte is the sign bit flipped
  const uint8_t pad = plan.x_zp_unsigned;
  const int64_t hp = plan.padded_h, wp = plan.padded_w, in_h = p.in_h, in_w = p.in_w;
  const int64_t top = p.pads[0], left = p.pads[1], bottom = p.pads[2], right = p.pads[3];
  for (int64_t c = c0; c < c1; ++c) {
    uint8_t* plane = dst + c * hp * wp;
    const uint8_t* src = x + c * in_h * in_w;
    std::memset(plane, pad, static_cast<size_t>(top * wp));
    for (int64_t h = 0; h < in_h; ++h) {
      uint8_t* __restrict row = plane + (top + h) * wp;
      const uint8_t* __restrict in = src + h * in_w;
      std::memset(row, pad, static_cast<size_t>(left));
      for (int64_t w = 0; w < in_w; ++w) row[left + w] = in[w] ^ flip;
      std::memset(row + left + in_w, pad, static_cast<size_t>(right));
    }
    std::memset(plane + (top + in_h) * wp, pad, static_cast<size_t>(bottom * wp));
  }
}

// out[4 j + q] = r[q][j] for j < n: four byte rows interleaved into the
// 4-byte columns the tiles read, 16 columns at a time with SSE2 (x86's
// baseline) or ST4 (aarch64's: it stores four registers interleaved by byte).
void Interleave4(const uint8_t* r0, const uint8_t* r1, const uint8_t* r2, const uint8_t* r3, int64_t n,
                 uint8_t* __restrict out) {
  int64_t j = 0;
#if defined(__SSE2__)
  for (; j + 16 <= n; j += 16) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(r0 + j));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(r1 + j));
    const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(r2 + j));
    const __m128i d = _mm_loadu_si128(reinterpret_cast<const __m128i*>(r3 + j));
    const __m128i ab_lo = _mm_unpacklo_epi8(a, b), ab_hi = _mm_unpackhi_epi8(a, b);
    const __m128i cd_lo = _mm_unpacklo_epi8(c, d), cd_hi = _mm_unpackhi_epi8(c, d);
    auto* o = reinterpret_cast<__m128i*>(out + 4 * j);
    _mm_storeu_si128(o + 0, _mm_unpacklo_epi16(ab_lo, cd_lo));
    _mm_storeu_si128(o + 1, _mm_unpackhi_epi16(ab_lo, cd_lo));
    _mm_storeu_si128(o + 2, _mm_unpacklo_epi16(ab_hi, cd_hi));
    _mm_storeu_si128(o + 3, _mm_unpackhi_epi16(ab_hi, cd_hi));
  }
#elif defined(__aarch64__)
  for (; j + 16 <= n; j += 16) {
    uint8x16x4_t v;
    v.val[0] = vld1q_u8(r0 + j);
    v.val[1] = vld1q_u8(r1 + j);
    v.val[2] = vld1q_u8(r2 + j);
    v.val[3] = vld1q_u8(r3 + j);
    vst4q_u8(out + 4 * j, v);
  }
#endif
  for (; j < n; ++j) {
    out[4 * j + 0] = r0[j];
    out[4 * j + 1] = r1[j];
    out[4 * j + 2] = r2[j];
    out[4 * j + 3] = r3[j];
  }
}

// The same for rows read with a stride.
void Interleave4Strided(const uint8_t* r0, const uint8_t* r1, const uint8_t* r2, const uint8_t* r3, int64_t n,
                        int64_t stride, uint8_t* __restrict out) {
  for (int64_t j = 0; j < n; ++j) {
    const int64_t i = j * stride;
    out[4 * j + 0] = r0[i];
    out[4 * j + 1] = r1[i];
    out[4 * j + 2] = r2[i];
    out[4 * j + 3] = r3[i];
  }
}

// Depth groups [t0, t1) of group g: column j of group t gets the 4 bytes
// x[k = 4t + q] under output pixel j (q < 4), 0 past K.
void GatherColumns(const Int8ConvPlan& plan, const uint8_t* src, const uint8_t* zero_row, int64_t g, int64_t t0,
                   int64_t t1, uint8_t* columns) {
  const Int8ConvParams& p = plan.p;
  const int64_t taps = p.kernel_h * p.kernel_w;
  const int64_t cin_g = p.channels / p.group;
  const int64_t plane = plan.padded_h * plan.padded_w;
  const int64_t out_plane = p.out_h * p.out_w;
  const int64_t sh = p.strides[0], sw = p.strides[1];
  for (int64_t t = t0; t < t1; ++t) {
    const uint8_t* base[4];
    bool real[4];
    for (int q = 0; q < 4; ++q) {
      const int64_t k = 4 * t + q;
      real[q] = k < plan.k;
      if (!real[q]) {
        base[q] = zero_row;
        continue;
      }
      const int64_t c = g * cin_g + k / taps;
      const int64_t kh = (k % taps) / p.kernel_w, kw = k % p.kernel_w;
      base[q] = src + c * plane + kh * p.dilations[0] * plan.padded_w + kw * p.dilations[1];
    }
    uint8_t* dst = columns + t * plan.columns * 4;
    const int64_t out_h = p.out_h, out_w = p.out_w, row_step = sh * plan.padded_w;
    for (int64_t oh = 0; oh < out_h; ++oh) {
      const uint8_t* r[4];
      for (int q = 0; q < 4; ++q) r[q] = real[q] ? base[q] + oh * row_step : zero_row;
      uint8_t* d = dst + oh * out_w * 4;
      if (sw == 1) {
        Interleave4(r[0], r[1], r[2], r[3], out_w, d);
      } else {
        Interleave4Strided(r[0], r[1], r[2], r[3], out_w, sw, d);
      }
    }
    // Columns past the last pixel are computed and dropped: keep them defined.
    std::memset(dst + out_plane * 4, 0, static_cast<size_t>((plan.columns - out_plane) * 4));
  }
}

}  // namespace

Int8ConvPlan MakeInt8ConvPlan(const Int8ConvParams& p, const Int8ConvQuant& q, const Int8Kernels& kernels,
                              Int8Tile tile) {
  Int8ConvPlan plan;
  plan.p = p;
  plan.kernels = &kernels;
  const Int8GemmKernel& gemm = kernels.gemm;
  plan.pixel_tiles = tile == Int8Tile::kPixel ? Int8PixelTilesFit(kernels)
                                               : tile == Int8Tile::kCheapest && Int8PixelTilesPay(p, kernels);
  // The pixel tile reads the same packed cells (kS8x4), NF rows per block.
  if (plan.pixel_tiles) plan.pixel_tile = Int8PixelTileFor(p, kernels);
  const int64_t mr = plan.pixel_tiles ? plan.pixel_tile.nf : gemm.mr;
  const int64_t cin_g = p.channels / p.group;
  const int64_t cout_g = p.filters / p.group;
  plan.k = cin_g * p.kernel_h * p.kernel_w;
  plan.k4 = (plan.k + 3) / 4;
  plan.blocks_per_group = (cout_g + mr - 1) / mr;
  const int64_t out_plane = p.out_h * p.out_w;
  plan.padded_h = p.in_h + p.pads[0] + p.pads[2];
  plan.padded_w = p.in_w + p.pads[1] + p.pads[3];
  if (plan.pixel_tiles) {
    LayOutInt8PixelTileRuns(plan);
  } else {
    plan.columns = (out_plane + gemm.nr - 1) / gemm.nr * gemm.nr;
    plan.copy_x = p.x_signed || p.pads[0] || p.pads[1] || p.pads[2] || p.pads[3];
  }
  const int32_t x_zp = q.x_zp + (p.x_signed ? 128 : 0);
  plan.x_zp_unsigned = static_cast<uint8_t>(x_zp);

  const int64_t blocks = p.group * plan.blocks_per_group;
  const int64_t group_bytes = Int8WeightGroupBytes(plan.pixel_tiles ? Int8WeightFormat::kS8x4 : gemm.format);
  plan.packed_w.assign(static_cast<size_t>(blocks * plan.k4 * mr * group_bytes), 0);
  plan.row_offset.assign(static_cast<size_t>(blocks * mr), 0);
  plan.row_w_zp.assign(static_cast<size_t>(blocks * mr), 0);
  plan.multiplier.assign(static_cast<size_t>(blocks * mr), 0.0f);
  for (int64_t blk = 0; blk < blocks; ++blk) {
    const int64_t g = blk / plan.blocks_per_group;
    uint8_t* panel = plan.packed_w.data() + blk * plan.k4 * mr * group_bytes;
    for (int64_t r = 0; r < mr; ++r) {
      const int64_t mg = (blk % plan.blocks_per_group) * mr + r;
      if (mg >= cout_g) break;
      const int64_t m = g * cout_g + mg;
      int32_t w_sum = 0;
      for (int64_t k = 0; k < plan.k; ++k) {
        const int32_t w = SignedWeight(q, m * plan.k + k);
        w_sum += w;
        const int64_t slot = plan.pixel_tiles ? Int8PixelTileDepthSlot(plan, k) : k;
        uint8_t* cell = panel + ((slot / 4) * mr + r) * group_bytes;
        if (group_bytes == 4) {
          cell[slot % 4] = static_cast<uint8_t>(static_cast<int8_t>(w));
        } else {
          // int16 (w0, w2, w1, w3): k % 4 = 0, 1, 2, 3 go to slots 0, 2, 1, 3.
          static constexpr int kSlot[4] = {0, 2, 1, 3};
          const auto v = static_cast<int16_t>(w);
          std::memcpy(cell + 2 * kSlot[k % 4], &v, 2);
        }
      }
      const int32_t w_zp = SignedWeightZeroPoint(q, m);
      if (w_zp != 0) plan.w_zero_points = true;
      // gemmlowp's expansion, the column-independent part, wrapping like ref.
      const uint32_t offset = static_cast<uint32_t>(q.bias ? q.bias[m] : 0) -
                              static_cast<uint32_t>(x_zp) * static_cast<uint32_t>(w_sum) +
                              static_cast<uint32_t>(plan.k) * static_cast<uint32_t>(x_zp) * static_cast<uint32_t>(w_zp) +
                              static_cast<uint32_t>(gemm.x_offset) * static_cast<uint32_t>(w_sum);
      plan.row_offset[blk * mr + r] = static_cast<int32_t>(offset);
      plan.row_w_zp[blk * mr + r] = w_zp;
      // The same float expression as ref's (qlinear_conv.cpp), so the products round alike.
      const float w_scale = q.w_scale[q.w_scale.size() == 1 ? 0 : m];
      plan.multiplier[blk * mr + r] = q.x_scale * w_scale / q.y_scale;
    }
  }
  plan.step_template.y_zp = static_cast<float>(q.y_zp);
  plan.step_template.lo = p.y_signed ? -128.0f : 0.0f;
  plan.step_template.hi = p.y_signed ? 127.0f : 255.0f;

  if (plan.pixel_tiles) {
    AddInt8PixelTileScratch(plan);
    return plan;
  }
  size_t bytes = 0;
  plan.scratch_copy = bytes;
  if (plan.copy_x) bytes += Align64(static_cast<size_t>(p.channels * plan.padded_h * plan.padded_w));
  plan.scratch_columns = bytes;
  bytes += Align64(static_cast<size_t>(plan.k4 * plan.columns * 4));
  plan.scratch_sums = bytes;
  if (plan.w_zero_points) bytes += Align64(static_cast<size_t>(plan.columns) * sizeof(int32_t));
  plan.scratch_zero = bytes;
  bytes += Align64(static_cast<size_t>(plan.padded_w));
  plan.scratch_total = bytes;
  return plan;
}

void RunInt8Conv(const Int8ConvPlan& plan, const void* x, void* y, void* scratch, ThreadPool* pool) {
  const Int8ConvParams& p = plan.p;
  if (plan.pixel_tiles) {
    for (int64_t n = 0; n < p.batch; ++n) {
      RunInt8PixelTiles(plan, static_cast<const uint8_t*>(x) + n * p.channels * p.in_h * p.in_w,
                        static_cast<uint8_t*>(y) + n * p.filters * p.out_h * p.out_w, static_cast<uint8_t*>(scratch),
                        pool);
    }
    return;
  }
  const Int8GemmKernel& gemm = plan.kernels->gemm;
  const int64_t mr = gemm.mr;
  const int64_t cout_g = p.filters / p.group;
  const int64_t out_plane = p.out_h * p.out_w;
  auto* s = static_cast<uint8_t*>(scratch);
  uint8_t* copy = s + plan.scratch_copy;
  uint8_t* columns = s + plan.scratch_columns;
  auto* sums = reinterpret_cast<int32_t*>(s + plan.scratch_sums);
  uint8_t* zero_row = s + plan.scratch_zero;
  std::memset(zero_row, 0, static_cast<size_t>(plan.padded_w));
  const int64_t group_bytes = Int8WeightGroupBytes(gemm.format);
  const int64_t plane = plan.padded_h * plan.padded_w;

  for (int64_t n = 0; n < p.batch; ++n) {
    const uint8_t* xn = static_cast<const uint8_t*>(x) + n * p.channels * p.in_h * p.in_w;
    uint8_t* yn = static_cast<uint8_t*>(y) + n * p.filters * out_plane;
    const uint8_t* src = xn;
    if (plan.copy_x) {
      ParallelFor(pool, p.channels, static_cast<double>(plane),
                  [&](int64_t c0, int64_t c1) { FillPaddedCopy(plan, xn, c0, c1, copy); });
      src = copy;
    }
    for (int64_t g = 0; g < p.group; ++g) {
      ParallelFor(pool, plan.k4, static_cast<double>(plan.columns * 4),
                  [&](int64_t t0, int64_t t1) { GatherColumns(plan, src, zero_row, g, t0, t1, columns); });
      if (plan.w_zero_points) {
        ParallelFor(pool, plan.columns, static_cast<double>(plan.k), [&](int64_t j0, int64_t j1) {
          for (int64_t j = j0; j < j1; ++j) {
            uint32_t sum = 0;
            for (int64_t t = 0; t < plan.k4; ++t) {
              const uint8_t* c = columns + (t * plan.columns + j) * 4;
              sum += static_cast<uint32_t>(c[0] + c[1] + c[2] + c[3]);
            }
            sums[j] = static_cast<int32_t>(sum);
          }
        });
      }
      // Each column tile (K x NR bytes, L1-sized) meets every block of
      // filters before the next one is gathered from L2: the weights stream,
      // the columns stay. Few columns (late layers) split the filters instead.
      const int64_t threads = NumThreads(pool);
      const int64_t col_tiles = plan.columns / gemm.nr;
      const int64_t tile_cols = gemm.nr * std::max<int64_t>(1, std::min<int64_t>(4, col_tiles / (2 * threads)));
      const int64_t tile_blocks =
          col_tiles >= 2 * threads ? plan.blocks_per_group
                                   : std::max<int64_t>(1, plan.blocks_per_group * col_tiles / (2 * threads));
      ParallelFor2D(pool, plan.blocks_per_group, plan.columns, tile_blocks, tile_cols, 2.0 * static_cast<double>(plan.k),
                    [&](int64_t b0, int64_t b1, int64_t c0, int64_t c1) {
                      Int8GemmTileArgs a;
                      a.k4 = plan.k4;
                      a.x_stride = plan.columns * 4;
                      a.ld_y = out_plane;
                      for (int64_t c = c0; c < c1 && c < out_plane; c += gemm.nr) {
                        a.x = columns + c * 4;
                        a.nr = std::min<int64_t>(gemm.nr, out_plane - c);
                        for (int64_t b = b0; b < b1; ++b) {
                          const int64_t blk = g * plan.blocks_per_group + b;
                          const int64_t m0 = g * cout_g + b * mr;
                          Int8OutputStep out = plan.step_template;
                          out.row_offset = plan.row_offset.data() + blk * mr;
                          out.row_w_zp = plan.w_zero_points ? plan.row_w_zp.data() + blk * mr : nullptr;
                          out.multiplier = plan.multiplier.data() + blk * mr;
                          out.col_sums = sums + c;
                          a.w = plan.packed_w.data() + blk * plan.k4 * mr * group_bytes;
                          a.mr = std::min(mr, g * cout_g + cout_g - m0);
                          a.y = yn + m0 * out_plane + c;
                          a.out = &out;
                          gemm.tile(a);
                        }
                      }
                    });
    }
  }
}

}  // namespace edgebench::native
