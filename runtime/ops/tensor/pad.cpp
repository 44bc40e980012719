// Pad: pads (or, with negative pads, crops) every axis. pads holds
// [x1_begin, x2_begin, ..., x1_end, x2_end, ...]: an attribute before opset
// 11 (with the float attribute `value`), an input from 11 (known at session
// creation; the fill comes from the optional scalar input 'constant_value').
// Modes: constant (the fill value), reflect (mirror without repeating the
// edge) and edge (repeat the edge).
//
// Negative pads crop first and the padding then applies to the cropped
// tensor, as onnxruntime does.
#include <algorithm>
#include <cstring>

#include "runtime/ops/tensor/data_movement.h"

namespace edgebench::ops {
namespace {

enum class PadMode { kConstant, kReflect, kEdge };

// One axis: output index o reads cropped index o - before, where the cropped
// range starts at input index `crop` and has `length` elements.
struct PadAxis {
  int64_t before = 0;
  int64_t crop = 0;
  int64_t length = 0;
};

struct PadState {
  PadMode mode = PadMode::kConstant;
  int rank = 0;
  PadAxis axes[kMaxRank];
  uint64_t constant_bits = 0;  // fill when there is no 'constant_value' input
};

// The input index output index `o` reads along `axis`, or -1 for the fill.
int64_t SourceIndex(int64_t o, const PadAxis& axis, PadMode mode) {
  const int64_t p = o - axis.before;
  if (p >= 0 && p < axis.length) return axis.crop + p;
  switch (mode) {
    case PadMode::kConstant: return -1;
    case PadMode::kEdge: return axis.crop + std::clamp<int64_t>(p, 0, axis.length - 1);
    case PadMode::kReflect: {
      if (axis.length == 1) return axis.crop;
      // The mirrored sequence 0, 1, .., n-1, n-2, .., 1 repeats with period 2(n-1).
      const int64_t period = 2 * (axis.length - 1);
      int64_t m = p % period;
      if (m < 0) m += period;
      return axis.crop + (m < axis.length ? m : period - m);
    }
  }
  return -1;
}

Expected<PadMode> ParseMode(const InferContext& ctx) {
  const std::string mode = ctx.attributes().GetString("mode", "constant");
  if (mode == "constant") return PadMode::kConstant;
  if (mode == "reflect") return PadMode::kReflect;
  if (mode == "edge") return PadMode::kEdge;
  if (mode == "wrap") return ctx.UnsupportedError("mode 'wrap' (opset 19) is not implemented");
  return ctx.Error("unknown mode '" + mode + "'; expected constant, reflect or edge");
}

// The `value` attribute of opsets < 11 as the bytes of one element of `dtype`.
Expected<uint64_t> ConstantBits(const InferContext& ctx, float value, DType dtype) {
  uint64_t bits = 0;
  if (value == 0.0f) return bits;  // zero is all-zero bytes in every type
  const bool numeric = VisitNumericDType(dtype, [&](auto zero) {
    const auto converted = static_cast<decltype(zero)>(value);
    std::memcpy(&bits, &converted, sizeof(converted));
  });
  if (!numeric) {
    return ctx.UnsupportedError(std::string("a nonzero 'value' for ") + DTypeName(dtype) + " is not implemented");
  }
  return bits;
}

Status Infer(InferContext& ctx) {
  if (!ctx.has_input(0)) return ctx.Error("missing input 'data'");
  EB_RETURN_IF_ERROR(CheckMovableDType(ctx, 0, "data"));
  EB_RETURN_IF_ERROR(CheckMaxRank(ctx, 0, "data"));
  const DType dtype = ctx.input_dtype(0);
  auto state = std::make_shared<PadState>();
  EB_ASSIGN_OR_RETURN(state->mode, ParseMode(ctx));

  std::vector<int64_t> pads;
  if (ctx.opset() < 11) {
    if (!ctx.attributes().Has("pads")) return ctx.Error("attribute 'pads' is required");
    pads = ctx.attributes().GetInts("pads");
    EB_ASSIGN_OR_RETURN(state->constant_bits, ConstantBits(ctx, ctx.attributes().GetFloat("value", 0.0f), dtype));
  } else {
    if (!ctx.has_input(1)) return ctx.Error("input 'pads' is required");
    EB_RETURN_IF_ERROR(ReadKnownInts(ctx, 1, "pads", &pads));
    if (ctx.has_input(2)) {
      if (ctx.input_dtype(2) != dtype) return ctx.Error("input 'constant_value' must have the type of 'data'");
      if (NumElements(ctx.input_shape(2)) != 1) return ctx.Error("input 'constant_value' must be a scalar");
    }
    if (ctx.has_input(3)) return ctx.UnsupportedError("input 'axes' (opset 18) is not implemented");
  }

  const Shape& in_shape = ctx.input_shape(0);
  const int rank = ctx.input_rank(0);
  if (static_cast<int>(pads.size()) != 2 * rank) {
    return ctx.Error("'pads' " + ShapeToString(pads) + " must have 2 * rank = " + std::to_string(2 * rank) +
                     " entries");
  }
  state->rank = rank;
  Shape out_shape(rank);
  for (int d = 0; d < rank; ++d) {
    const int64_t begin = pads[d];
    const int64_t end = pads[d + rank];
    PadAxis& axis = state->axes[d];
    axis.before = std::max<int64_t>(begin, 0);
    axis.crop = std::max<int64_t>(-begin, 0);
    const int64_t crop_end = std::max<int64_t>(-end, 0);
    axis.length = in_shape[d] - axis.crop - crop_end;
    if (axis.length < 0) {
      return ctx.Error("'pads' " + ShapeToString(pads) + " crop more than dim " + std::to_string(d) + " of size " +
                       std::to_string(in_shape[d]));
    }
    const int64_t after = std::max<int64_t>(end, 0);
    if (axis.length == 0 && (axis.before > 0 || after > 0) && state->mode != PadMode::kConstant) {
      return ctx.Error("cannot pad empty dim " + std::to_string(d) + " in mode " +
                       ctx.attributes().GetString("mode", "constant"));
    }
    out_shape[d] = axis.before + axis.length + after;
  }
  if (ctx.has_output(0)) ctx.set_output(0, dtype, out_shape);
  ctx.set_state(state);
  return Status::Ok();
}

template <typename U>
void PadTyped(const PadState& state, const U* src, const int64_t* in_shape, U fill, const Shape& out_shape, U* dst) {
  const int rank = state.rank;
  if (rank == 0) {
    *dst = *src;
    return;
  }
  int64_t in_strides[kMaxRank];
  int64_t stride = 1;
  for (int d = rank - 1; d >= 0; --d) {
    in_strides[d] = stride;
    stride *= in_shape[d];
  }
  const int last = rank - 1;
  const int64_t row_length = out_shape[last];
  int64_t index[kMaxRank] = {};
  while (true) {
    // Where the output row's outer index reads from, or the fill for all of it.
    int64_t offset = 0;
    bool fill_row = false;
    for (int d = 0; d < last && !fill_row; ++d) {
      const int64_t s = SourceIndex(index[d], state.axes[d], state.mode);
      fill_row = s < 0;
      offset += s * in_strides[d];
    }
    for (int64_t i = 0; i < row_length; ++i) {
      const int64_t s = fill_row ? -1 : SourceIndex(i, state.axes[last], state.mode);
      dst[i] = s < 0 ? fill : src[offset + s];
    }
    dst += row_length;
    int d = last - 1;
    for (; d >= 0; --d) {
      if (++index[d] < out_shape[d]) break;
      index[d] = 0;
    }
    if (d < 0) return;
  }
}

Status Run(const KernelContext& ctx) {
  const auto& state = ctx.get_state<PadState>();
  const Tensor& in = *ctx.inputs[0];
  Tensor& out = *ctx.outputs[0];
  if (out.num_elements() == 0) return Status::Ok();
  const Tensor* constant_value = ctx.opset >= 11 ? ctx.input(2) : nullptr;
  const size_t elem_size = DTypeSize(in.dtype());
  VisitElementBits(elem_size, [&](auto zero) {
    using U = decltype(zero);
    U fill;
    std::memcpy(&fill, constant_value ? constant_value->raw_data() : &state.constant_bits, sizeof(U));
    PadTyped(state, in.data<U>(), in.shape().data(), fill, out.shape(), out.data<U>());
  });
  return Status::Ok();
}

}  // namespace

// Cost: reads the data, not the small pads and value inputs.
extern const OpDef kPad = {"Pad", Infer, Run, CopyDataCost, /*in_place=*/false};

}  // namespace edgebench::ops
