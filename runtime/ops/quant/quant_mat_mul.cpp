#include "runtime/ops/quant/quant_mat_mul.h"

#include <algorithm>
#include <string>

#include "runtime/ops/quant/quant_params.h"

namespace edgebench::ops {
namespace {

// Strides, in whole matrices, over `batch` right-aligned to `out_rank` dims;
// 0 along dims of size 1 so that they broadcast.
void BatchStrides(const Shape& batch, int out_rank, int64_t* strides) {
  const int offset = out_rank - static_cast<int>(batch.size());
  int64_t stride = 1;
  for (int i = out_rank - 1; i >= 0; --i) {
    const int64_t dim = i >= offset ? batch[i - offset] : 1;
    strides[i] = dim == 1 ? 0 : stride;
    stride *= dim;
  }
}

// A zero point's element count: 1 (per tensor), `per_vector` (one per row of
// A or column of B, shared by every matrix) or `all` (one per row or column
// of every matrix: shape [..., m, 1] for A, [..., 1, n] for B).
Status ZeroPointCount(const InferContext& ctx, int input, const char* name, DType dtype, int64_t per_vector,
                      int64_t all, int64_t* count) {
  *count = 1;
  if (!ctx.has_input(input)) return Status::Ok();
  if (ctx.input_dtype(input) != dtype) {
    return ctx.Error(std::string(name) + " has type " + DTypeName(ctx.input_dtype(input)) + ", expected " +
                     DTypeName(dtype));
  }
  const Shape& shape = ctx.input_shape(input);
  const int64_t elements = NumElements(shape);
  if (elements == 1) return Status::Ok();
  if (shape.size() == 1 && elements == per_vector) {
    *count = per_vector;
    return Status::Ok();
  }
  if (shape.size() > 1 && elements == all) {
    *count = all;
    return Status::Ok();
  }
  return ctx.Error(std::string(name) + " has shape " + ShapeToString(shape) + "; expected a scalar, [" +
                   std::to_string(per_vector) + "] or one value per " + (per_vector == all ? "" : "matrix ") +
                   "row or column");
}

}  // namespace

Expected<std::shared_ptr<QuantMatMulState>> InferQuantMatMul(InferContext& ctx, int a, int a_zp, int b, int b_zp,
                                                            DType y_type) {
  if (!ctx.has_input(a) || !ctx.has_input(b)) return ctx.Error("inputs A and B are required");
  for (int i : {a, b}) {
    if (!IsQuant8(ctx.input_dtype(i))) {
      return ctx.UnsupportedError(std::string(i == a ? "A" : "B") + " has type " + DTypeName(ctx.input_dtype(i)) +
                                  "; uint8 and int8 are implemented");
    }
  }
  const Shape& a_shape = ctx.input_shape(a);
  const Shape& b_shape = ctx.input_shape(b);
  if (a_shape.empty() || b_shape.empty()) return ctx.Error("A and B must have rank >= 1");
  if (a_shape.size() > kMaxRank || b_shape.size() > kMaxRank) {
    return ctx.UnsupportedError("rank above " + std::to_string(kMaxRank));
  }
  auto s = std::make_shared<QuantMatMulState>();
  s->m = a_shape.size() == 1 ? 1 : a_shape[a_shape.size() - 2];
  s->k = a_shape.back();
  const int64_t k_b = b_shape.size() == 1 ? b_shape[0] : b_shape[b_shape.size() - 2];
  s->n = b_shape.size() == 1 ? 1 : b_shape.back();
  if (s->k != k_b) return ctx.Error("inner dimensions differ: A " + ShapeToString(a_shape) + ", B " + ShapeToString(b_shape));

  const Shape a_batch(a_shape.begin(), a_shape.end() - std::min<size_t>(a_shape.size(), 2));
  const Shape b_batch(b_shape.begin(), b_shape.end() - std::min<size_t>(b_shape.size(), 2));
  Expected<Shape> batch = BroadcastShapes(a_batch, b_batch);
  if (!batch.ok()) return ctx.Error("batch dims: " + batch.status().message());
  Shape out = *batch;
  if (a_shape.size() >= 2) out.push_back(s->m);
  if (b_shape.size() >= 2) out.push_back(s->n);
  if (out.size() > kMaxRank) return ctx.UnsupportedError("output rank above " + std::to_string(kMaxRank));
  s->batch_rank = static_cast<int>(batch->size());
  for (int i = 0; i < s->batch_rank; ++i) s->batch_dims[i] = (*batch)[i];
  BatchStrides(a_batch, s->batch_rank, s->a_batch_strides);
  BatchStrides(b_batch, s->batch_rank, s->b_batch_strides);
  s->b_matrices = NumElements(b_batch);

  EB_RETURN_IF_ERROR(ZeroPointCount(ctx, a_zp, "A's zero point", ctx.input_dtype(a), s->m,
                                    NumElements(a_batch) * s->m, &s->a_zp_count));
  EB_RETURN_IF_ERROR(ZeroPointCount(ctx, b_zp, "B's zero point", ctx.input_dtype(b), s->n, s->b_matrices * s->n,
                                    &s->b_zp_count));

  const Tensor* b_value = ctx.input_value(b);
  const bool zp_known = !ctx.has_input(b_zp) || ctx.input_value(b_zp) != nullptr;
  size_t bytes = 0;
  if (b_value && zp_known) {
    s->b_packed = true;
    s->packed = PackWeightsOnce(*b_value, s->b_matrices, s->n, s->k, /*rows_major=*/false, ctx.input_value(b_zp));
  } else {
    bytes = PackedWeightsBytes(s->b_matrices * s->n, s->k);
  }
  s->scratch_a_row = bytes;
  bytes += AlignScratch(static_cast<size_t>(s->k));
  s->scratch_acc = bytes;
  bytes += AlignScratch(static_cast<size_t>(s->n) * sizeof(int32_t));
  s->scratch_multipliers = bytes;
  bytes += AlignScratch(static_cast<size_t>(s->n) * sizeof(float));
  s->scratch_bytes = bytes;

  if (ctx.has_output(0)) ctx.set_output(0, y_type, std::move(out));
  return s;
}

OpCost QuantMatMulCost(const CostContext& ctx, int a) {
  OpCost cost = ElementwiseCost(ctx);
  cost.macs = ctx.outputs[0]->num_elements() * ctx.inputs[a]->shape().back();
  cost.flops = 2 * cost.macs;
  return cost;
}

PackedWeights QuantMatMulWeights(const KernelContext& ctx, const QuantMatMulState& s, int b, int b_zp) {
  if (s.b_packed) return s.packed.view;
  const PackedWeights w = LayoutPackedWeights(ctx.scratch, s.b_matrices * s.n, s.k);
  PackWeights(*ctx.inputs[b], s.b_matrices, s.n, s.k, /*rows_major=*/false, ctx.input(b_zp), w);
  return w;
}

}  // namespace edgebench::ops
