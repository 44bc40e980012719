// Multidirectional (numpy) broadcasting, ONNX Broadcasting.md, shared by every
// binary, ternary and variadic element-wise op.
//
// Infer builds a BroadcastPlan: the output shape and, per input, the element
// strides that map an output index to an input element (0 along broadcast
// dims). Adjacent dims that broadcast alike in every input are merged, so the
// common cases (same shapes, a scalar, a per-channel vector) walk one or two
// dims. Run walks the output one innermost row at a time with fixed arrays.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "runtime/core/shape.h"
#include "runtime/core/status.h"
#include "runtime/ops/elementwise/dtype_list.h"
#include "runtime/ops/elementwise/elementwise.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {

struct BroadcastPlan {
  Shape out_shape;  // the broadcast output shape, unmerged
  int64_t num_elements = 0;
  // The merged walk: rank >= 1 (a scalar walks one row of one element).
  int rank = 1;
  std::array<int64_t, kMaxRank> dims{};
  std::vector<std::array<int64_t, kMaxRank>> strides;  // [input][dim]; the last dim's is 0 or 1

  int num_inputs() const { return static_cast<int>(strides.size()); }
  // Stride of input k along a row: 1, or 0 when the row broadcasts one element.
  int64_t row_step(int k) const { return strides[k][rank - 1]; }
};

// Broadcasts the shapes of inputs [0, num_inputs), all of which must be
// present, and stores the result in `plan`. Errors name the node and shapes.
Status MakeBroadcastPlan(const InferContext& ctx, int num_inputs, BroadcastPlan* plan);

// Infer for ops whose `num_inputs` inputs (exactly; -1: one or more) share
// one dtype from `Types` and broadcast together. Sets output 0 to `out_dtype`
// (kUndefined: the inputs' dtype) and the broadcast shape, and the plan as the
// node's state.
template <typename Types>
Status InferBroadcastOp(InferContext& ctx, int num_inputs, DType out_dtype = DType::kUndefined) {
  EB_RETURN_IF_ERROR(CheckInputCount(ctx, num_inputs == -1 ? 1 : num_inputs, num_inputs));
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    if (!ctx.has_input(i)) return ctx.Error("input " + std::to_string(i) + " is missing");
  }
  EB_RETURN_IF_ERROR(CheckInputDType<Types>(ctx, 0));
  EB_RETURN_IF_ERROR(CheckSameDType(ctx, 0, ctx.num_inputs()));
  auto plan = std::make_shared<BroadcastPlan>();
  EB_RETURN_IF_ERROR(MakeBroadcastPlan(ctx, ctx.num_inputs(), plan.get()));
  ctx.set_output(0, out_dtype == DType::kUndefined ? ctx.input_dtype(0) : out_dtype, plan->out_shape);
  ctx.set_state(std::move(plan));
  return Status::Ok();
}

// Visits the output in row-major order, one row of the innermost merged dim at
// a time: row(out_offset, in_offsets, n), where input k's elements for the row
// start at in_offsets[k] and advance by plan.row_step(k). `in_offsets` is
// caller memory for plan.num_inputs() offsets (Run must not allocate).
template <typename RowFn>
void ForEachRow(const BroadcastPlan& plan, int64_t* in_offsets, RowFn&& row) {
  const int num_inputs = plan.num_inputs();
  for (int k = 0; k < num_inputs; ++k) in_offsets[k] = 0;
  if (plan.num_elements == 0) return;
  const int last = plan.rank - 1;
  const int64_t row_size = plan.dims[last];
  std::array<int64_t, kMaxRank> index{};
  for (int64_t out = 0; out < plan.num_elements; out += row_size) {
    row(out, static_cast<const int64_t*>(in_offsets), row_size);
    // Advance the outer dims like an odometer, moving every input with them.
    for (int d = last - 1; d >= 0; --d) {
      if (++index[d] < plan.dims[d]) {
        for (int k = 0; k < num_inputs; ++k) in_offsets[k] += plan.strides[k][d];
        break;
      }
      index[d] = 0;
      for (int k = 0; k < num_inputs; ++k) in_offsets[k] -= plan.strides[k][d] * (plan.dims[d] - 1);
    }
  }
}

