// Range: [start, start + delta, ...) up to but excluding limit, with
// max(ceil((limit - start) / delta), 0) elements (ONNX Range-11). The length
// depends on the inputs' data, so they must be known at session creation.
#include <cmath>
#include <limits>
#include <type_traits>

#include "runtime/ops/tensor/data_movement.h"

namespace edgebench::ops {
namespace {

constexpr const char* kInputNames[] = {"start", "limit", "delta"};

// Element count for integer types, without overflow.
Expected<int64_t> IntegerCount(int64_t start, int64_t limit, int64_t delta) {
  int64_t diff = 0;
  if (__builtin_sub_overflow(limit, start, &diff)) return InvalidArgument("limit - start overflows int64");
  if (diff == 0 || (diff > 0) != (delta > 0)) return int64_t{0};
  return diff / delta + (diff % delta != 0 ? 1 : 0);
}

Expected<int64_t> FloatCount(double start, double limit, double delta) {
  const double count = std::ceil((limit - start) / delta);
  if (!(count < static_cast<double>(std::numeric_limits<int64_t>::max()))) {
    return InvalidArgument("the element count is not finite or too large");
  }
  return count > 0 ? static_cast<int64_t>(count) : int64_t{0};
}

Status Infer(InferContext& ctx) {
  const Tensor* values[3] = {};
  for (int i = 0; i < 3; ++i) {
    if (!ctx.has_input(i)) return ctx.Error(std::string("missing input '") + kInputNames[i] + "'");
    if (ctx.input_dtype(i) != ctx.input_dtype(0)) return ctx.Error("inputs must have the same type");
    if (ctx.input_rank(i) > 1 || NumElements(ctx.input_shape(i)) != 1) {
      return ctx.Error(std::string("input '") + kInputNames[i] + "' must be a scalar, not of shape " +
                       ShapeToString(ctx.input_shape(i)));
    }
    values[i] = ctx.input_value(i);
    if (!values[i]) {
      return ctx.UnsupportedError(std::string("input '") + kInputNames[i] +
                                  "' must be known at session creation (data-dependent output shape)");
    }
  }
  const DType dtype = ctx.input_dtype(0);
  Expected<int64_t> count = int64_t{0};
  if (dtype == DType::kFloat32) {
    const float delta = values[2]->data<float>()[0];
    if (delta == 0.0f) return ctx.Error("input 'delta' must not be 0");
    count = FloatCount(values[0]->data<float>()[0], values[1]->data<float>()[0], delta);
  } else if (dtype == DType::kInt32 || dtype == DType::kInt64) {
    const int64_t delta = IntElement(*values[2], 0);
    if (delta == 0) return ctx.Error("input 'delta' must not be 0");
    count = IntegerCount(IntElement(*values[0], 0), IntElement(*values[1], 0), delta);
  } else {
    return ctx.UnsupportedError(std::string("type ") + DTypeName(dtype) + " is not implemented");
  }
  if (!count.ok()) return ctx.Error(count.status().message());
  if (ctx.has_output(0)) ctx.set_output(0, dtype, {*count});
  return Status::Ok();
}

template <typename T>
void Fill(const KernelContext& ctx) {
  // Integers compute in int64: i * delta may leave int32 range before start is added.
  using Wide = std::conditional_t<std::is_integral_v<T>, int64_t, T>;
  const Wide start = ctx.inputs[0]->data<T>()[0];
  const Wide delta = ctx.inputs[2]->data<T>()[0];
  Tensor& out = *ctx.outputs[0];
  T* dst = out.data<T>();
  // start + i * delta rather than a running sum, so float error does not accumulate.
  for (int64_t i = 0; i < out.num_elements(); ++i) dst[i] = static_cast<T>(start + static_cast<Wide>(i) * delta);
}

Status Run(const KernelContext& ctx) {
  switch (ctx.outputs[0]->dtype()) {
    case DType::kFloat32: Fill<float>(ctx); break;
    case DType::kInt32: Fill<int32_t>(ctx); break;
    default: Fill<int64_t>(ctx); break;
  }
  return Status::Ok();
}

}  // namespace

extern const OpDef kRange = {"Range", Infer, Run, nullptr, /*in_place=*/false};

}  // namespace edgebench::ops
