// ArgMax (ONNX ArgMax-1..13): int64 index of the largest element along
// `axis` (default 0). Ties resolve to the first index, or the last with
// select_last_index (opset 12+).
#include <memory>
#include <string>

#include "runtime/ops/op.h"

namespace edgebench::ops {
namespace {

// The input seen as [outer, axis_size, inner].
struct ArgMaxState {
  int64_t outer = 1;
  int64_t axis_size = 1;
  int64_t inner = 1;
  bool select_last_index = false;
};

Status Infer(InferContext& ctx) {
  if (!ctx.has_input(0)) return ctx.Error("missing input 'data'");
  const DType dtype = ctx.input_dtype(0);
  if (dtype != DType::kFloat32 && dtype != DType::kInt32 && dtype != DType::kInt64 && dtype != DType::kUInt8 &&
      dtype != DType::kInt8) {
    return ctx.UnsupportedError(std::string("type ") + DTypeName(dtype));
  }
  const Shape& shape = ctx.input_shape(0);
  const int rank = ctx.input_rank(0);
  Expected<int> axis = NormalizeAxis(ctx.attributes().GetInt("axis", 0), rank, "axis");
  if (!axis.ok()) return ctx.Error(axis.status().message());
  if (shape[*axis] == 0) return ctx.Error("ArgMax over an empty axis has no result");
  const bool keepdims = ctx.attributes().GetInt("keepdims", 1) != 0;

  auto state = std::make_shared<ArgMaxState>();
  state->select_last_index = ctx.attributes().GetInt("select_last_index", 0) != 0;
  Shape out_shape;
  for (int d = 0; d < rank; ++d) {
    if (d < *axis) state->outer *= shape[d];
    if (d > *axis) state->inner *= shape[d];
    if (d != *axis) {
      out_shape.push_back(shape[d]);
    } else if (keepdims) {
      out_shape.push_back(1);
    }
  }
  state->axis_size = shape[*axis];
  if (ctx.has_output(0)) ctx.set_output(0, DType::kInt64, std::move(out_shape));
  ctx.set_state(std::move(state));
  return Status::Ok();
}

template <typename T>
void RunTyped(const ArgMaxState& s, const T* x, int64_t* y) {
  for (int64_t o = 0; o < s.outer; ++o) {
    for (int64_t i = 0; i < s.inner; ++i) {
      const T* column = x + o * s.axis_size * s.inner + i;
      int64_t best = 0;
      for (int64_t j = 1; j < s.axis_size; ++j) {
        const T v = column[j * s.inner];
        const T b = column[best * s.inner];
        if (v > b || (s.select_last_index && v == b)) best = j;
      }
      y[o * s.inner + i] = best;
    }
  }
}

Status Run(const KernelContext& ctx) {
  const ArgMaxState& s = ctx.get_state<ArgMaxState>();
  const Tensor& x = *ctx.inputs[0];
  int64_t* y = ctx.outputs[0]->data<int64_t>();
  switch (x.dtype()) {
    case DType::kFloat32: RunTyped(s, x.data<float>(), y); break;
    case DType::kInt32: RunTyped(s, x.data<int32_t>(), y); break;
    case DType::kInt64: RunTyped(s, x.data<int64_t>(), y); break;
    case DType::kUInt8: RunTyped(s, x.data<uint8_t>(), y); break;
    case DType::kInt8: RunTyped(s, x.data<int8_t>(), y); break;
    default: return ctx.Error("unexpected type");
  }
  return Status::Ok();
}

// FLOPs = one comparison per input element.
OpCost Cost(const CostContext& ctx) {
  OpCost cost;
  cost.flops = ctx.inputs[0]->num_elements();
  cost.bytes_read = static_cast<int64_t>(ctx.inputs[0]->num_bytes());
  cost.bytes_written = static_cast<int64_t>(ctx.outputs[0]->num_bytes());
  return cost;
}

}  // namespace

extern const OpDef kArgMax = {"ArgMax", Infer, Run, Cost, /*in_place=*/false};

}  // namespace edgebench::ops
