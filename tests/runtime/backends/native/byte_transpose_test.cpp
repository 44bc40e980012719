// TransposeBytes against the definition, over row and column counts around
// the 16 x 16 blocks (edges on both sides), dense and strided outputs (the
// dense few-row path spills 16-byte stores into later columns), and the
// int8 flip; bytes outside the written cells must keep their sentinel.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "runtime/backends/native/byte_transpose.h"

namespace edgebench::native {
namespace {

constexpr uint8_t kSentinel = 0xA5;

void ExpectTransposed(int64_t rows, int64_t cols, int64_t extra_stride, uint8_t flip, std::mt19937& rng) {
  const int64_t src_stride = cols + 3;
  const int64_t dst_stride = rows + extra_stride;
  std::vector<uint8_t> src(static_cast<size_t>(rows * src_stride));
  for (uint8_t& b : src) b = static_cast<uint8_t>(rng());
  // 32 guard bytes past the last row: a store past the end would show there.
  std::vector<uint8_t> dst(static_cast<size_t>(cols * dst_stride + 32), kSentinel);
  TransposeBytes(src.data(), src_stride, rows, cols, dst.data(), dst_stride, flip);
  const std::string label = std::to_string(rows) + "x" + std::to_string(cols) + " dst_stride " +
                            std::to_string(dst_stride) + " flip " + std::to_string(flip);
  for (int64_t j = 0; j < cols; ++j) {
    for (int64_t i = 0; i < dst_stride; ++i) {
      const uint8_t got = dst[static_cast<size_t>(j * dst_stride + i)];
      const uint8_t want = i < rows ? static_cast<uint8_t>(src[static_cast<size_t>(i * src_stride + j)] ^ flip)
                                    : kSentinel;
      ASSERT_EQ(got, want) << label << " at column " << j << " row " << i;
    }
  }
  for (size_t b = static_cast<size_t>(cols * dst_stride); b < dst.size(); ++b) {
    ASSERT_EQ(dst[b], kSentinel) << label << ": wrote past the last column";
  }
}

TEST(TransposeBytes, MatchesDefinitionAroundBlockEdges) {
  std::mt19937 rng(7);
  for (int64_t rows : {1, 2, 3, 4, 15, 16, 17, 33, 48}) {
    for (int64_t cols : {1, 5, 16, 17, 19, 31, 40, 224}) {
      for (int64_t extra_stride : {0, 5}) {
        for (uint8_t flip : {uint8_t{0}, uint8_t{0x80}}) ExpectTransposed(rows, cols, extra_stride, flip, rng);
      }
    }
  }
}

}  // namespace
}  // namespace edgebench::native
