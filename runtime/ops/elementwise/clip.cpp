// Clip: Y = min(max(X, min), max). Opset 6 takes min and max as attributes;
// opset 11 makes them optional scalar inputs; opset 12 adds integer types.
// When min > max every element becomes max, as the spec says.
#include <algorithm>
#include <limits>
#include <memory>

#include "runtime/ops/elementwise/elementwise.h"

namespace edgebench::ops {
namespace {

using Types = NumericTypes;

struct ClipState {
  bool bounds_are_inputs;  // opset >= 11
  float min_attribute;     // opset < 11
  float max_attribute;
};

Status Infer(InferContext& ctx) {
  auto state = std::make_shared<ClipState>();
  state->bounds_are_inputs = ctx.opset() >= 11;
  if (state->bounds_are_inputs) {
    EB_RETURN_IF_ERROR(CheckInputCount(ctx, 1, 3));
    EB_RETURN_IF_ERROR(ctx.opset() >= 12 ? CheckInputDType<Types>(ctx, 0) : CheckInputDType<FloatTypes>(ctx, 0));
    for (int i = 1; i < 3; ++i) {
      if (!ctx.has_input(i)) continue;
      const char* name = i == 1 ? "min" : "max";
      if (ctx.input_dtype(i) != ctx.input_dtype(0)) {
        return ctx.Error(std::string(name) + " has dtype " + DTypeName(ctx.input_dtype(i)) + " but the input has " +
                         DTypeName(ctx.input_dtype(0)));
      }
      // The spec asks for a scalar; a one-element tensor ([1]) is what some
      // exporters write and reads the same.
      if (NumElements(ctx.input_shape(i)) != 1) {
        return ctx.Error(std::string(name) + " must be a scalar, got shape " +
                         ShapeToString(ctx.input_shape(i)));
      }
    }
  } else {
    EB_RETURN_IF_ERROR(CheckInputCount(ctx, 1, 1));
    EB_RETURN_IF_ERROR(CheckInputDType<FloatTypes>(ctx, 0));
    state->min_attribute = ctx.attributes().GetFloat("min", std::numeric_limits<float>::lowest());
    state->max_attribute = ctx.attributes().GetFloat("max", std::numeric_limits<float>::max());
  }
  ctx.set_output(0, ctx.input_dtype(0), ctx.input_shape(0));
  ctx.set_state(std::move(state));
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const ClipState& state = ctx.get_state<ClipState>();
  const Tensor& x = *ctx.inputs[0];
  Tensor& y = *ctx.outputs[0];
  const int64_t n = x.num_elements();
  Types::Visit(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    // Read the bounds before writing: the output may share a bound's buffer.
    T lo = std::numeric_limits<T>::lowest();
    T hi = std::numeric_limits<T>::max();
    if (state.bounds_are_inputs) {
      if (ctx.input(1)) lo = ctx.input(1)->data<T>()[0];
      if (ctx.input(2)) hi = ctx.input(2)->data<T>()[0];
    } else {
      lo = static_cast<T>(state.min_attribute);
      hi = static_cast<T>(state.max_attribute);
    }
    const T* in = x.data<T>();
    T* out = y.data<T>();
    for (int64_t i = 0; i < n; ++i) out[i] = std::min(std::max(in[i], lo), hi);
  });
  return Status::Ok();
}

}  // namespace

extern const OpDef kClip = {"Clip", Infer, Run, nullptr, true};

}  // namespace edgebench::ops
