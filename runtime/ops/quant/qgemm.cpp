// QGemm (com.microsoft contrib op of ONNX Runtime, version 1): the Gemm that
// int8 Gemm nodes fuse into (ONNX Runtime's quantizer writes it for Gemm in
// QOperator form):
//   acc = (op(A) - a_zero_point) x (op(B) - b_zero_point[c]) + C
//   Y = acc * alpha * a_scale * b_scale[c]                    (float32 Y)
//   Y = saturate(round(acc * alpha * a_scale * b_scale[c] / y_scale) + y_zero_point)
// op() transposes per transA / transB. A is uint8 or int8 with a per-tensor
// scale and zero point; B uint8 or int8, per tensor or per column; C an
// optional int32 bias broadcast to [M, N], quantized with scale
// a_scale * b_scale and zero point 0. Without y_scale and y_zero_point Y is
// float32; with them it has y_zero_point's type. ONNX Runtime computes the
// multipliers in float in this order; so does this kernel.
#include <memory>
#include <string>

#include "runtime/ops/op.h"
#include "runtime/ops/quant/integer_gemm.h"
#include "runtime/ops/quant/packed_weights.h"
#include "runtime/ops/quant/quant_params.h"
#include "runtime/ops/quant/requantize.h"

namespace edgebench::ops {
namespace {

enum Input { kA, kAScale, kAZeroPoint, kB, kBScale, kBZeroPoint, kC, kYScale, kYZeroPoint };

struct QGemmState {
  float alpha = 1.0f;
  bool trans_a = false;
  bool trans_b = false;
  int64_t m = 0, n = 0, k = 0;
  bool quantized_y = false;
  // Element strides of C over (m, n); 0 along a broadcast dim.
  int64_t c_stride_m = 0, c_stride_n = 0;
  bool b_packed = false;
  OwnedPackedWeights packed;
  // Scratch: packed B (when not packed at Infer), A as uint8 rows [M, K],
  // one int32 row, one float row of multipliers.
  size_t scratch_a = 0;
  size_t scratch_acc = 0;
  size_t scratch_multipliers = 0;
};

Status CheckC(const InferContext& ctx, QGemmState* s) {
  if (!ctx.has_input(kC)) return Status::Ok();
  if (ctx.input_dtype(kC) != DType::kInt32) {
    return ctx.Error(std::string("C has type ") + DTypeName(ctx.input_dtype(kC)) + ", expected int32");
  }
  const Shape& c = ctx.input_shape(kC);
  const int64_t c_m = c.size() == 2 ? c[0] : 1;
  const int64_t c_n = c.empty() ? 1 : c.back();
  if (c.size() > 2 || (c_m != 1 && c_m != s->m) || (c_n != 1 && c_n != s->n)) {
    return ctx.Error("C of shape " + ShapeToString(c) + " does not broadcast to [" + std::to_string(s->m) + ", " +
                     std::to_string(s->n) + "]");
  }
  s->c_stride_m = c_m == 1 ? 0 : c_n;
  s->c_stride_n = c_n == 1 ? 0 : 1;
  return Status::Ok();
}

Status Infer(InferContext& ctx) {
  for (int i : {kA, kAScale, kB, kBScale}) {
    if (!ctx.has_input(i)) return ctx.Error("input " + std::to_string(i) + " (A, B and their scales) is required");
  }
  for (int i : {kA, kB}) {
    if (!IsQuant8(ctx.input_dtype(i))) {
      return ctx.UnsupportedError(std::string(i == kA ? "A" : "B") + " has type " + DTypeName(ctx.input_dtype(i)) +
                                  "; uint8 and int8 are implemented");
    }
  }
  if (ctx.input_rank(kA) != 2 || ctx.input_rank(kB) != 2) {
    return ctx.Error("A and B must be 2-D, got " + ShapeToString(ctx.input_shape(kA)) + " and " +
                     ShapeToString(ctx.input_shape(kB)));
  }
  auto s = std::make_shared<QGemmState>();
  s->alpha = ctx.attributes().GetFloat("alpha", 1.0f);
  s->trans_a = ctx.attributes().GetInt("transA", 0) != 0;
  s->trans_b = ctx.attributes().GetInt("transB", 0) != 0;
  const bool trans_b = s->trans_b;
  const Shape& a = ctx.input_shape(kA);
  const Shape& b = ctx.input_shape(kB);
  s->m = s->trans_a ? a[1] : a[0];
  s->k = s->trans_a ? a[0] : a[1];
  const int64_t k_b = trans_b ? b[1] : b[0];
  s->n = trans_b ? b[0] : b[1];
  if (s->k != k_b) {
    return ctx.Error("inner dimensions differ: op(A) is [" + std::to_string(s->m) + ", " + std::to_string(s->k) +
                     "], op(B) is [" + std::to_string(k_b) + ", " + std::to_string(s->n) + "]");
  }
  if (ctx.has_input(kYScale) != ctx.has_input(kYZeroPoint)) {
    return ctx.Error("y_scale and y_zero_point must be given together (both: quantized Y; neither: float Y)");
  }
  s->quantized_y = ctx.has_input(kYScale);
  const DType y_type = s->quantized_y ? ctx.input_dtype(kYZeroPoint) : DType::kFloat32;
  if (s->quantized_y && !IsQuant8(y_type)) {
    return ctx.UnsupportedError(std::string("y_zero_point has type ") + DTypeName(y_type) +
                                "; uint8 and int8 are implemented");
  }
  int64_t count = 0;
  EB_RETURN_IF_ERROR(CheckQuantParam(ctx, kAScale, "a_scale", DType::kFloat32, 0, &count));
  EB_RETURN_IF_ERROR(CheckQuantParam(ctx, kAZeroPoint, "a_zero_point", ctx.input_dtype(kA), 0, &count));
  EB_RETURN_IF_ERROR(CheckQuantParam(ctx, kBScale, "b_scale", DType::kFloat32, s->n, &count));
  int64_t zp_count = 0;
  EB_RETURN_IF_ERROR(CheckQuantParam(ctx, kBZeroPoint, "b_zero_point", ctx.input_dtype(kB), s->n, &zp_count));
  if (ctx.has_input(kBZeroPoint) && zp_count != count) {
    return ctx.Error("b_scale " + ShapeToString(ctx.input_shape(kBScale)) + " and b_zero_point " +
                     ShapeToString(ctx.input_shape(kBZeroPoint)) + " differ in shape");
  }
  EB_RETURN_IF_ERROR(CheckQuantParam(ctx, kYScale, "y_scale", DType::kFloat32, 0, &count));
  EB_RETURN_IF_ERROR(CheckQuantParam(ctx, kYZeroPoint, "y_zero_point", y_type, 0, &count));
  EB_RETURN_IF_ERROR(CheckC(ctx, s.get()));

  const Tensor* b_value = ctx.input_value(kB);
  const bool zp_known = !ctx.has_input(kBZeroPoint) || ctx.input_value(kBZeroPoint) != nullptr;
  size_t bytes = 0;
  if (b_value && zp_known) {
    s->b_packed = true;
    s->packed = PackWeightsOnce(*b_value, 1, s->n, s->k, trans_b, ctx.input_value(kBZeroPoint));
  } else {
    bytes = PackedWeightsBytes(s->n, s->k);
  }
  s->scratch_a = bytes;
  bytes += AlignScratch(static_cast<size_t>(s->m * s->k));
  s->scratch_acc = bytes;
  bytes += AlignScratch(static_cast<size_t>(s->n) * sizeof(int32_t));
  s->scratch_multipliers = bytes;
  bytes += AlignScratch(static_cast<size_t>(s->n) * sizeof(float));
  ctx.set_scratch_bytes(bytes);
  if (ctx.has_output(0)) ctx.set_output(0, y_type, {s->m, s->n});
  ctx.set_state(std::move(s));
  return Status::Ok();
}

// A as uint8 rows [M, K]: the data itself when it is uint8 and not transposed.
const uint8_t* UnsignedRows(const KernelContext& ctx, const QGemmState& s, uint8_t* scratch) {
  const Tensor& a = *ctx.inputs[kA];
  if (!s.trans_a) {
    if (a.dtype() == DType::kUInt8) return a.data<uint8_t>();
    ToUnsigned(a.raw_data(), a.dtype(), s.m * s.k, scratch);
    return scratch;
  }
  for (int64_t i = 0; i < s.m; ++i) {
    for (int64_t k = 0; k < s.k; ++k) scratch[i * s.k + k] = static_cast<uint8_t>(UnsignedValue(a.raw_data(), a.dtype(), k * s.m + i));
  }
  return scratch;
}

Status Run(const KernelContext& ctx) {
  const QGemmState& s = ctx.get_state<QGemmState>();
  auto* scratch = static_cast<unsigned char*>(ctx.scratch);
  PackedWeights w = s.packed.view;
  if (!s.b_packed) {
    w = LayoutPackedWeights(scratch, s.n, s.k);
    PackWeights(*ctx.inputs[kB], 1, s.n, s.k, s.trans_b, ctx.input(kBZeroPoint), w);
  }
  const uint8_t* a = UnsignedRows(ctx, s, scratch + s.scratch_a);
  auto* acc = reinterpret_cast<int32_t*>(scratch + s.scratch_acc);
  auto* multipliers = reinterpret_cast<float*>(scratch + s.scratch_multipliers);
  const float a_scale = ScaleAt(*ctx.inputs[kAScale], 0);
  for (int64_t c = 0; c < s.n; ++c) {
    multipliers[c] = s.alpha * a_scale * ScaleAt(*ctx.inputs[kBScale], c);
    if (s.quantized_y) multipliers[c] /= ScaleAt(*ctx.inputs[kYScale], 0);
  }
  const int32_t za = ZeroPointAt(ctx.input(kAZeroPoint), 0) + UnsignedShift(ctx.inputs[kA]->dtype());
  const int32_t* c_data = ctx.input(kC) ? ctx.inputs[kC]->data<int32_t>() : nullptr;
  Tensor& y = *ctx.outputs[0];
  const int32_t y_zp = ZeroPointAt(ctx.input(kYZeroPoint), 0);
  for (int64_t i = 0; i < s.m; ++i) {
    const uint8_t* row = a + i * s.k;
    IntegerGemmRow(row, SumOf(row, s.k), za, w.data, s.k, w.sums, w.zero_points, 1, s.n, s.k, acc);
    if (c_data) {
      for (int64_t c = 0; c < s.n; ++c) acc[c] += c_data[i * s.c_stride_m + c * s.c_stride_n];
    }
    switch (y.dtype()) {
      case DType::kUInt8: RequantizeRow(acc, s.n, multipliers, 1, y_zp, y.data<uint8_t>() + i * s.n); break;
      case DType::kInt8: RequantizeRow(acc, s.n, multipliers, 1, y_zp, y.data<int8_t>() + i * s.n); break;
      default: ScaleRow(acc, s.n, multipliers, 1, y.data<float>() + i * s.n); break;
    }
  }
  return Status::Ok();
}

// MACs = M * N * K; FLOPs = 2 MACs (integer operations).
OpCost Cost(const CostContext& ctx) {
  OpCost cost = ElementwiseCost(ctx);
  const Tensor& a = *ctx.inputs[kA];
  const bool trans_a = ctx.node->attributes.GetInt("transA", 0) != 0;
  cost.macs = ctx.outputs[0]->num_elements() * (trans_a ? a.dim(0) : a.dim(1));
  cost.flops = 2 * cost.macs;
  return cost;
}

}  // namespace

extern const OpDef kQGemm = {"QGemm", Infer, Run, Cost, false, false, "com.microsoft"};

}  // namespace edgebench::ops
