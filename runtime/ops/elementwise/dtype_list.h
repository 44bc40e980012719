// Compile-time lists of element types. An op names once which dtypes it
// implements; Infer validates against the list and Run dispatches through it,
// so the two cannot drift apart.
#pragma once

#include <cstdint>
#include <string>

#include "runtime/core/dtype.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {

template <typename... Ts>
struct DTypeList {
  static bool Contains(DType dtype) { return ((DTypeOf<Ts>() == dtype) || ...); }

  // "float32, int32, int64" for error messages.
  static std::string Names() {
    std::string names;
    ((names += (names.empty() ? "" : ", ") + std::string(DTypeName(DTypeOf<Ts>()))), ...);
    return names;
  }

  // Calls fn(T{}) for the T of `dtype`; false when `dtype` is not listed.
  template <typename Fn>
  static bool Visit(DType dtype, Fn&& fn) {
    return ((DTypeOf<Ts>() == dtype && (fn(Ts{}), true)) || ...);
  }
};

using BoolTypes = DTypeList<bool>;
using FloatTypes = DTypeList<float>;
// Signed types: what Neg, Relu and PRelu accept besides float.
using SignedTypes = DTypeList<float, int32_t, int64_t, int8_t>;
using NumericTypes = DTypeList<float, int32_t, int64_t, int8_t, uint8_t>;
using AllTypes = DTypeList<float, int32_t, int64_t, int8_t, uint8_t, bool>;

// Ok when input `i`'s dtype is in `Types`; otherwise an Unsupported error
// naming the input, its dtype and the dtypes implemented.
template <typename Types>
Status CheckInputDType(const InferContext& ctx, int i) {
  if (Types::Contains(ctx.input_dtype(i))) return Status::Ok();
  return ctx.UnsupportedError("input " + std::to_string(i) + " has dtype " + DTypeName(ctx.input_dtype(i)) +
                              "; implemented: " + Types::Names());
}

}  // namespace edgebench::ops
