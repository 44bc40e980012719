#include "runtime/backends/eigen/eigen_gemm.h"

#include <algorithm>

#include <Eigen/Core>

namespace edgebench::eigen {
namespace {

using Eigen::Index;

constexpr size_t kAlignment = 64;

float* AlignUp(void* p) {
  const auto address = reinterpret_cast<uintptr_t>(p);
  return reinterpret_cast<float*>((address + kAlignment - 1) & ~uintptr_t{kAlignment - 1});
}

// Eigen's blocking object with its packing buffers in the caller's scratch
// instead of the heap or the stack (level3_blocking is what Eigen's own
// product driver hands to general_matrix_matrix_product).
class ScratchBlocking : public Eigen::internal::level3_blocking<float, float> {
 public:
  ScratchBlocking(const GemmBlocking& blocking, void* scratch) {
    m_kc = blocking.kc;
    m_mc = blocking.mc;
    m_nc = blocking.nc;
    m_blockA = AlignUp(scratch);
    m_blockB = AlignUp(m_blockA + m_kc * m_mc);
  }
};

template <int AOrder, int BOrder>
void Gebp(ScratchBlocking& blocking, int64_t m, int64_t n, int64_t k, float alpha, const GemmOperand& a,
          const GemmOperand& b, float* c, int64_t ldc) {
  Eigen::internal::general_matrix_matrix_product<Index, float, AOrder, false, float, BOrder, false, Eigen::RowMajor,
                                                 1>::run(m, n, k, a.data, a.ld, b.data, b.ld, c, 1, ldc, alpha,
                                                         blocking);
}

// op(X) as an Eigen matrix with unit inner stride, as Eigen's matrix-vector
// kernels want: a transposed operand is the same memory read column-major.
using RowMajorMap = Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>, 0,
                               Eigen::OuterStride<>>;
using ColMajorMap = Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>, 0,
                               Eigen::OuterStride<>>;
using VectorMap = Eigen::Map<const Eigen::VectorXf, 0, Eigen::InnerStride<>>;
using OutVectorMap = Eigen::Map<Eigen::VectorXf, 0, Eigen::InnerStride<>>;

template <typename Fn>
void WithOperand(const GemmOperand& x, int64_t rows, int64_t cols, const Fn& fn) {
  if (x.transposed) {
    fn(ColMajorMap(x.data, rows, cols, Eigen::OuterStride<>(x.ld)));
  } else {
    fn(RowMajorMap(x.data, rows, cols, Eigen::OuterStride<>(x.ld)));
  }
}

// m == 1 or n == 1: a matrix-vector product, which packs nothing. Eigen
// copies a strided vector operand or result to the stack (alloca) below
// EIGEN_STACK_ALLOCATION_LIMIT (32k floats), as every model here stays.
void Gemv(int64_t m, int64_t n, int64_t k, float alpha, const GemmOperand& a, const GemmOperand& b, float* c,
          int64_t ldc) {
  if (m == 1) {
    // y^T[n] += alpha * op(B)^T * op(A)^T, with op(A)'s one row as the vector.
    const VectorMap a_row(a.data, k, Eigen::InnerStride<>(a.transposed ? a.ld : 1));
    OutVectorMap y(c, n, Eigen::InnerStride<>(1));
    WithOperand(b, k, n, [&](const auto& op_b) { y.noalias() += (alpha * op_b.transpose()) * a_row; });
  } else {
    const VectorMap b_col(b.data, k, Eigen::InnerStride<>(b.transposed ? 1 : b.ld));
    OutVectorMap y(c, m, Eigen::InnerStride<>(ldc));
    WithOperand(a, m, k, [&](const auto& op_a) { y.noalias() += (alpha * op_a) * b_col; });
  }
}

}  // namespace

GemmBlocking PlanGemm(int64_t m, int64_t n, int64_t k) {
  // The same choice Eigen's product makes for a row-major result (which it
  // computes as the column-major transpose, so mc runs along n).
  Eigen::internal::gemm_blocking_space<Eigen::RowMajor, float, float, Eigen::Dynamic, Eigen::Dynamic, Eigen::Dynamic>
      space(m, n, k, 1, true);
  return {space.kc(), space.mc(), space.nc()};
}

size_t GemmScratchBytes(const GemmBlocking& blocking) {
  const size_t floats = static_cast<size_t>(blocking.kc * (blocking.mc + blocking.nc));
  return floats * sizeof(float) + 2 * kAlignment;
}

// Eigen computes the row-major C = A * B as the column-major C^T = B^T * A^T:
// its left operand (packed per call) is B^T, its right operand A^T.
using Traits = Eigen::internal::gebp_traits<float, float>;
using ColMajorMapper = Eigen::internal::const_blas_data_mapper<float, Index, Eigen::ColMajor>;
using ResultMapper = Eigen::internal::blas_data_mapper<float, Index, Eigen::ColMajor, Eigen::Unaligned, 1>;

PackedA PackedA::Pack(const GemmBlocking& blocking, const float* a, int64_t lda, int64_t m, int64_t k,
                      int64_t block_rows) {
  PackedA p;
  p.blocking_ = blocking;
  p.m_ = m;
  p.k_ = k;
  p.block_rows_ = block_rows;
  p.k_blocks_ = (k + blocking.kc - 1) / blocking.kc;
  p.column_blocks_ = (block_rows + blocking.nc - 1) / blocking.nc;
  const int64_t blocks = (m + block_rows - 1) / block_rows;
  p.offsets_.assign(static_cast<size_t>(blocks * p.k_blocks_ * p.column_blocks_), 0);
  // Panel sizes first (aligned to 16 floats), then one allocation.
  int64_t total = 0;
  for (int64_t rb = 0; rb < blocks; ++rb) {
    const int64_t rows = std::min(block_rows, m - rb * block_rows);
    for (int64_t kb = 0; kb < p.k_blocks_; ++kb) {
      const int64_t depth = std::min(blocking.kc, k - kb * blocking.kc);
      for (int64_t jb = 0; jb * blocking.nc < rows; ++jb) {
        const int64_t cols = std::min(blocking.nc, rows - jb * blocking.nc);
        p.offsets_[static_cast<size_t>((rb * p.k_blocks_ + kb) * p.column_blocks_ + jb)] = total;
        total += (depth * cols + 15) / 16 * 16;
      }
    }
  }
  p.storage_.assign(static_cast<size_t>(total) + kAlignment / sizeof(float), 0.0f);
  p.base_ = static_cast<size_t>(AlignUp(p.storage_.data()) - p.storage_.data());
  Eigen::internal::gemm_pack_rhs<float, Index, ColMajorMapper, Traits::nr, Eigen::ColMajor> pack_rhs;
  for (int64_t rb = 0; rb < blocks; ++rb) {
    const int64_t rows = std::min(block_rows, m - rb * block_rows);
    const ColMajorMapper a_transposed(a + rb * block_rows * lda, lda);  // A_block^T: [k x rows]
    for (int64_t kb = 0; kb < p.k_blocks_; ++kb) {
      const int64_t depth = std::min(blocking.kc, k - kb * blocking.kc);
      for (int64_t jb = 0; jb * blocking.nc < rows; ++jb) {
        const int64_t cols = std::min(blocking.nc, rows - jb * blocking.nc);
        pack_rhs(p.MutablePanel(rb, kb, jb), a_transposed.getSubMapper(kb * blocking.kc, jb * blocking.nc),
                 depth, cols);
      }
    }
  }
  return p;
}

const float* PackedA::Panel(int64_t block, int64_t k_block, int64_t column_block) const {
  const size_t index = static_cast<size_t>((block * k_blocks_ + k_block) * column_blocks_ + column_block);
  return storage_.data() + base_ + offsets_[index];
}

float* PackedA::MutablePanel(int64_t block, int64_t k_block, int64_t column_block) {
  return const_cast<float*>(static_cast<const PackedA*>(this)->Panel(block, k_block, column_block));
}

// Eigen's sequential GEMM loop (general_matrix_matrix_product::run) with the
// right operand's panels taken from the packed A instead of packed per call.
void GemmAccumulatePacked(const PackedA& a, int64_t block, int64_t n, float alpha, const GemmOperand& b, float* c,
                          int64_t ldc, void* scratch) {
  const GemmBlocking& blocking = a.blocking_;
  const int64_t rows_a = std::min(a.block_rows_, a.m_ - block * a.block_rows_);
  if (n <= 0 || rows_a <= 0 || a.k_ <= 0) return;
  const ColMajorMapper b_transposed(b.data, b.ld);  // B^T: [n x k]
  const ResultMapper c_transposed(c, ldc);          // C^T: [n x rows_a]
  Eigen::internal::gemm_pack_lhs<float, Index, ColMajorMapper, Traits::mr, Traits::LhsProgress,
                                 typename Traits::LhsPacket4Packing, Eigen::ColMajor>
      pack_lhs;
  Eigen::internal::gebp_kernel<float, float, Index, ResultMapper, Traits::mr, Traits::nr, false, false> gebp;
  float* packed_b = AlignUp(scratch);
  for (int64_t i2 = 0; i2 < n; i2 += blocking.mc) {
    const int64_t mc = std::min(blocking.mc, n - i2);
    for (int64_t kb = 0; kb < a.k_blocks_; ++kb) {
      const int64_t k2 = kb * blocking.kc;
      const int64_t kc = std::min(blocking.kc, a.k_ - k2);
      pack_lhs(packed_b, b_transposed.getSubMapper(i2, k2), kc, mc);
      for (int64_t jb = 0; jb * blocking.nc < rows_a; ++jb) {
        const int64_t nc = std::min(blocking.nc, rows_a - jb * blocking.nc);
        gebp(c_transposed.getSubMapper(i2, jb * blocking.nc), packed_b, a.Panel(block, kb, jb), mc, kc, nc, alpha);
      }
    }
  }
}

GemmTiling ChooseGemmTiling(int64_t m, int64_t n, int64_t batches, int threads) {
  constexpr int64_t kMaxTile = 256;
  constexpr int64_t kQuantum = 16;
  GemmTiling t;
  t.tile_m = std::max<int64_t>(1, std::min(m, kMaxTile));
  t.tile_n = std::max<int64_t>(1, std::min(n, kMaxTile));
  auto count = [](int64_t size, int64_t tile) { return (size + tile - 1) / tile; };
  auto halve = [&](int64_t tile) { return ((tile / 2) + kQuantum - 1) / kQuantum * kQuantum; };
  while (threads > 1 && batches * count(m, t.tile_m) * count(n, t.tile_n) < 2 * threads) {
    if (t.tile_n >= 2 * kQuantum) {
      t.tile_n = halve(t.tile_n);
    } else if (t.tile_m >= 2 * kQuantum) {
      t.tile_m = halve(t.tile_m);
    } else {
      break;
    }
  }
  t.tiles_m = count(m, t.tile_m);
  t.tiles_n = count(n, t.tile_n);
  return t;
}

void GemmAccumulate(const GemmBlocking& blocking, int64_t m, int64_t n, int64_t k, float alpha, const GemmOperand& a,
                    const GemmOperand& b, float* c, int64_t ldc, void* scratch) {
  if (m <= 0 || n <= 0 || k <= 0) return;
  if (m == 1 || n == 1) return Gemv(m, n, k, alpha, a, b, c, ldc);
  ScratchBlocking scratch_blocking(blocking, scratch);
  if (!a.transposed && !b.transposed) {
    Gebp<Eigen::RowMajor, Eigen::RowMajor>(scratch_blocking, m, n, k, alpha, a, b, c, ldc);
  } else if (!a.transposed) {
    Gebp<Eigen::RowMajor, Eigen::ColMajor>(scratch_blocking, m, n, k, alpha, a, b, c, ldc);
  } else if (!b.transposed) {
    Gebp<Eigen::ColMajor, Eigen::RowMajor>(scratch_blocking, m, n, k, alpha, a, b, c, ldc);
  } else {
    Gebp<Eigen::ColMajor, Eigen::ColMajor>(scratch_blocking, m, n, k, alpha, a, b, c, ldc);
  }
}

}  // namespace edgebench::eigen
