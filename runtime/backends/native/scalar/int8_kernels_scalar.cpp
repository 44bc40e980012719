// Portable INT8 tile: the reference the SIMD tiles are tested against in
// spirit, and what runs where no x86 unit is built.
#include <cmath>
#include <cstdint>

#include "runtime/backends/native/int8_kernels.h"

namespace edgebench::native {
namespace {

constexpr int kMr = 4;
constexpr int kNr = 8;

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
    uint8_t* y = a.y + r * a.ld_y;
    for (int64_t j = 0; j < a.nr; ++j) {
      uint32_t s = acc[r][j] + static_cast<uint32_t>(o.row_offset[r]);
      if (o.row_w_zp) s -= static_cast<uint32_t>(o.row_w_zp[r]) * static_cast<uint32_t>(o.col_sums[j]);
      float v = std::nearbyint(static_cast<float>(static_cast<int32_t>(s)) * o.multiplier[r]) + o.y_zp;
      v = v < o.lo ? o.lo : v;
      v = v > o.hi ? o.hi : v;
      y[j] = static_cast<uint8_t>(static_cast<int32_t>(v));
    }
  }
}

}  // namespace

const Int8Kernels& ScalarInt8Kernels() {
  static const Int8Kernels kKernels = {Int8Isa::kScalar,
                                       {kMr, kNr, Int8WeightFormat::kS8x4, GemmU8S8Scalar_4x8}, {}};
  return kKernels;
}

}  // namespace edgebench::native
