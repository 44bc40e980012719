// Tile: repeats `input` repeats[d] times along each dim d; 'repeats' (1-D
// int64, one per dim) must be known at session creation.
#include <cstring>

#include "runtime/ops/tensor/data_movement.h"

namespace edgebench::ops {
namespace {

Status Infer(InferContext& ctx) {
  if (!ctx.has_input(0) || !ctx.has_input(1)) return ctx.Error("needs inputs 'input' and 'repeats'");
  EB_RETURN_IF_ERROR(CheckMovableDType(ctx, 0, "input"));
  EB_RETURN_IF_ERROR(CheckMaxRank(ctx, 0, "input"));
  std::vector<int64_t> repeats;
  EB_RETURN_IF_ERROR(ReadKnownInts(ctx, 1, "repeats", &repeats));
  const Shape& in_shape = ctx.input_shape(0);
  if (ctx.input_rank(1) != 1 || repeats.size() != in_shape.size()) {
    return ctx.Error("input 'repeats' " + ShapeToString(repeats) + " must be 1-D with one entry per input dim (rank " +
                     std::to_string(in_shape.size()) + ")");
  }
  Shape out_shape(in_shape.size());
  for (size_t d = 0; d < in_shape.size(); ++d) {
    if (repeats[d] < 0) return ctx.Error("input 'repeats' " + ShapeToString(repeats) + " has a negative entry");
    if (__builtin_mul_overflow(in_shape[d], repeats[d], &out_shape[d])) {
      return ctx.Error("output size overflows int64");
    }
  }
  if (!CheckedNumElements(out_shape).ok()) return ctx.Error("output size overflows int64");
  if (ctx.has_output(0)) ctx.set_output(0, ctx.input_dtype(0), out_shape);
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const Tensor& in = *ctx.inputs[0];
  Tensor& out = *ctx.outputs[0];
  const int rank = in.rank();
  const size_t elem_size = DTypeSize(in.dtype());
  auto* dst = static_cast<uint8_t*>(out.raw_data());
  if (out.num_elements() == 0) return Status::Ok();
  if (rank == 0) {
    std::memcpy(dst, in.raw_data(), elem_size);
    return Status::Ok();
  }
  int64_t in_strides[kMaxRank];
  int64_t stride = 1;
  for (int d = rank - 1; d >= 0; --d) {
    in_strides[d] = stride;
    stride *= in.dim(d);
  }
  // Each output row (along the last dim) is the matching input row, repeated;
  // output index i along dim d reads input index i % in.dim(d).
  const int last = rank - 1;
  const size_t row_bytes = static_cast<size_t>(in.dim(last)) * elem_size;
  const int64_t row_repeats = out.dim(last) / in.dim(last);
  const auto* src = static_cast<const uint8_t*>(in.raw_data());
  int64_t index[kMaxRank] = {};
  while (true) {
    int64_t offset = 0;
    for (int d = 0; d < last; ++d) offset += (index[d] % in.dim(d)) * in_strides[d];
    for (int64_t r = 0; r < row_repeats; ++r) {
      std::memcpy(dst, src + static_cast<size_t>(offset) * elem_size, row_bytes);
      dst += row_bytes;
    }
    int d = last - 1;
    for (; d >= 0; --d) {
      if (++index[d] < out.dim(d)) break;
      index[d] = 0;
    }
    if (d < 0) return Status::Ok();
  }
}

}  // namespace

// Cost: reads the data, not the small repeats input.
extern const OpDef kTile = {"Tile", Infer, Run, CopyDataCost, /*in_place=*/false};

}  // namespace edgebench::ops
