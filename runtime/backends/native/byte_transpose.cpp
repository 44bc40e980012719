#include "runtime/backends/native/byte_transpose.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace edgebench::native {
namespace {

void TransposeBytesScalar(const uint8_t* src, int64_t src_stride, int64_t rows, int64_t cols, uint8_t* dst,
                          int64_t dst_stride, uint8_t flip) {
  if (rows < 16) {
    // Few rows (an image's 3 channels): write each output row's bytes in order.
    for (int64_t j = 0; j < cols; ++j) {
      uint8_t* __restrict d = dst + j * dst_stride;
      for (int64_t i = 0; i < rows; ++i) d[i] = src[i * src_stride + j] ^ flip;
    }
    return;
  }
  for (int64_t i = 0; i < rows; ++i) {
    const uint8_t* __restrict s = src + i * src_stride;
    for (int64_t j = 0; j < cols; ++j) dst[j * dst_stride + i] = s[j] ^ flip;
  }
}

#if defined(__SSE2__)
// A 16 x 16 block in registers, in four rounds of unpacks: bytes of row
// pairs, then their 16-, 32- and 64-bit units, after which r[j] holds what
// was column j.
inline __attribute__((always_inline)) void Transpose16x16InRegisters(__m128i (&r)[16]) {
  __m128i u[16], v[16];
  // u[i], u[8 + i]: rows 2i and 2i+1 paired byte by byte, columns 0-7 and 8-15.
  for (int i = 0; i < 8; ++i) {
    u[i] = _mm_unpacklo_epi8(r[2 * i], r[2 * i + 1]);
    u[8 + i] = _mm_unpackhi_epi8(r[2 * i], r[2 * i + 1]);
  }
  // v[4q + i]: rows 4i..4i+3 as 32-bit units, columns 4q..4q+3.
  for (int h = 0; h < 2; ++h) {
    for (int i = 0; i < 4; ++i) {
      v[8 * h + i] = _mm_unpacklo_epi16(u[8 * h + 2 * i], u[8 * h + 2 * i + 1]);
      v[8 * h + 4 + i] = _mm_unpackhi_epi16(u[8 * h + 2 * i], u[8 * h + 2 * i + 1]);
    }
  }
  for (int q = 0; q < 4; ++q) {
    // Rows 0-7 and 8-15 of columns (4q, 4q+1) and (4q+2, 4q+3) as 64-bit units.
    const __m128i top01 = _mm_unpacklo_epi32(v[4 * q], v[4 * q + 1]);
    const __m128i top23 = _mm_unpackhi_epi32(v[4 * q], v[4 * q + 1]);
    const __m128i bottom01 = _mm_unpacklo_epi32(v[4 * q + 2], v[4 * q + 3]);
    const __m128i bottom23 = _mm_unpackhi_epi32(v[4 * q + 2], v[4 * q + 3]);
    r[4 * q + 0] = _mm_unpacklo_epi64(top01, bottom01);
    r[4 * q + 1] = _mm_unpackhi_epi64(top01, bottom01);
    r[4 * q + 2] = _mm_unpacklo_epi64(top23, bottom23);
    r[4 * q + 3] = _mm_unpackhi_epi64(top23, bottom23);
  }
}

void Transpose16x16(const uint8_t* src, int64_t src_stride, uint8_t* dst, int64_t dst_stride, __m128i flip) {
  __m128i r[16];
  for (int i = 0; i < 16; ++i) {
    r[i] = _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i * src_stride)), flip);
  }
  Transpose16x16InRegisters(r);
  for (int j = 0; j < 16; ++j) _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + j * dst_stride), r[j]);
}

// Fewer than 16 rows into a dense dst (dst_stride == rows: an image's 3
// channels into its NHWC copy). Each column's 16-byte store spills past its
// `rows` bytes into the next columns, which later stores rewrite; the loop
// stops early enough that no store passes the last column, which the byte
// loop then finishes. Returns the columns done.
int64_t TransposeFewRowsDense(const uint8_t* src, int64_t src_stride, int64_t rows, int64_t cols, uint8_t* dst,
                              __m128i flip) {
  const int64_t spill_columns = (16 + rows - 1) / rows;
  int64_t j = 0;
  for (; j + 16 + spill_columns <= cols; j += 16) {
    __m128i r[16];
    for (int i = 0; i < 16; ++i) {
      r[i] = i < rows ? _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i * src_stride + j)), flip)
                      : _mm_setzero_si128();
    }
    Transpose16x16InRegisters(r);
    for (int q = 0; q < 16; ++q) _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + (j + q) * rows), r[q]);
  }
  return j;
}
#endif

}  // namespace

void TransposeBytes(const uint8_t* src, int64_t src_stride, int64_t rows, int64_t cols, uint8_t* dst,
                    int64_t dst_stride, uint8_t flip) {
  int64_t i = 0;
#if defined(__SSE2__)
  const __m128i flip_v = _mm_set1_epi8(static_cast<char>(flip));
  if (rows < 16 && dst_stride == rows) {
    const int64_t done = TransposeFewRowsDense(src, src_stride, rows, cols, dst, flip_v);
    TransposeBytesScalar(src + done, src_stride, rows, cols - done, dst + done * rows, dst_stride, flip);
    return;
  }
  for (; i + 16 <= rows; i += 16) {
    int64_t j = 0;
    for (; j + 16 <= cols; j += 16) {
      Transpose16x16(src + i * src_stride + j, src_stride, dst + j * dst_stride + i, dst_stride, flip_v);
    }
    TransposeBytesScalar(src + i * src_stride + j, src_stride, 16, cols - j, dst + j * dst_stride + i, dst_stride,
                         flip);
  }
#endif
  TransposeBytesScalar(src + i * src_stride, src_stride, rows - i, cols, dst + i, dst_stride, flip);
}

}  // namespace edgebench::native
