// Infer and Run building blocks of the element-wise ops, so that each op's
// file holds only what is particular to it.
#pragma once

#include <string>

#include "runtime/core/status.h"
#include "runtime/ops/elementwise/dtype_list.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {

// Ok when the node has between min_inputs and max_inputs inputs (-1: no upper
// bound) and the first min_inputs are present.
Status CheckInputCount(const InferContext& ctx, int min_inputs, int max_inputs);

// Ok when inputs [first + 1, end) have input `first`'s dtype.
Status CheckSameDType(const InferContext& ctx, int first, int end);

// Infer for one-input ops over `Types`: output 0 has the input's dtype and
// shape.
template <typename Types>
Status InferUnary(InferContext& ctx) {
  EB_RETURN_IF_ERROR(CheckInputCount(ctx, 1, 1));
  EB_RETURN_IF_ERROR(CheckInputDType<Types>(ctx, 0));
  ctx.set_output(0, ctx.input_dtype(0), ctx.input_shape(0));
  return Status::Ok();
}

// out[i] = op(in[i]) over the whole tensor; out may alias in.
template <typename Types, typename Op>
Status RunUnary(const KernelContext& ctx, Op op) {
  const Tensor& x = *ctx.inputs[0];
  Tensor& y = *ctx.outputs[0];
  const int64_t n = x.num_elements();
  Types::Visit(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* in = x.data<T>();
    T* out = y.data<T>();
    for (int64_t i = 0; i < n; ++i) out[i] = static_cast<T>(op(in[i]));
  });
  return Status::Ok();
}

}  // namespace edgebench::ops
