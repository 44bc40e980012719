// What MatMulInteger and QLinearMatMul share: numpy.matmul shapes (1-D
// promotion, broadcast batch dims, as ONNX MatMul), the zero points (A's per
// tensor or per row, B's per tensor or per column), and the run loop: each
// row of A brought to uint8 and multiplied with B packed as int8 columns
// (packed_weights.h) by the integer GEMM core.
#pragma once

#include <cstdint>
#include <memory>

#include "runtime/ops/op.h"
#include "runtime/ops/quant/packed_weights.h"

namespace edgebench::ops {

struct QuantMatMulState {
  int64_t m = 0, n = 0, k = 0;
  int batch_rank = 0;
  int64_t batch_dims[kMaxRank] = {};
  // Strides, in whole matrices, of A's and B's matrices per batch dim; 0 where broadcast.
  int64_t a_batch_strides[kMaxRank] = {};
  int64_t b_batch_strides[kMaxRank] = {};
  int64_t b_matrices = 1;
  // Zero-point element counts: A's 1, m or (A's matrices) * m; B's 1, n or b_matrices * n.
  int64_t a_zp_count = 1;
  int64_t b_zp_count = 1;
  // B packed at Infer, when B and its zero point are initializers.
  bool b_packed = false;
  OwnedPackedWeights packed;
  // Scratch: packed B (when not packed at Infer), one row of A as uint8, one
  // int32 row of the product, one float row of multipliers.
  size_t scratch_a_row = 0;
  size_t scratch_acc = 0;
  size_t scratch_multipliers = 0;
  size_t scratch_bytes = 0;
};

// Infer's common part. Inputs: A at `a`, its zero point at `a_zp`, B at `b`,
// its zero point at `b_zp` (either zero point may be absent). Sets output 0's
// shape with `y_type` and the state's layout (the caller adds its own scratch
// needs through the returned state before calling ctx.set_state).
Expected<std::shared_ptr<QuantMatMulState>> InferQuantMatMul(InferContext& ctx, int a, int a_zp, int b, int b_zp,
                                                            DType y_type);

// Calls emit(row, acc) for every output row (batch * m + i), with acc[n] its
// int32 product; with `direct_output` set, acc is that row of it (MatMulInteger).
// Uses the scratch from the state's layout.
template <typename Emit>
void RunQuantMatMul(const KernelContext& ctx, const QuantMatMulState& s, int a, int a_zp, int b, int b_zp,
                    int32_t* direct_output, Emit emit);

// MACs = output elements * K (A's last dim, A at input `a`); FLOPs = 2 MACs
// (integer operations); bytes of every input read and of Y written.
OpCost QuantMatMulCost(const CostContext& ctx, int a);

}  // namespace edgebench::ops

#include "runtime/ops/quant/quant_mat_mul_inl.h"
