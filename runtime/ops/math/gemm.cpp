// Gemm: Y = alpha * op(A) * op(B) + beta * C, op = optional transpose
// (ONNX Gemm-7..13). A and B are 2-D; C broadcasts unidirectionally to
// [M, N] and is optional from opset 11. Opset 6 models may still carry the
// legacy `broadcast` attribute, which changes nothing here.
#include <memory>

#include "runtime/ops/op.h"

namespace edgebench::ops {
namespace {

struct GemmState {
  float alpha = 1.0f;
  float beta = 1.0f;
  bool trans_a = false;
  bool trans_b = false;
  int64_t m = 0, n = 0, k = 0;
  bool has_c = false;
  // Element strides of C over (m, n); 0 along a broadcast dim.
  int64_t c_stride_m = 0, c_stride_n = 0;
};

Status Infer(InferContext& ctx) {
  if (!ctx.has_input(0) || !ctx.has_input(1)) return ctx.Error("inputs 'A' and 'B' are required");
  if (!ctx.has_input(2) && ctx.opset() < 11) return ctx.Error("input 'C' is required before opset 11");
  for (int i = 0; i < 3; ++i) {
    if (ctx.has_input(i) && ctx.input_dtype(i) != DType::kFloat32) {
      return ctx.UnsupportedError(std::string("input ") + "ABC"[i] + " has type " +
                                  DTypeName(ctx.input_dtype(i)) + "; Gemm supports float32");
    }
  }
  if (ctx.input_rank(0) != 2 || ctx.input_rank(1) != 2) {
    return ctx.Error("A and B must be 2-D, got " + ShapeToString(ctx.input_shape(0)) + " and " +
                     ShapeToString(ctx.input_shape(1)));
  }
  auto state = std::make_shared<GemmState>();
  const Attributes& attrs = ctx.attributes();
  state->alpha = attrs.GetFloat("alpha", 1.0f);
  state->beta = attrs.GetFloat("beta", 1.0f);
  state->trans_a = attrs.GetInt("transA", 0) != 0;
  state->trans_b = attrs.GetInt("transB", 0) != 0;

  const Shape& a = ctx.input_shape(0);
  const Shape& b = ctx.input_shape(1);
  state->m = state->trans_a ? a[1] : a[0];
  state->k = state->trans_a ? a[0] : a[1];
  const int64_t k_b = state->trans_b ? b[1] : b[0];
  state->n = state->trans_b ? b[0] : b[1];
  if (state->k != k_b) {
    return ctx.Error("inner dimensions differ: op(A) is [" + std::to_string(state->m) + ", " +
                     std::to_string(state->k) + "], op(B) is [" + std::to_string(k_b) + ", " +
                     std::to_string(state->n) + "]");
  }

  if (ctx.has_input(2)) {
    const Shape& c = ctx.input_shape(2);
    if (c.size() > 2) return ctx.Error("C must have rank <= 2, got " + ShapeToString(c));
    const int64_t c_m = c.size() == 2 ? c[0] : 1;
    const int64_t c_n = c.empty() ? 1 : c.back();
    if ((c_m != 1 && c_m != state->m) || (c_n != 1 && c_n != state->n)) {
      return ctx.Error("C of shape " + ShapeToString(c) + " does not broadcast to [" + std::to_string(state->m) +
                       ", " + std::to_string(state->n) + "]");
    }
    state->has_c = true;
    state->c_stride_m = c_m == 1 ? 0 : c_n;
    state->c_stride_n = c_n == 1 ? 0 : 1;
  }

  if (ctx.has_output(0)) ctx.set_output(0, DType::kFloat32, {state->m, state->n});
  ctx.set_state(std::move(state));
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const GemmState& s = ctx.get_state<GemmState>();
  const float* a = ctx.inputs[0]->data<float>();
  const float* b = ctx.inputs[1]->data<float>();
  const float* c = s.has_c ? ctx.inputs[2]->data<float>() : nullptr;
  float* y = ctx.outputs[0]->data<float>();
  // op(A)[m][k] and op(B)[k][n] in the stored layouts.
  const int64_t a_stride_m = s.trans_a ? 1 : s.k;
  const int64_t a_stride_k = s.trans_a ? s.m : 1;

  for (int64_t m = 0; m < s.m; ++m) {
    float* y_row = y + m * s.n;
    if (s.trans_b) {
      // B is [N, K]: each output is a dot product over two contiguous-ish rows.
      for (int64_t n = 0; n < s.n; ++n) {
        const float* b_row = b + n * s.k;
        float acc = 0.0f;
        for (int64_t k = 0; k < s.k; ++k) acc += a[m * a_stride_m + k * a_stride_k] * b_row[k];
        y_row[n] = acc;
      }
    } else {
      // B is [K, N]: i-k-j order streams rows of B into the output row.
      for (int64_t n = 0; n < s.n; ++n) y_row[n] = 0.0f;
      for (int64_t k = 0; k < s.k; ++k) {
        const float a_mk = a[m * a_stride_m + k * a_stride_k];
        const float* b_row = b + k * s.n;
        for (int64_t n = 0; n < s.n; ++n) y_row[n] += a_mk * b_row[n];
      }
    }
    // beta == 0 ignores C entirely, as other runtimes do, so that a NaN or Inf
    // in an unused bias does not leak into the result.
    const bool add_c = c != nullptr && s.beta != 0.0f;
    for (int64_t n = 0; n < s.n; ++n) {
      float v = s.alpha * y_row[n];
      if (add_c) v += s.beta * c[m * s.c_stride_m + n * s.c_stride_n];
      y_row[n] = v;
    }
  }
  return Status::Ok();
}

// MACs = M * N * K; FLOPs = 2 MACs + 3 per output (alpha scale, beta scale, add).
OpCost Cost(const CostContext& ctx) {
  const Shape& a = ctx.inputs[0]->shape();
  const Shape& y = ctx.outputs[0]->shape();
  const bool trans_a = ctx.node->attributes.GetInt("transA", 0) != 0;
  const int64_t m = y[0], n = y[1];
  const int64_t k = trans_a ? a[0] : a[1];
  OpCost cost;
  cost.macs = m * n * k;
  cost.flops = 2 * cost.macs + 3 * m * n;
  for (const Tensor* t : ctx.inputs) {
    if (t) cost.bytes_read += static_cast<int64_t>(t->num_bytes());
  }
  cost.bytes_written = static_cast<int64_t>(ctx.outputs[0]->num_bytes());
  return cost;
}

}  // namespace

extern const OpDef kGemm = {"Gemm", Infer, Run, Cost, /*in_place=*/false};

}  // namespace edgebench::ops
