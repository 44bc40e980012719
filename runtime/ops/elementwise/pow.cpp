// Pow: Z = X ^ Y with multidirectional broadcasting (opsets 7, 12, 13, 15).
// Opset 12 lets the base be an integer and the exponent a type of its own;
// the output has the base's type.
#include <cmath>
#include <memory>
#include <type_traits>

#include "runtime/ops/elementwise/broadcast.h"
#include "runtime/ops/elementwise/scalar_math.h"

namespace edgebench::ops {
namespace {

using BaseTypes = DTypeList<float, int32_t, int64_t>;
using ExponentTypes = DTypeList<float, int32_t, int64_t>;

Status Infer(InferContext& ctx) {
  EB_RETURN_IF_ERROR(CheckInputCount(ctx, 2, 2));
  EB_RETURN_IF_ERROR(CheckInputDType<BaseTypes>(ctx, 0));
  EB_RETURN_IF_ERROR(CheckInputDType<ExponentTypes>(ctx, 1));
  if (ctx.opset() < 12 && (ctx.input_dtype(0) != DType::kFloat32 || ctx.input_dtype(1) != DType::kFloat32)) {
    return ctx.Error("before opset 12, Pow takes a float base and exponent of one type, got " +
                     std::string(DTypeName(ctx.input_dtype(0))) + " and " + DTypeName(ctx.input_dtype(1)));
  }
  auto plan = std::make_shared<BroadcastPlan>();
  EB_RETURN_IF_ERROR(MakeBroadcastPlan(ctx, 2, plan.get()));
  ctx.set_output(0, ctx.input_dtype(0), plan->out_shape);
  ctx.set_state(std::move(plan));
  return Status::Ok();
}

// Integer power by squaring; wraps on overflow. A negative exponent gives
// 1 / base^-exponent truncated toward zero, as integer division would.
template <typename T, typename E>
T IntPower(T base, E exponent) {
  if (exponent < 0) {
    if (base == 1) return 1;
    if (base == -1) return exponent % 2 == 0 ? 1 : -1;
    return 0;
  }
  T result = 1;
  while (exponent > 0) {
    if (exponent & 1) result = WrapMul(result, base);
    base = WrapMul(base, base);
    exponent >>= 1;
  }
  return result;
}

template <typename T, typename E>
T Power(T base, E exponent) {
  if constexpr (std::is_integral_v<T> && std::is_integral_v<E>) {
    return IntPower(base, exponent);
  } else if constexpr (std::is_integral_v<T>) {
    return FloatToInt<T>(std::pow(static_cast<double>(base), static_cast<double>(exponent)));
  } else if constexpr (std::is_integral_v<E>) {
    return static_cast<T>(std::pow(static_cast<double>(base), static_cast<double>(exponent)));
  } else {
    return std::pow(base, exponent);
  }
}

Status Run(const KernelContext& ctx) {
  const BroadcastPlan& plan = ctx.get_state<BroadcastPlan>();
  const Tensor& x = *ctx.inputs[0];
  const Tensor& y = *ctx.inputs[1];
  BaseTypes::Visit(x.dtype(), [&](auto base_tag) {
    using T = decltype(base_tag);
    ExponentTypes::Visit(y.dtype(), [&](auto exponent_tag) {
      using E = decltype(exponent_tag);
      BroadcastBinary(plan, x.data<T>(), y.data<E>(), ctx.outputs[0]->data<T>(), Power<T, E>);
    });
  });
  return Status::Ok();
}

}  // namespace

extern const OpDef kPow = {"Pow", Infer, Run, nullptr, true};

}  // namespace edgebench::ops
