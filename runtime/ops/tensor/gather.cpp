// Gather: picks slices of `data` along `axis` at `indices` (int32 or int64;
// negative counts from the back). Output shape:
// data.shape[:axis] + indices.shape + data.shape[axis+1:].
#include <cstring>

#include "runtime/ops/tensor/data_movement.h"

namespace edgebench::ops {
namespace {

struct GatherState {
  int axis = 0;
};

// `index` in [-dim, dim) moved to [0, dim); false when out of range.
bool NormalizeIndex(int64_t dim, int64_t* index) {
  if (*index < -dim || *index >= dim) return false;
  if (*index < 0) *index += dim;
  return true;
}

Status Infer(InferContext& ctx) {
  if (!ctx.has_input(0) || !ctx.has_input(1)) return ctx.Error("needs inputs 'data' and 'indices'");
  EB_RETURN_IF_ERROR(CheckMovableDType(ctx, 0, "data"));
  const DType index_type = ctx.input_dtype(1);
  if (index_type != DType::kInt32 && index_type != DType::kInt64) {
    return ctx.Error(std::string("input 'indices' must be int32 or int64, not ") + DTypeName(index_type));
  }
  const Shape& data_shape = ctx.input_shape(0);
  if (data_shape.empty()) return ctx.Error("input 'data' must have rank >= 1");
  auto axis = NormalizeAxis(ctx.attributes().GetInt("axis", 0), ctx.input_rank(0), "attribute 'axis'");
  if (!axis.ok()) return ctx.Error(axis.status().message());

  const int64_t dim = data_shape[*axis];
  if (const Tensor* indices = ctx.input_value(1)) {
    for (int64_t k = 0; k < indices->num_elements(); ++k) {
      int64_t index = IntElement(*indices, k);
      if (!NormalizeIndex(dim, &index)) {
        return ctx.Error("index " + std::to_string(IntElement(*indices, k)) + " is out of range for axis " +
                         std::to_string(*axis) + " of size " + std::to_string(dim));
      }
    }
  }

  Shape out_shape(data_shape.begin(), data_shape.begin() + *axis);
  out_shape.insert(out_shape.end(), ctx.input_shape(1).begin(), ctx.input_shape(1).end());
  out_shape.insert(out_shape.end(), data_shape.begin() + *axis + 1, data_shape.end());
  if (ctx.has_output(0)) ctx.set_output(0, ctx.input_dtype(0), out_shape);
  ctx.set_state(std::make_shared<GatherState>(GatherState{*axis}));
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const Tensor& data = *ctx.inputs[0];
  const Tensor& indices = *ctx.inputs[1];
  Tensor& out = *ctx.outputs[0];
  const int axis = ctx.get_state<GatherState>().axis;
  const Shape& shape = data.shape();
  int64_t outer = 1;
  for (int d = 0; d < axis; ++d) outer *= shape[d];
  int64_t inner = 1;
  for (int d = axis + 1; d < data.rank(); ++d) inner *= shape[d];
  const int64_t dim = shape[axis];
  const int64_t num_indices = indices.num_elements();
  const size_t chunk_bytes = static_cast<size_t>(inner) * DTypeSize(data.dtype());
  if (chunk_bytes == 0) return Status::Ok();

  const auto* src = static_cast<const uint8_t*>(data.raw_data());
  auto* dst = static_cast<uint8_t*>(out.raw_data());
  for (int64_t k = 0; k < num_indices; ++k) {
    int64_t index = IntElement(indices, k);
    if (!NormalizeIndex(dim, &index)) return ctx.Error("index out of range");
  }
  for (int64_t o = 0; o < outer; ++o) {
    const uint8_t* src_block = src + static_cast<size_t>(o * dim) * chunk_bytes;
    for (int64_t k = 0; k < num_indices; ++k) {
      int64_t index = IntElement(indices, k);
      NormalizeIndex(dim, &index);
      std::memcpy(dst, src_block + static_cast<size_t>(index) * chunk_bytes, chunk_bytes);
      dst += chunk_bytes;
    }
  }
  return Status::Ok();
}

// Reads the gathered slices and the indices, writes the output.
OpCost Cost(const CostContext& ctx) {
  const int64_t out_bytes = ctx.outputs[0] ? static_cast<int64_t>(ctx.outputs[0]->num_bytes()) : 0;
  return CopyCost(ctx, out_bytes + static_cast<int64_t>(ctx.inputs[1]->num_bytes()));
}

}  // namespace

extern const OpDef kGather = {"Gather", Infer, Run, Cost, /*in_place=*/false};

}  // namespace edgebench::ops
