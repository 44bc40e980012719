// Cast: converts to the element type of attribute 'to' (opsets 6, 9, 13).
// Float to integer truncates toward zero (saturating out of range, NaN to 0);
// anything to bool is x != 0; bool to numbers is 0 or 1. Float16 goes through
// float32, which holds every half exactly, so float16 -> T is float32 -> T and
// T -> float16 rounds T's float32 value to nearest even.
#include <algorithm>
#include <cstring>
#include <memory>
#include <type_traits>

#include "runtime/core/float16.h"
#include "runtime/ops/elementwise/elementwise.h"
#include "runtime/ops/elementwise/scalar_math.h"

namespace edgebench::ops {
namespace {

using Types = AllTypes;

struct CastState {
  DType to;
};

// Float16 has no C++ arithmetic type here, so it sits beside the type list.
bool Implemented(DType dtype) { return dtype == DType::kFloat16 || Types::Contains(dtype); }

// Elements converted per chunk through a float32 buffer on the stack (run()
// must not allocate).
constexpr int64_t kChunk = 256;

Status Infer(InferContext& ctx) {
  EB_RETURN_IF_ERROR(CheckInputCount(ctx, 1, 1));
  if (!Implemented(ctx.input_dtype(0))) EB_RETURN_IF_ERROR(CheckInputDType<Types>(ctx, 0));
  const Attribute* to = ctx.attributes().Find("to");
  if (to == nullptr || to->kind != Attribute::Kind::kInt) return ctx.Error("int attribute 'to' is required");
  const auto dtype = static_cast<DType>(to->i);
  if (!Implemented(dtype)) {
    return ctx.UnsupportedError("cast to " + OnnxDataTypeName(static_cast<int>(to->i)) +
                                " is not implemented; implemented: float16, " + Types::Names());
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

// float16 -> T: chunks widened to float32, then cast as float32 would be.
void CastFromFloat16(const uint16_t* in, DType to, int64_t n, void* out_data) {
  float buffer[kChunk];
  Types::Visit(to, [&](auto to_tag) {
    using To = decltype(to_tag);
    To* out = static_cast<To*>(out_data);
    for (int64_t start = 0; start < n; start += kChunk) {
      const int64_t m = std::min(kChunk, n - start);
      Float16ToFloat32(in + start, buffer, static_cast<size_t>(m));
      for (int64_t i = 0; i < m; ++i) out[start + i] = CastValue<To>(buffer[i]);
    }
  });
}

// T -> float16: chunks cast to float32, then rounded to half.
void CastToFloat16(const void* in_data, DType from, int64_t n, uint16_t* out) {
  float buffer[kChunk];
  Types::Visit(from, [&](auto from_tag) {
    using From = decltype(from_tag);
    const From* in = static_cast<const From*>(in_data);
    for (int64_t start = 0; start < n; start += kChunk) {
      const int64_t m = std::min(kChunk, n - start);
      for (int64_t i = 0; i < m; ++i) buffer[i] = CastValue<float>(in[start + i]);
      Float32ToFloat16(buffer, out + start, static_cast<size_t>(m));
    }
  });
}

Status Run(const KernelContext& ctx) {
  const Tensor& x = *ctx.inputs[0];
  Tensor& y = *ctx.outputs[0];
  const int64_t n = x.num_elements();
  if (x.dtype() == y.dtype() && x.dtype() == DType::kFloat16) {
    if (y.raw_data() != x.raw_data() && n > 0) std::memcpy(y.raw_data(), x.raw_data(), x.num_bytes());
    return Status::Ok();
  }
  if (x.dtype() == DType::kFloat16) {
    CastFromFloat16(x.data<uint16_t>(), y.dtype(), n, y.raw_data());
    return Status::Ok();
  }
  if (y.dtype() == DType::kFloat16) {
    CastToFloat16(x.raw_data(), x.dtype(), n, y.data<uint16_t>());
    return Status::Ok();
  }
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