// out = op(a, b) under the plan of a two-input node. Element j of a row is
// read before it is written, so `out` may alias a or b.
template <typename A, typename B, typename Out, typename Op>
void BroadcastBinary(const BroadcastPlan& plan, const A* a, const B* b, Out* out, Op op) {
  const int64_t step_a = plan.row_step(0);
  const int64_t step_b = plan.row_step(1);
  int64_t offsets[2];
  ForEachRow(plan, offsets, [&](int64_t o, const int64_t* in, int64_t n) {
    const A* row_a = a + in[0];
    const B* row_b = b + in[1];
    Out* row_out = out + o;
    // Separate loops for the common step patterns so the compiler vectorizes them.
    if (step_a == 1 && step_b == 1) {
      for (int64_t j = 0; j < n; ++j) row_out[j] = static_cast<Out>(op(row_a[j], row_b[j]));
    } else if (step_a == 1 && step_b == 0) {
      const B value_b = row_b[0];
      for (int64_t j = 0; j < n; ++j) row_out[j] = static_cast<Out>(op(row_a[j], value_b));
    } else if (step_a == 0 && step_b == 1) {
      const A value_a = row_a[0];
      for (int64_t j = 0; j < n; ++j) row_out[j] = static_cast<Out>(op(value_a, row_b[j]));
    } else {
      for (int64_t j = 0; j < n; ++j) row_out[j] = static_cast<Out>(op(row_a[j * step_a], row_b[j * step_b]));
    }
  });
}

// Run for two-input ops over `Types` whose output has dtype Out (void: the
// inputs' dtype). op gets two values of the inputs' type.
template <typename Types, typename Out = void, typename Op>
Status RunBinaryOp(const KernelContext& ctx, Op op) {
  const BroadcastPlan& plan = ctx.get_state<BroadcastPlan>();
  Types::Visit(ctx.inputs[0]->dtype(), [&](auto tag) {
    using T = decltype(tag);
    using OutT = std::conditional_t<std::is_void_v<Out>, T, Out>;
    BroadcastBinary(plan, ctx.inputs[0]->data<T>(), ctx.inputs[1]->data<T>(), ctx.outputs[0]->data<OutT>(), op);
  });
  return Status::Ok();
}

// out = op(a, b, c) under the plan of a three-input node (Where).
template <typename A, typename B, typename C, typename Out, typename Op>
void BroadcastTernary(const BroadcastPlan& plan, const A* a, const B* b, const C* c, Out* out, Op op) {
  const int64_t step_a = plan.row_step(0);
  const int64_t step_b = plan.row_step(1);
  const int64_t step_c = plan.row_step(2);
  int64_t offsets[3];
  ForEachRow(plan, offsets, [&](int64_t o, const int64_t* in, int64_t n) {
    const A* row_a = a + in[0];
    const B* row_b = b + in[1];
    const C* row_c = c + in[2];
    Out* row_out = out + o;
    for (int64_t j = 0; j < n; ++j) {
      row_out[j] = static_cast<Out>(op(row_a[j * step_a], row_b[j * step_b], row_c[j * step_c]));
    }
  });
}

// Infer for the variadic ops (Sum, Mean, Max, Min): one or more inputs of one
// dtype from `Types`, broadcast together.
template <typename Types>
Status InferVariadicOp(InferContext& ctx) {
  EB_RETURN_IF_ERROR(InferBroadcastOp<Types>(ctx, -1));
  // RunVariadicOp keeps one offset per input in scratch.
  ctx.set_scratch_bytes(static_cast<size_t>(ctx.num_inputs()) * sizeof(int64_t));
  return Status::Ok();
}

// Run for the variadic ops: out = finish(combine(...combine(in0, in1)...,
// in_last)). Each output element reads all its inputs before it is written, so
// output 0 may alias any input.
template <typename Types, typename Combine, typename Finish>
Status RunVariadicOp(const KernelContext& ctx, Combine combine, Finish finish) {
  const BroadcastPlan& plan = ctx.get_state<BroadcastPlan>();
  auto* offsets = static_cast<int64_t*>(ctx.scratch);
  const int num_inputs = plan.num_inputs();
  Types::Visit(ctx.inputs[0]->dtype(), [&](auto tag) {
    using T = decltype(tag);
    T* out = ctx.outputs[0]->data<T>();
    ForEachRow(plan, offsets, [&](int64_t o, const int64_t* in, int64_t n) {
      for (int64_t j = 0; j < n; ++j) {
        T acc = ctx.inputs[0]->data<T>()[in[0] + j * plan.row_step(0)];
        for (int k = 1; k < num_inputs; ++k) {
          acc = static_cast<T>(combine(acc, ctx.inputs[k]->data<T>()[in[k] + j * plan.row_step(k)]));
        }
        out[o + j] = static_cast<T>(finish(acc));
      }
    });
  });
  return Status::Ok();
}

// Element-wise cost of a variadic op: combining N inputs takes N - 1 FLOPs per
// output element (at least one, for a single-input copy).
OpCost VariadicCost(const CostContext& ctx);

}  // namespace edgebench::ops
