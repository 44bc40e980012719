// One single-threaded float32 GEMM through Eigen's blocked kernel (gebp),
// with its packing buffers in memory the caller planned: Eigen's own product
// allocates them on the heap once they pass EIGEN_STACK_ALLOCATION_LIMIT,
// and run() must not allocate. The eigen backend's kernels split their work
// into tiles with the runtime's pool and call this once per tile; Eigen never
// starts threads of its own (EIGEN_DONT_PARALLELIZE).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace edgebench::eigen {

// A row-major matrix operand: element (i, j) of op(X) is data[i * ld + j],
// or data[j * ld + i] when transposed.
struct GemmOperand {
  const float* data = nullptr;
  int64_t ld = 0;
  bool transposed = false;
};

// Eigen's cache blocking for the largest product a kernel will run: kc along
// K, and the panel sizes of its two packed operands. Smaller products (tile
// tails) reuse it.
struct GemmBlocking {
  int64_t kc = 0;
  int64_t mc = 0;
  int64_t nc = 0;
};

// The blocking Eigen chooses for a [m x k] * [k x n] product on this CPU's caches.
GemmBlocking PlanGemm(int64_t m, int64_t n, int64_t k);

// Bytes of packing scratch one GemmAccumulate call with `blocking` needs,
// alignment slack included.
size_t GemmScratchBytes(const GemmBlocking& blocking);

// C[m x n] (row-major, leading dim ldc) += alpha * op(A)[m x k] * op(B)[k x n].
// `scratch` holds GemmScratchBytes(blocking) bytes, used by this call only.
// A product with m or n of 1 runs as a matrix-vector product instead, which
// packs nothing.
void GemmAccumulate(const GemmBlocking& blocking, int64_t m, int64_t n, int64_t k, float alpha, const GemmOperand& a,
                    const GemmOperand& b, float* c, int64_t ldc, void* scratch);

// A constant A [m x k] (row-major), the conv weights, packed once at session
// creation into the panels Eigen's kernel reads, in blocks of `block_rows`
// rows (a kernel's filter blocks). Eigen's own product repacks A on every
// call, which for a late layer (few pixels, many filters) costs as much as
// the product.
class PackedA {
 public:
  PackedA() = default;
  // Packs A for products planned with `blocking` (PlanGemm with m = block_rows).
  static PackedA Pack(const GemmBlocking& blocking, const float* a, int64_t lda, int64_t m, int64_t k,
                      int64_t block_rows);
  bool empty() const { return storage_.empty(); }

 private:
  friend void GemmAccumulatePacked(const PackedA& a, int64_t block, int64_t n, float alpha, const GemmOperand& b,
                                   float* c, int64_t ldc, void* scratch);
  const float* Panel(int64_t block, int64_t k_block, int64_t column_block) const;
  float* MutablePanel(int64_t block, int64_t k_block, int64_t column_block);

  GemmBlocking blocking_;
  int64_t m_ = 0, k_ = 0, block_rows_ = 0, k_blocks_ = 0, column_blocks_ = 0;
  std::vector<float> storage_;
  size_t base_ = 0;               // first 64-byte aligned element of storage_
  std::vector<int64_t> offsets_;  // panel offsets from base_, per (block, k block, column block)
};

// C[rows of A's row block `block` x n] (row-major, ldc) += alpha * A_block * B,
// with B [k x n] not transposed. `scratch` holds GemmScratchBytes(blocking).
void GemmAccumulatePacked(const PackedA& a, int64_t block, int64_t n, float alpha, const GemmOperand& b, float* c,
                          int64_t ldc, void* scratch);

// How a kernel cuts a batch of [m x n] products into tiles for the pool.
struct GemmTiling {
  int64_t tile_m = 0;
  int64_t tile_n = 0;
  int64_t tiles_m = 0;
  int64_t tiles_n = 0;
};

// Tiles of at most 256 x 256, halved (N first, then M, in steps of 16) until
// `batches` products give every one of `threads` threads two tiles or the
// tiles reach 16: small products stay whole.
GemmTiling ChooseGemmTiling(int64_t m, int64_t n, int64_t batches, int threads);

}  // namespace edgebench::eigen
