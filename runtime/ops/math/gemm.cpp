// Gemm: Y = alpha * op(A) * op(B) + beta * C, op = optional transpose
// (ONNX Gemm-7..13). A and B are 2-D; C broadcasts unidirectionally to
// [M, N] and is optional from opset 11. Opset 6 models may still carry the
// legacy `broadcast` attribute, which changes nothing here.
#include <memory>

#include "runtime/ops/math/gemm_attributes.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {
namespace {

Status Infer(InferContext& ctx) {
  auto state = std::make_shared<GemmAttributes>();
  EB_RETURN_IF_ERROR(ParseGemmAttributes(ctx, state.get()));
  if (ctx.has_output(0)) ctx.set_output(0, DType::kFloat32, {state->m, state->n});
  ctx.set_state(std::move(state));
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const GemmAttributes& s = ctx.get_state<GemmAttributes>();
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
