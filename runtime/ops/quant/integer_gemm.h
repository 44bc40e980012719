// The integer GEMM core of MatMulInteger, QLinearMatMul, QGemm, ConvInteger
// and QLinearConv, in "dot-product" layout: both operands are rows of
// `depth` values, and one output row is
//   acc[c] = sum_k (a[k] - za) * (B[c][k] - zb[c])   for c in [0, cols).
// The zero points are cancelled with precomputed sums (gemmlowp's
// "low-precision matrix multiplication", section "zero points"):
//   sum (a - za)(b - zb) = sum ab - zb * sum a - za * sum b + K * za * zb
// so the inner loop is a plain 8-bit dot product. One operand is uint8 and
// the other int8, which g++ 12 -O3 -march=native turns into vpdpbusd on
// AVX512-VNNI / AVX-VNNI, and into int16/int32 widening multiplies without it. Callers bring int8 activations to uint8 (+128, zero point +128)
// and uint8 weights to int8 (-128, zero point -128): every difference
// (x - zero point) stays the same, so the result does too.
#pragma once

#include <cstdint>

#include "runtime/core/dtype.h"

namespace edgebench::ops {

// One output row, as above. `b` holds `cols` rows of `depth` values,
// `b_stride` elements apart; b_sums[c] = sum_k B[c][k]; zb[c] is
// b_zero_points[c * b_zp_step] (step 0: one zero point for all). `a_sum` is
// sum_k a[k]. Accumulation wraps modulo 2^32, as ONNX allows ("the
// accumulation may overflow if and only if in 32 bits").
template <typename TA, typename TB>
void IntegerGemmRow(const TA* a, int32_t a_sum, int32_t a_zero_point, const TB* b, int64_t b_stride,
                    const int32_t* b_sums, const int32_t* b_zero_points, int64_t b_zp_step, int64_t cols,
                    int64_t depth, int32_t* acc);

// sum of n values.
template <typename T>
int32_t SumOf(const T* values, int64_t n);

// What to add to a zero point of `dtype` once its data is brought to uint8
// (ToUnsigned: 128 for int8) or to int8 (ToSigned: -128 for uint8).
inline int32_t UnsignedShift(DType dtype) { return dtype == DType::kInt8 ? 128 : 0; }
inline int32_t SignedShift(DType dtype) { return dtype == DType::kUInt8 ? -128 : 0; }

// n values of `dtype` (uint8 or int8) at src, shifted to uint8 / int8.
void ToUnsigned(const void* src, DType dtype, int64_t n, uint8_t* dst);
void ToSigned(const void* src, DType dtype, int64_t n, int8_t* dst);
// The same for one value, as int32.
inline int32_t UnsignedValue(const void* src, DType dtype, int64_t i) {
  return dtype == DType::kInt8 ? static_cast<const int8_t*>(src)[i] + 128 : static_cast<const uint8_t*>(src)[i];
}
inline int32_t SignedValue(const void* src, DType dtype, int64_t i) {
  return dtype == DType::kUInt8 ? static_cast<const uint8_t*>(src)[i] - 128 : static_cast<const int8_t*>(src)[i];
}

}  // namespace edgebench::ops
