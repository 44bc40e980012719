#include "runtime/ops/quant/packed_weights.h"

#include "runtime/ops/quant/integer_gemm.h"
#include "runtime/ops/quant/quant_params.h"

namespace edgebench::ops {

size_t PackedWeightsBytes(int64_t rows, int64_t depth) {
  const auto r = static_cast<size_t>(rows);
  return AlignScratch(r * static_cast<size_t>(depth)) + 2 * AlignScratch(r * sizeof(int32_t));
}

PackedWeights LayoutPackedWeights(void* memory, int64_t rows, int64_t depth) {
  auto* base = static_cast<unsigned char*>(memory);
  const size_t data_bytes = AlignScratch(static_cast<size_t>(rows * depth));
  const size_t sums_bytes = AlignScratch(static_cast<size_t>(rows) * sizeof(int32_t));
  PackedWeights p;
  p.data = reinterpret_cast<int8_t*>(base);
  p.sums = reinterpret_cast<int32_t*>(base + data_bytes);
  p.zero_points = reinterpret_cast<int32_t*>(base + data_bytes + sums_bytes);
  return p;
}

void PackWeights(const Tensor& w, int64_t matrices, int64_t rows, int64_t depth, bool rows_major,
                 const Tensor* zero_point, const PackedWeights& out) {
  const DType dtype = w.dtype();
  const auto* src = static_cast<const unsigned char*>(w.raw_data());
  const int64_t zp_count = zero_point ? zero_point->num_elements() : 1;
  const int32_t shift = SignedShift(dtype);
  for (int64_t i = 0; i < matrices; ++i) {
    const unsigned char* matrix = src + i * rows * depth;
    for (int64_t r = 0; r < rows; ++r) {
      int8_t* row = out.data + (i * rows + r) * depth;
      if (rows_major) {
        ToSigned(matrix + r * depth, dtype, depth, row);
      } else {
        for (int64_t k = 0; k < depth; ++k) row[k] = static_cast<int8_t>(SignedValue(matrix, dtype, k * rows + r));
      }
      out.sums[i * rows + r] = SumOf(row, depth);
      const int64_t zp_index = zp_count == 1 ? 0 : (zp_count == rows ? r : i * rows + r);
      out.zero_points[i * rows + r] = ZeroPointAt(zero_point, zp_index) + shift;
    }
  }
}

OwnedPackedWeights PackWeightsOnce(const Tensor& w, int64_t matrices, int64_t rows, int64_t depth, bool rows_major,
                                   const Tensor* zero_point) {
  OwnedPackedWeights owned;
  // 63 spare bytes to align the start, as the scratch is aligned.
  owned.storage.resize(PackedWeightsBytes(matrices * rows, depth) + 63);
  auto address = reinterpret_cast<uintptr_t>(owned.storage.data());
  void* aligned = owned.storage.data() + (AlignScratch(address) - address);
  owned.view = LayoutPackedWeights(aligned, matrices * rows, depth);
  PackWeights(w, matrices, rows, depth, rows_major, zero_point, owned.view);
  return owned;
}

}  // namespace edgebench::ops
