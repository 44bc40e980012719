// RunQuantMatMul's template body (quant_mat_mul.h).
#pragma once

#include "runtime/ops/quant/integer_gemm.h"
#include "runtime/ops/quant/quant_params.h"

namespace edgebench::ops {

// The packed B of a run: the state's, or packed now into the scratch.
PackedWeights QuantMatMulWeights(const KernelContext& ctx, const QuantMatMulState& s, int b, int b_zp);

template <typename Emit>
void RunQuantMatMul(const KernelContext& ctx, const QuantMatMulState& s, int a, int a_zp, int b, int b_zp,
                    int32_t* direct_output, Emit emit) {
  const PackedWeights w = QuantMatMulWeights(ctx, s, b, b_zp);
  const Tensor& a_tensor = *ctx.inputs[a];
  const Tensor* a_zero_point = ctx.input(a_zp);
  const DType a_type = a_tensor.dtype();
  const auto* a_data = static_cast<const unsigned char*>(a_tensor.raw_data());
  auto* scratch = static_cast<unsigned char*>(ctx.scratch);
  auto* a_row = reinterpret_cast<uint8_t*>(scratch + s.scratch_a_row);
  auto* acc_row = reinterpret_cast<int32_t*>(scratch + s.scratch_acc);
  const int32_t a_shift = UnsignedShift(a_type);

  int64_t batch_count = 1;
  for (int i = 0; i < s.batch_rank; ++i) batch_count *= s.batch_dims[i];
  int64_t index[kMaxRank] = {};
  int64_t a_matrix = 0, b_matrix = 0;
  for (int64_t batch = 0; batch < batch_count; ++batch) {
    for (int64_t i = 0; i < s.m; ++i) {
      const int64_t a_row_index = a_matrix * s.m + i;
      const uint8_t* row = reinterpret_cast<const uint8_t*>(a_data + a_row_index * s.k);
      if (a_type == DType::kInt8) {
        ToUnsigned(row, a_type, s.k, a_row);
        row = a_row;
      }
      const int64_t zp_index = s.a_zp_count == 1 ? 0 : (s.a_zp_count == s.m ? i : a_row_index);
      const int32_t za = ZeroPointAt(a_zero_point, zp_index) + a_shift;
      const int64_t out_row = batch * s.m + i;
      int32_t* acc = direct_output ? direct_output + out_row * s.n : acc_row;
      const int64_t col = b_matrix * s.n;
      IntegerGemmRow(row, SumOf(row, s.k), za, w.data + col * s.k, s.k, w.sums + col, w.zero_points + col, 1, s.n,
                     s.k, acc);
      emit(out_row, acc);
    }
    // Odometer over the batch dims, keeping A's and B's matrices in step.
    for (int d = s.batch_rank - 1; d >= 0; --d) {
      a_matrix += s.a_batch_strides[d];
      b_matrix += s.b_batch_strides[d];
      if (++index[d] < s.batch_dims[d]) break;
      a_matrix -= s.a_batch_strides[d] * index[d];
      b_matrix -= s.b_batch_strides[d] * index[d];
      index[d] = 0;
    }
  }
}

}  // namespace edgebench::ops
