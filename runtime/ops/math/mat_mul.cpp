// MatMul with numpy.matmul semantics (ONNX MatMul-1..13): a 1-D A is
// promoted to [1, K] and a 1-D B to [K, 1], the added dim being removed from
// the result; leading (batch) dims broadcast multidirectionally.
#include <memory>

#include "runtime/ops/math/mat_mul_shape.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {
namespace {

Status Infer(InferContext& ctx) {
  auto state = std::make_shared<MatMulShape>();
  Shape out;
  EB_RETURN_IF_ERROR(InferMatMulShape(ctx, state.get(), &out));
  if (ctx.has_output(0)) ctx.set_output(0, ctx.input_dtype(0), std::move(out));
  ctx.set_state(std::move(state));
  return Status::Ok();
}

// One [M, K] x [K, N] product in i-k-j order: the inner loop streams a row of
// B into a row of Y.
template <typename T>
void MatMulOne(const T* a, const T* b, T* y, int64_t m_size, int64_t n_size, int64_t k_size) {
  for (int64_t m = 0; m < m_size; ++m) {
    T* y_row = y + m * n_size;
    for (int64_t n = 0; n < n_size; ++n) y_row[n] = T{0};
    for (int64_t k = 0; k < k_size; ++k) {
      const T a_mk = a[m * k_size + k];
      const T* b_row = b + k * n_size;
      for (int64_t n = 0; n < n_size; ++n) y_row[n] += a_mk * b_row[n];
    }
  }
}

template <typename T>
void RunTyped(const MatMulShape& s, const T* a, const T* b, T* y) {
  const int64_t batch_count = s.batch_count();
  int64_t index[kMaxRank] = {};
  int64_t a_offset = 0, b_offset = 0;
  for (int64_t batch = 0; batch < batch_count; ++batch) {
    MatMulOne(a + a_offset, b + b_offset, y + batch * s.m * s.n, s.m, s.n, s.k);
    // Odometer over the batch dims, keeping A's and B's offsets in step.
    for (int d = s.batch_rank - 1; d >= 0; --d) {
      a_offset += s.a_batch_strides[d];
      b_offset += s.b_batch_strides[d];
      if (++index[d] < s.batch_dims[d]) break;
      a_offset -= s.a_batch_strides[d] * index[d];
      b_offset -= s.b_batch_strides[d] * index[d];
      index[d] = 0;
    }
  }
}

Status Run(const KernelContext& ctx) {
  const MatMulShape& s = ctx.get_state<MatMulShape>();
  const Tensor& a = *ctx.inputs[0];
  const Tensor& b = *ctx.inputs[1];
  Tensor& y = *ctx.outputs[0];
  switch (a.dtype()) {
    case DType::kFloat32: RunTyped(s, a.data<float>(), b.data<float>(), y.data<float>()); break;
    case DType::kInt32: RunTyped(s, a.data<int32_t>(), b.data<int32_t>(), y.data<int32_t>()); break;
    case DType::kInt64: RunTyped(s, a.data<int64_t>(), b.data<int64_t>(), y.data<int64_t>()); break;
    default: return ctx.Error("unexpected type");
  }
  return Status::Ok();
}

// MACs = batch * M * N * K, where batch * M * N is the output's element count
// and K is A's last dim; FLOPs = 2 MACs.
OpCost Cost(const CostContext& ctx) {
  const int64_t k = ctx.inputs[0]->shape().back();
  OpCost cost;
  cost.macs = ctx.outputs[0]->num_elements() * k;
  cost.flops = 2 * cost.macs;
  cost.bytes_read = static_cast<int64_t>(ctx.inputs[0]->num_bytes() + ctx.inputs[1]->num_bytes());
  cost.bytes_written = static_cast<int64_t>(ctx.outputs[0]->num_bytes());
  return cost;
}

}  // namespace

extern const OpDef kMatMul = {"MatMul", Infer, Run, Cost, /*in_place=*/false};

}  // namespace edgebench::ops
