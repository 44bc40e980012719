// The weight side of the integer GEMM (integer_gemm.h) in the layout
// IntegerGemmRow reads: `rows` rows of `depth` int8 values (uint8 weights
// shifted by -128), the sum of each row, and each row's zero point (shifted
// likewise). Packed once in Infer when the weights and their zero point are
// initializers, otherwise in every Run into the op's scratch.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "runtime/core/tensor.h"

namespace edgebench::ops {

struct PackedWeights {
  int8_t* data = nullptr;         // rows x depth
  int32_t* sums = nullptr;        // rows
  int32_t* zero_points = nullptr;  // rows
};

// Bytes for `rows` x `depth` packed weights, their sums and zero points, each
// part aligned to 64 bytes.
size_t PackedWeightsBytes(int64_t rows, int64_t depth);
// The three parts carved out of `memory` (64-byte aligned, PackedWeightsBytes long).
PackedWeights LayoutPackedWeights(void* memory, int64_t rows, int64_t depth);

// Packs `matrices` weight matrices of w (uint8 or int8) into `out`, which has
// matrices * rows rows. Each matrix is [depth, rows] row-major (MatMul's B:
// transposed while packing) or, with `rows_major`, [rows, depth] (Conv's W,
// Gemm's B with transB: copied). The zero point has 1 element (all rows),
// `rows` (per row, the same for every matrix) or matrices * rows; null is 0.
void PackWeights(const Tensor& w, int64_t matrices, int64_t rows, int64_t depth, bool rows_major,
                 const Tensor* zero_point, const PackedWeights& out);

// Packed weights owned by an op's state (packed at Infer).
struct OwnedPackedWeights {
  std::vector<unsigned char> storage;
  PackedWeights view;
};
OwnedPackedWeights PackWeightsOnce(const Tensor& w, int64_t matrices, int64_t rows, int64_t depth, bool rows_major,
                                   const Tensor* zero_point);

// Rounds a scratch offset up to 64 bytes.
inline size_t AlignScratch(size_t bytes) { return (bytes + 63) / 64 * 64; }

}  // namespace edgebench::ops
