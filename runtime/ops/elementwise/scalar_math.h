// Scalar arithmetic shared by the element-wise kernels. Integer results wrap
// (two's complement) instead of invoking undefined behaviour, so a bad input
// gives a wrong number rather than a crash or a miscompiled kernel.
#pragma once

#include <cmath>
#include <limits>
#include <type_traits>

namespace edgebench::ops {

// The type integer arithmetic is done in: unsigned, where overflow wraps.
template <typename T, bool = std::is_integral_v<T> && !std::is_same_v<T, bool>>
struct WrapTypeOf {
  using type = T;
};
template <typename T>
struct WrapTypeOf<T, true> {
  using type = std::make_unsigned_t<T>;
};
template <typename T>
using WrapType = typename WrapTypeOf<T>::type;

template <typename T>
T WrapAdd(T a, T b) {
  return static_cast<T>(static_cast<WrapType<T>>(a) + static_cast<WrapType<T>>(b));
}

template <typename T>
T WrapSub(T a, T b) {
  return static_cast<T>(static_cast<WrapType<T>>(a) - static_cast<WrapType<T>>(b));
}

template <typename T>
T WrapMul(T a, T b) {
  return static_cast<T>(static_cast<WrapType<T>>(a) * static_cast<WrapType<T>>(b));
}

// Integer division truncates toward zero, as in C. Division by zero, which
// ONNX leaves undefined, gives 0 instead of a SIGFPE.
template <typename T>
T SafeDiv(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    if (b == 0) return 0;
    if constexpr (std::is_signed_v<T>) {
      if (b == -1) return WrapSub(T{0}, a);  // lowest / -1 overflows
    }
  }
  return static_cast<T>(a / b);
}

// Float to integer conversion truncates toward zero. ONNX leaves NaN and
// out-of-range values undefined; these saturate (NaN gives 0) so the result is
// deterministic and the conversion is never undefined behaviour.
template <typename To, typename From>
To FloatToInt(From value) {
  static_assert(std::is_integral_v<To> && std::is_floating_point_v<From>);
  if (std::isnan(value)) return 0;
  // lowest() and max() + 1 are 0 or powers of two, so exact in a float;
  // max() itself may not be (int64).
  const From lowest = static_cast<From>(std::numeric_limits<To>::lowest());
  const From past_max = static_cast<From>(std::numeric_limits<To>::max() / 2 + 1) * 2;
  if (value <= lowest) return std::numeric_limits<To>::lowest();
  if (value >= past_max) return std::numeric_limits<To>::max();
  return static_cast<To>(value);
}

// Max and min that propagate NaN, as numpy.maximum and numpy.minimum (which
// the ONNX reference implementation uses) do.
template <typename T>
T NanMax(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(b)) return b;
  }
  return a < b ? b : a;  // a NaN a compares false and is kept
}

template <typename T>
T NanMin(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(b)) return b;
  }
  return b < a ? b : a;
}

}  // namespace edgebench::ops
