// Portable INT8 tile: the reference the SIMD tiles are tested against in
// spirit, and what runs where no x86 unit is built.
#include <cmath>
#include <cstdint>

#include "runtime/backends/native/int8_kernels.h"

namespace edgebench::native {
namespace {

constexpr int kMr = 4;
constexpr int kNr = 8;

// One output: the wrapped sum plus the output step's terms, requantized as
// ref does.
uint8_t Requantize(uint32_t acc, const Int8OutputStep& o, int64_t row, int64_t column) {
  uint32_t s = acc + static_cast<uint32_t>(o.row_offset[row]);
  if (o.row_w_zp) s -= static_cast<uint32_t>(o.row_w_zp[row]) * static_cast<uint32_t>(o.col_sums[column]);
  float v = std::nearbyint(static_cast<float>(static_cast<int32_t>(s)) * o.multiplier[row]) + o.y_zp;
  v = v < o.lo ? o.lo : v;
  v = v > o.hi ? o.hi : v;
  return static_cast<uint8_t>(static_cast<int32_t>(v));
}

// Sums wrap modulo 2^32 as ref's do (uint32 keeps that defined).
void GemmU8S8Scalar_4x8(const Int8GemmTileArgs& a) {
  uint32_t acc[kMr][kNr] = {};
  const auto* w = static_cast<const int8_t*>(a.w);
  const uint8_t* x = a.x;
  for (int64_t t = 0; t < a.k4; ++t, x += a.x_stride, w += kMr * 4) {
    for (int r = 0; r < kMr; ++r) {
      for (int j = 0; j < kNr; ++j) {
        int32_t s = 0;
        for (int q = 0; q < 4; ++q) s += static_cast<int32_t>(x[4 * j + q]) * w[4 * r + q];
        acc[r][j] += static_cast<uint32_t>(s);
      }
    }
  }
  const Int8OutputStep& o = *a.out;
  for (int64_t r = 0; r < a.mr; ++r) {
    for (int64_t j = 0; j < a.nr; ++j) a.y[r * a.ld_y + j] = Requantize(acc[r][j], o, r, j);
  }
}

constexpr int kPixels = 4;
constexpr int kFilters = 8;

// The pixel tile on the same sums: each pixel's runs read in place.
void PixelTileScalar_4x8(const Int8PixelTileArgs& a) {
  uint32_t acc[kPixels][kFilters] = {};
  const auto* w = static_cast<const int8_t*>(a.w);
  for (int64_t s = 0; s < a.segments; ++s) {
    for (int64_t t = 0; t < a.segment_k4; ++t, w += kFilters * 4) {
      for (int64_t p = 0; p < a.np; ++p) {
        const uint8_t* x = a.pixels[p] + a.offsets[s] + 4 * t;
        for (int f = 0; f < kFilters; ++f) {
          int32_t sum = 0;
          for (int q = 0; q < 4; ++q) sum += static_cast<int32_t>(x[q]) * w[4 * f + q];
          acc[p][f] += static_cast<uint32_t>(sum);
        }
      }
    }
  }
  for (int64_t p = 0; p < a.np; ++p) {
    for (int f = 0; f < kFilters; ++f) a.y[p * a.ld_y + f] = Requantize(acc[p][f], *a.out, f, p);
  }
}

}  // namespace

const Int8Kernels& ScalarInt8Kernels() {
  static const Int8Kernels kKernels = {Int8Isa::kScalar,
                                       {kMr, kNr, Int8WeightFormat::kS8x4, GemmU8S8Scalar_4x8},
                                       {kPixels, kFilters, PixelTileScalar_4x8},
                                       {}};
  return kKernels;
}

}  // namespace edgebench::native
