// Portable INT8 depthwise run: what runs where no x86 unit is built, and the
// plain statement of the arithmetic the SIMD runs vectorize.
#include <cmath>
#include <cstdint>

#include "runtime/backends/native/int8_depthwise_kernels.h"
#include "runtime/backends/native/int8_depthwise_pack.h"

namespace edgebench::native {
namespace {

// Sums wrap modulo 2^32 as ref's do (uint32 keeps that defined).
void DwRunScalar(const Int8DwRunArgs& a) {
  for (int64_t j = 0; j < a.count; ++j) {
    uint32_t acc = static_cast<uint32_t>(a.bias);
    for (int64_t p = 0; p < a.pairs; ++p) {
      const int32_t w_lo = static_cast<int16_t>(a.weights[p] & 0xffff);
      const int32_t w_hi = static_cast<int16_t>(static_cast<uint32_t>(a.weights[p]) >> 16);
      acc += static_cast<uint32_t>(a.taps[p][2 * j] * w_lo + a.taps[p][2 * j + 1] * w_hi);
    }
    float v = std::nearbyint(static_cast<float>(static_cast<int32_t>(acc)) * a.multiplier) + a.y_zp;
    v = v < a.lo ? a.lo : v;
    v = v > a.hi ? a.hi : v;
    a.y[j] = static_cast<uint8_t>(static_cast<int32_t>(v));
  }
}

}  // namespace

const Int8DepthwiseKernels& ScalarInt8DepthwiseKernels() {
  static const Int8DepthwiseKernels kKernels = {Int8Isa::kScalar, 1, int8_dw::PackPairRow<Int8Isa::kScalar>,
                                                int8_dw::CopyRows<Int8Isa::kScalar>,
                                                int8_dw::PairRows<Int8Isa::kScalar>, DwRunScalar,
                                                int8_dw::Unpad<Int8Isa::kScalar>};
  return kKernels;
}

}  // namespace edgebench::native
