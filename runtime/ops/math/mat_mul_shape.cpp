#include "runtime/ops/math/mat_mul_shape.h"

#include <algorithm>
#include <string>

#include "runtime/core/shape.h"

namespace edgebench::ops {
namespace {

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

}  // namespace

Status InferMatMulShape(const InferContext& ctx, MatMulShape* shape, Shape* y_shape) {
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

  shape->m = a.size() == 1 ? 1 : a[a.size() - 2];
  shape->k = a.back();
  const int64_t k_b = b.size() == 1 ? b[0] : b[b.size() - 2];
  shape->n = b.size() == 1 ? 1 : b.back();
  if (shape->k != k_b) {
    return ctx.Error("inner dimensions differ: A " + ShapeToString(a) + ", B " + ShapeToString(b));
  }

  const Shape a_batch(a.begin(), a.end() - std::min<size_t>(a.size(), 2));
  const Shape b_batch(b.begin(), b.end() - std::min<size_t>(b.size(), 2));
  Expected<Shape> batch = BroadcastShapes(a_batch, b_batch);
  if (!batch.ok()) return ctx.Error("batch dims: " + batch.status().message());
  Shape out = *batch;
  if (a.size() >= 2) out.push_back(shape->m);
  if (b.size() >= 2) out.push_back(shape->n);
  if (out.size() > kMaxRank) return ctx.UnsupportedError("output rank above " + std::to_string(kMaxRank));

  shape->batch_rank = static_cast<int>(batch->size());
  for (int i = 0; i < shape->batch_rank; ++i) shape->batch_dims[i] = (*batch)[i];
  BatchStrides(a_batch, shape->batch_rank, shape->m * shape->k, shape->a_batch_strides);
  BatchStrides(b_batch, shape->batch_rank, shape->k * shape->n, shape->b_batch_strides);

  *y_shape = std::move(out);
  return Status::Ok();
}

}  // namespace edgebench::ops
