// A byte matrix transposed, for the INT8 layouts: NCHW planes into an NHWC
// copy (channels become the innermost dimension), and a pixel tile's
// pixel-major output bytes back into NCHW planes.
#pragma once

#include <cstdint>

namespace edgebench::native {

// dst[j * dst_stride + i] = src[i * src_stride + j] ^ flip for i < rows,
// j < cols (flip 0x80 turns int8 into the uint8 the tiles read). 16 x 16
// blocks go through SSE2 registers (x86's baseline); edges, and other
// targets, are byte loops.
void TransposeBytes(const uint8_t* src, int64_t src_stride, int64_t rows, int64_t cols, uint8_t* dst,
                    int64_t dst_stride, uint8_t flip = 0);

}  // namespace edgebench::native
