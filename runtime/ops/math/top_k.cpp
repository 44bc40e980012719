// TopK (ONNX TopK-1..11): the k largest (or smallest) elements along `axis`
// (default -1) and their int64 indices. k is an attribute before opset 10 and
// input 1 from then on; largest and sorted come with opset 11. Equal values
// keep the lower index first, as the spec requires. Results are always sorted,
// which sorted=0 allows.
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "runtime/ops/op.h"

namespace edgebench::ops {
namespace {

// The input seen as [outer, axis_size, inner].
struct TopKState {
  int64_t outer = 1;
  int64_t axis_size = 1;
  int64_t inner = 1;
  int64_t k = 0;
  bool largest = true;
};

Status ReadK(const InferContext& ctx, int64_t* k) {
  if (ctx.opset() < 10) {
    if (!ctx.attributes().Has("k")) return ctx.Error("attribute 'k' is required before opset 10");
    *k = ctx.attributes().GetInt("k", 0);
    return Status::Ok();
  }
  if (!ctx.has_input(1)) return ctx.Error("input 'K' is required from opset 10");
  const Tensor* value = ctx.input_value(1);
  if (!value) {
    return ctx.UnsupportedError("input 'K' must be known at session creation (data-dependent output shape)");
  }
  if (value->dtype() != DType::kInt64 || value->num_elements() != 1 || value->rank() > 1) {
    return ctx.Error("input 'K' must be an int64 tensor of one element");
  }
  *k = value->data<int64_t>()[0];
  return Status::Ok();
}

Status Infer(InferContext& ctx) {
  if (!ctx.has_input(0)) return ctx.Error("missing input 'X'");
  const DType dtype = ctx.input_dtype(0);
  if (dtype != DType::kFloat32 && dtype != DType::kInt32 && dtype != DType::kInt64) {
    return ctx.UnsupportedError(std::string("type ") + DTypeName(dtype) + "; TopK supports float32, int32, int64");
  }
  const Shape& shape = ctx.input_shape(0);
  const int rank = ctx.input_rank(0);
  Expected<int> axis = NormalizeAxis(ctx.attributes().GetInt("axis", -1), rank, "axis");
  if (!axis.ok()) return ctx.Error(axis.status().message());

  auto state = std::make_shared<TopKState>();
  EB_RETURN_IF_ERROR(ReadK(ctx, &state->k));
  if (state->k < 0 || state->k > shape[*axis]) {
    return ctx.Error("k = " + std::to_string(state->k) + " is outside [0, " + std::to_string(shape[*axis]) +
                     "] for axis " + std::to_string(*axis) + " of " + ShapeToString(shape));
  }
  state->largest = ctx.attributes().GetInt("largest", 1) != 0;
  for (int d = 0; d < *axis; ++d) state->outer *= shape[d];
  for (int d = *axis + 1; d < rank; ++d) state->inner *= shape[d];
  state->axis_size = shape[*axis];

  Shape out_shape = shape;
  out_shape[*axis] = state->k;
  if (ctx.has_output(0)) ctx.set_output(0, dtype, out_shape);
  if (ctx.has_output(1)) ctx.set_output(1, DType::kInt64, out_shape);
  ctx.set_scratch_bytes(static_cast<size_t>(state->axis_size) * sizeof(int64_t));
  ctx.set_state(std::move(state));
  return Status::Ok();
}

// A strict weak order in which NaN sorts above every number, so that the
// sort stays well defined on any input.
template <typename T>
bool Less(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(a)) return false;
    if (std::isnan(b)) return true;
  }
  return a < b;
}

template <typename T>
void RunTyped(const TopKState& s, const T* x, T* values, int64_t* indices, int64_t* order) {
  for (int64_t o = 0; o < s.outer; ++o) {
    for (int64_t i = 0; i < s.inner; ++i) {
      const T* column = x + o * s.axis_size * s.inner + i;
      for (int64_t j = 0; j < s.axis_size; ++j) order[j] = j;
      // Ties go to the lower index, which makes the order total.
      auto before = [&](int64_t a, int64_t b) {
        const T va = column[a * s.inner];
        const T vb = column[b * s.inner];
        if (s.largest ? Less(vb, va) : Less(va, vb)) return true;
        if (s.largest ? Less(va, vb) : Less(vb, va)) return false;
        return a < b;
      };
      std::partial_sort(order, order + s.k, order + s.axis_size, before);
      const int64_t out_base = o * s.k * s.inner + i;
      for (int64_t j = 0; j < s.k; ++j) {
        if (values) values[out_base + j * s.inner] = column[order[j] * s.inner];
        if (indices) indices[out_base + j * s.inner] = order[j];
      }
    }
  }
}

Status Run(const KernelContext& ctx) {
  const TopKState& s = ctx.get_state<TopKState>();
  const Tensor& x = *ctx.inputs[0];
  Tensor* values = ctx.output(0);
  int64_t* indices = ctx.output(1) ? ctx.output(1)->data<int64_t>() : nullptr;
  int64_t* order = static_cast<int64_t*>(ctx.scratch);
  switch (x.dtype()) {
    case DType::kFloat32:
      RunTyped(s, x.data<float>(), values ? values->data<float>() : nullptr, indices, order);
      break;
    case DType::kInt32:
      RunTyped(s, x.data<int32_t>(), values ? values->data<int32_t>() : nullptr, indices, order);
      break;
    case DType::kInt64:
      RunTyped(s, x.data<int64_t>(), values ? values->data<int64_t>() : nullptr, indices, order);
      break;
    default: return ctx.Error("unexpected type");
  }
  return Status::Ok();
}

// FLOPs ~ comparisons of a partial sort: n * log2(k) per slice of n elements,
// i.e. (input elements) * log2(k) in all.
OpCost Cost(const CostContext& ctx) {
  const Tensor& x = *ctx.inputs[0];
  const Tensor* out = ctx.outputs[0] ? ctx.outputs[0] : ctx.outputs[1];
  int64_t log2_k = 1;
  Expected<int> axis = NormalizeAxis(ctx.node->attributes.GetInt("axis", -1), x.rank(), "axis");
  if (out && axis.ok()) {
    for (int64_t k = out->dim(*axis); k > 2; k = (k + 1) / 2) ++log2_k;
  }
  OpCost cost;
  cost.flops = x.num_elements() * log2_k;
  cost.bytes_read = static_cast<int64_t>(x.num_bytes());
  for (const Tensor* t : ctx.outputs) {
    if (t) cost.bytes_written += static_cast<int64_t>(t->num_bytes());
  }
  return cost;
}

}  // namespace

extern const OpDef kTopK = {"TopK", Infer, Run, Cost, /*in_place=*/false};

}  // namespace edgebench::ops
