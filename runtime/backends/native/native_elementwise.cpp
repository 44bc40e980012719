// Element-wise float32 ops on the native backend: Add and Mul of two tensors
// of one shape (or with a one-element B), Relu and Clip. They are memory
// bound, so the loops are plain stride-1 loops the compiler vectorizes, split
// over the pool when the tensor is big enough to pay for the hand-off. Any
// other broadcast stays on ref (Find returns null). Checks and shapes are
// ref's: each Infer runs the ref op's first.
#include <algorithm>
#include <limits>
#include <memory>
#include <string>

#include "runtime/backends/native/native_ops.h"
#include "runtime/ops/op_registry.h"

namespace edgebench::native {
namespace {

// One FLOP per element for the pool's small-work rule: tensors under ~64k
// elements stay on the calling thread.
constexpr double kCostPerElement = 1.0;

struct ClipBounds {
  bool from_inputs = false;  // opset >= 11: optional inputs 1 and 2
  float lo = 0.0f, hi = 0.0f;  // opset < 11: attributes
};

template <class Op>
void ForEachRange(ThreadPool* pool, int64_t n, Op op) {
  ParallelFor(pool, n, kCostPerElement, [&](int64_t b, int64_t e) { op(b, e); });
}

Status InferAsRef(InferContext& ctx) {
  const OpDef* ref = FindRefOp("", ctx.node().op_type);
  return ref->infer(ctx);
}

Status RunAdd(const KernelContext& ctx) {
  const float* a = ctx.inputs[0]->data<float>();
  const float* b = ctx.inputs[1]->data<float>();
  float* y = ctx.outputs[0]->data<float>();
  const int64_t n = ctx.outputs[0]->num_elements();
  if (ctx.inputs[1]->num_elements() == 1) {
    const float s = b[0];
    ForEachRange(ctx.pool, n, [&](int64_t i0, int64_t i1) {
      for (int64_t i = i0; i < i1; ++i) y[i] = a[i] + s;
    });
  } else {
    ForEachRange(ctx.pool, n, [&](int64_t i0, int64_t i1) {
      for (int64_t i = i0; i < i1; ++i) y[i] = a[i] + b[i];
    });
  }
  return Status::Ok();
}

Status RunMul(const KernelContext& ctx) {
  const float* a = ctx.inputs[0]->data<float>();
  const float* b = ctx.inputs[1]->data<float>();
  float* y = ctx.outputs[0]->data<float>();
  const int64_t n = ctx.outputs[0]->num_elements();
  if (ctx.inputs[1]->num_elements() == 1) {
    const float s = b[0];
    ForEachRange(ctx.pool, n, [&](int64_t i0, int64_t i1) {
      for (int64_t i = i0; i < i1; ++i) y[i] = a[i] * s;
    });
  } else {
    ForEachRange(ctx.pool, n, [&](int64_t i0, int64_t i1) {
      for (int64_t i = i0; i < i1; ++i) y[i] = a[i] * b[i];
    });
  }
  return Status::Ok();
}

// y = min(max(x, lo), hi): Relu is lo = 0, hi = +infinity.
void Clamp(const KernelContext& ctx, float lo, float hi) {
  const float* x = ctx.inputs[0]->data<float>();
  float* y = ctx.outputs[0]->data<float>();
  ForEachRange(ctx.pool, ctx.outputs[0]->num_elements(), [&](int64_t i0, int64_t i1) {
    for (int64_t i = i0; i < i1; ++i) y[i] = std::min(std::max(x[i], lo), hi);
  });
}

Status RunRelu(const KernelContext& ctx) {
  Clamp(ctx, 0.0f, std::numeric_limits<float>::infinity());
  return Status::Ok();
}

Status InferClip(InferContext& ctx) {
  EB_RETURN_IF_ERROR(InferAsRef(ctx));
  auto bounds = std::make_shared<ClipBounds>();
  bounds->from_inputs = ctx.opset() >= 11;
  bounds->lo = ctx.attributes().GetFloat("min", std::numeric_limits<float>::lowest());
  bounds->hi = ctx.attributes().GetFloat("max", std::numeric_limits<float>::max());
  ctx.set_state(std::move(bounds));
  return Status::Ok();
}

Status RunClip(const KernelContext& ctx) {
  const ClipBounds& bounds = ctx.get_state<ClipBounds>();
  float lo = bounds.lo;
  float hi = bounds.hi;
  // Read the bounds before writing: the output may share a bound's buffer.
  if (bounds.from_inputs) {
    lo = ctx.input(1) ? ctx.input(1)->data<float>()[0] : std::numeric_limits<float>::lowest();
    hi = ctx.input(2) ? ctx.input(2)->data<float>()[0] : std::numeric_limits<float>::max();
  }
  // min > max makes every element max (the spec), which min(max(x, lo), hi) gives.
  Clamp(ctx, lo, hi);
  return Status::Ok();
}

OpCost CostAsRef(const CostContext& ctx) { return DefaultCost(*FindRefOp("", ctx.node->op_type), ctx); }

const OpDef kAddOp = {"Add", InferAsRef, RunAdd, CostAsRef, true};
const OpDef kMulOp = {"Mul", InferAsRef, RunMul, CostAsRef, true};
const OpDef kReluOp = {"Relu", InferAsRef, RunRelu, CostAsRef, true};
const OpDef kClipOp = {"Clip", InferClip, RunClip, CostAsRef, true};

bool IsFloat(const InferContext& ctx, int i) { return ctx.has_input(i) && ctx.input_dtype(i) == DType::kFloat32; }

}  // namespace

const OpDef* FindNativeElementwise(const InferContext& ctx) {
  const std::string& op = ctx.node().op_type;
  if (op == "Relu") return IsFloat(ctx, 0) ? &kReluOp : nullptr;
  if (op == "Clip") {
    if (!IsFloat(ctx, 0)) return nullptr;
    for (int i = 1; i < ctx.num_inputs(); ++i) {
      if (ctx.has_input(i) && ctx.input_dtype(i) != DType::kFloat32) return nullptr;
    }
    return &kClipOp;
  }
  if (op != "Add" && op != "Mul") return nullptr;
  if (ctx.num_inputs() != 2 || !IsFloat(ctx, 0) || !IsFloat(ctx, 1)) return nullptr;
  // Same shape, or a one-element B of no higher rank (Y has A's layout).
  const Shape& a = ctx.input_shape(0);
  const Shape& b = ctx.input_shape(1);
  const bool scalar_b = NumElements(b) == 1 && b.size() <= a.size();
  if (a != b && !scalar_b) return nullptr;
  return op == "Add" ? &kAddOp : &kMulOp;
}

}  // namespace edgebench::native
