// MatMul with numpy.matmul semantics (ONNX MatMul-1..13): a 1-D A is
// promoted to [1, K] and a 1-D B to [K, 1], the added dim being removed from
// the result; leading (batch) dims broadcast multidirectionally.
#include <algorithm>
#include <memory>

#include "runtime/ops/op.h"

namespace edgebench::ops {
namespace {

struct MatMulState {
  int64_t m = 0, n = 0, k = 0;
  int batch_rank = 0;
  int64_t batch_dims[kMaxRank] = {};
  // Element strides of A's and B's matrices per batch dim; 0 where broadcast.
  int64_t a_batch_strides[kMaxRank] = {};
  int64_t b_batch_strides[kMaxRank] = {};
};

// Row-major strides of whole matrices over `batch` (right-aligned to
// `out_rank` dims), 0 along dims of size 1 so that they broadcast.
void BatchStrides(const Shape& batch, int out_rank, int64_t matrix_elems, int64_t* strides) {
  const int offset = out_rank - static_cast<int>(batch.size());
  int64_t stride = matrix_elems;
  for (int i = out_rank - 1; i >= 0; --i) {
    const int64_t dim = i >= offset ? batch[i - offset] : 1;
    strides[i] = dim == 1 ? 0 : stride;
    stride *= dim;
  }
}

Status Infer(InferContext& ctx) {
  if (!ctx.has_input(0) || !ctx.has_input(1)) return ctx.Error("inputs 'A' and 'B' are required");
  const DType dtype = ctx.input_dtype(0);
  if (ctx.input_dtype(1) != dtype) {
    return ctx.Error(std::string("A and B types differ: ") + DTypeName(dtype) + " vs " +
                     DTypeName(ctx.input_dtype(1)));
  }
  if (dtype != DType::kFloat32 && dtype != DType::kInt32 && dtype != DType::kInt64) {
    return ctx.UnsupportedError(std::string("type ") + DTypeName(dtype) +
                                "; MatMul supports float32, int32, int64");
  }
  const Shape& a = ctx.input_shape(0);
  const Shape& b = ctx.input_shape(1);
  if (a.empty() || b.empty()) return ctx.Error("MatMul inputs must have rank >= 1 (numpy.matmul rejects scalars)");
  if (a.size() > kMaxRank || b.size() > kMaxRank) {
    return ctx.UnsupportedError("rank above " + std::to_string(kMaxRank));
  }

  auto state = std::make_shared<MatMulState>();
  state->m = a.size() == 1 ? 1 : a[a.size() - 2];
  state->k = a.back();
  const int64_t k_b = b.size() == 1 ? b[0] : b[b.size() - 2];
  state->n = b.size() == 1 ? 1 : b.back();
  if (state->k != k_b) {
    return ctx.Error("inner dimensions differ: A " + ShapeToString(a) + ", B " + ShapeToString(b));
  }

  const Shape a_batch(a.begin(), a.end() - std::min<size_t>(a.size(), 2));
  const Shape b_batch(b.begin(), b.end() - std::min<size_t>(b.size(), 2));
  Expected<Shape> batch = BroadcastShapes(a_batch, b_batch);
  if (!batch.ok()) return ctx.Error("batch dims: " + batch.status().message());
  Shape out = *batch;
  if (a.size() >= 2) out.push_back(state->m);
  if (b.size() >= 2) out.push_back(state->n);
  if (out.size() > kMaxRank) return ctx.UnsupportedError("output rank above " + std::to_string(kMaxRank));

  state->batch_rank = static_cast<int>(batch->size());
  for (int i = 0; i < state->batch_rank; ++i) state->batch_dims[i] = (*batch)[i];
  BatchStrides(a_batch, state->batch_rank, state->m * state->k, state->a_batch_strides);
  BatchStrides(b_batch, state->batch_rank, state->k * state->n, state->b_batch_strides);

  if (ctx.has_output(0)) ctx.set_output(0, dtype, std::move(out));
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
void RunTyped(const MatMulState& s, const T* a, const T* b, T* y) {
  int64_t batch_count = 1;
  for (int i = 0; i < s.batch_rank; ++i) batch_count *= s.batch_dims[i];
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
  const MatMulState& s = ctx.get_state<MatMulState>();
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
