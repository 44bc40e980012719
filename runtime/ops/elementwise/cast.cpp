// Cast: converts to the element type of attribute 'to' (opsets 6, 9, 13).
// Float to integer truncates toward zero (saturating out of range, NaN to 0);
// anything to bool is x != 0; bool to numbers is 0 or 1.
#include <memory>
#include <type_traits>

#include "runtime/ops/elementwise/elementwise.h"
#include "runtime/ops/elementwise/scalar_math.h"

namespace edgebench::ops {
namespace {

using Types = AllTypes;

struct CastState {
  DType to;
};

Status Infer(InferContext& ctx) {
  EB_RETURN_IF_ERROR(CheckInputCount(ctx, 1, 1));
  EB_RETURN_IF_ERROR(CheckInputDType<Types>(ctx, 0));
  const Attribute* to = ctx.attributes().Find("to");
  if (to == nullptr || to->kind != Attribute::Kind::kInt) return ctx.Error("int attribute 'to' is required");
  const auto dtype = static_cast<DType>(to->i);
  if (!Types::Contains(dtype)) {
    return ctx.UnsupportedError("cast to " + OnnxDataTypeName(static_cast<int>(to->i)) +
                                " is not implemented; implemented: " + Types::Names());
  }
  ctx.set_output(0, dtype, ctx.input_shape(0));
  ctx.set_state(std::make_shared<CastState>(CastState{dtype}));
  return Status::Ok();
}

template <typename To, typename From>
To CastValue(From value) {
  if constexpr (std::is_same_v<To, bool>) {
    return value != From{0};
  } else if constexpr (std::is_floating_point_v<From> && std::is_integral_v<To>) {
    return FloatToInt<To>(value);
  } else {
    return static_cast<To>(value);  // integers narrow modulo 2^bits
  }
}

Status Run(const KernelContext& ctx) {
  const Tensor& x = *ctx.inputs[0];
  Tensor& y = *ctx.outputs[0];
  const int64_t n = x.num_elements();
  Types::Visit(x.dtype(), [&](auto from_tag) {
    using From = decltype(from_tag);
    Types::Visit(ctx.get_state<CastState>().to, [&](auto to_tag) {
      using To = decltype(to_tag);
      const From* in = x.data<From>();
      To* out = y.data<To>();
      for (int64_t i = 0; i < n; ++i) out[i] = CastValue<To>(in[i]);
    });
  });
  return Status::Ok();
}

}  // namespace

extern const OpDef kCast = {"Cast", Infer, Run, nullptr, true};

}  // namespace edgebench::ops
