#include "runtime/ops/quant/integer_gemm.h"

namespace edgebench::ops {
namespace {

// The zero-point correction of one dot product, in 64 bits and wrapped to
// 32 at the end, so that intermediate terms larger than the result do not
// overflow.
inline int32_t Correct(int32_t dot, int64_t a_sum, int64_t za, int64_t b_sum, int64_t zb, int64_t depth) {
  const int64_t v = static_cast<int64_t>(dot) - zb * a_sum - za * b_sum + depth * za * zb;
  return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(v)));
}

}  // namespace

template <typename TA, typename TB>
void IntegerGemmRow(const TA* a, int32_t a_sum, int32_t a_zero_point, const TB* b, int64_t b_stride,
                    const int32_t* b_sums, const int32_t* b_zero_points, int64_t b_zp_step, int64_t cols,
                    int64_t depth, int32_t* acc) {
  // Four columns per pass share each load of `a`; the k loop is the
  // vectorized 8-bit dot product.
  int64_t c = 0;
  for (; c + 4 <= cols; c += 4) {
    const TB* b0 = b + c * b_stride;
    const TB* b1 = b0 + b_stride;
    const TB* b2 = b1 + b_stride;
    const TB* b3 = b2 + b_stride;
    int32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (int64_t k = 0; k < depth; ++k) {
      const int32_t x = a[k];
      s0 += x * b0[k];
      s1 += x * b1[k];
      s2 += x * b2[k];
      s3 += x * b3[k];
    }
    const int32_t sums[4] = {s0, s1, s2, s3};
    for (int j = 0; j < 4; ++j) {
      acc[c + j] = Correct(sums[j], a_sum, a_zero_point, b_sums[c + j], b_zero_points[(c + j) * b_zp_step], depth);
    }
  }
  for (; c < cols; ++c) {
    const TB* bc = b + c * b_stride;
    int32_t s = 0;
    for (int64_t k = 0; k < depth; ++k) s += static_cast<int32_t>(a[k]) * bc[k];
    acc[c] = Correct(s, a_sum, a_zero_point, b_sums[c], b_zero_points[c * b_zp_step], depth);
  }
}

template <typename T>
int32_t SumOf(const T* values, int64_t n) {
  int32_t s = 0;
  for (int64_t i = 0; i < n; ++i) s += values[i];
  return s;
}

void ToUnsigned(const void* src, DType dtype, int64_t n, uint8_t* dst) {
  const auto* in = static_cast<const uint8_t*>(src);
  // int8 + 128 as uint8 is the bit pattern with its top bit flipped.
  const uint8_t flip = dtype == DType::kInt8 ? 0x80 : 0;
  for (int64_t i = 0; i < n; ++i) dst[i] = in[i] ^ flip;
}

void ToSigned(const void* src, DType dtype, int64_t n, int8_t* dst) {
  const auto* in = static_cast<const uint8_t*>(src);
  const uint8_t flip = dtype == DType::kUInt8 ? 0x80 : 0;
  for (int64_t i = 0; i < n; ++i) dst[i] = static_cast<int8_t>(in[i] ^ flip);
}

template void IntegerGemmRow<uint8_t, int8_t>(const uint8_t*, int32_t, int32_t, const int8_t*, int64_t,
                                              const int32_t*, const int32_t*, int64_t, int64_t, int64_t, int32_t*);
template void IntegerGemmRow<int8_t, uint8_t>(const int8_t*, int32_t, int32_t, const uint8_t*, int64_t,
                                              const int32_t*, const int32_t*, int64_t, int64_t, int64_t, int32_t*);
template int32_t SumOf<uint8_t>(const uint8_t*, int64_t);
template int32_t SumOf<int8_t>(const int8_t*, int64_t);

}  // namespace edgebench::ops
