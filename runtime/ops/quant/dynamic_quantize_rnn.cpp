#include "runtime/ops/quant/dynamic_quantize_rnn.h"

#include <string>

#include "runtime/ops/quant/dynamic_quantize_row.h"
#include "runtime/ops/quant/integer_gemm.h"
#include "runtime/ops/quant/quant_params.h"

namespace edgebench::ops {
namespace {

// Packs W or R (input `weight`) with its scale and zero point (inputs
// `params`, `params + 1`): one scale and zero point per direction or per gate
// row of each direction (ONNX Runtime's DynamicQuantizeLSTM shapes).
Status PackQuantizedWeight(const InferContext& ctx, int weight, const char* name, int params, int64_t depth,
                           const QuantizedRnnState& s, OwnedPackedWeights* packed, std::vector<float>* scales) {
  const int64_t dirs = s.config.num_directions;
  const int64_t rows = dirs * s.gate_rows;
  const Tensor* value = ctx.input_value(weight);
  const Tensor* scale = ctx.input_value(params);
  const Tensor* zero_point = ctx.input_value(params + 1);
  if (!value || !scale || !zero_point) {
    return ctx.UnsupportedError(std::string(name) + ", its scale and its zero point must be initializers (they are "
                                "packed once, at session creation)");
  }
  const DType dtype = value->dtype();
  const Shape per_direction = {dirs};
  const Shape per_row = {dirs, s.gate_rows};
  const bool per_channel = scale->shape() == per_row;
  if (!per_channel && scale->shape() != per_direction) {
    return ctx.Error(std::string(name) + "_scale has shape " + ShapeToString(scale->shape()) + ", expected " +
                     ShapeToString(per_direction) + " or " + ShapeToString(per_row));
  }
  if (scale->dtype() != DType::kFloat32) return ctx.Error(std::string(name) + "_scale must be float32");
  if (zero_point->dtype() != dtype || zero_point->shape() != scale->shape()) {
    return ctx.Error(std::string(name) + "_zero_point must be " + TensorTypeToString(dtype, scale->shape()) +
                     " like " + name + " and its scale, got " +
                     TensorTypeToString(zero_point->dtype(), zero_point->shape()));
  }
  *packed = PackWeightsOnce(*value, dirs, s.gate_rows, depth, /*rows_major=*/false, nullptr);
  scales->resize(static_cast<size_t>(rows));
  const int32_t shift = SignedShift(dtype);
  for (int64_t i = 0; i < rows; ++i) {
    const int64_t at = per_channel ? i : i / s.gate_rows;
    (*scales)[i] = scale->data<float>()[at];
    packed->view.zero_points[i] = ZeroPointAt(zero_point, at) + shift;
  }
  return Status::Ok();
}

}  // namespace

Status InferQuantizedRnn(InferContext& ctx, int num_gates, int num_states, int num_activations,
                         const char* const* default_activations, int params_input, QuantizedRnnState* s) {
  RnnConfig& c = s->config;
  EB_RETURN_IF_ERROR(InferRnn(ctx, num_gates, num_states, num_activations, default_activations, &c,
                              RnnWeightForm::kQuantized));
  for (int i = params_input; i < params_input + 4; ++i) {
    if (!ctx.has_input(i)) return ctx.Error("inputs W_scale, W_zero_point, R_scale and R_zero_point are required");
  }
  s->gate_rows = num_gates * c.hidden_size;
  EB_RETURN_IF_ERROR(PackQuantizedWeight(ctx, 1, "W", params_input, c.input_size, *s, &s->w, &s->w_scales));
  EB_RETURN_IF_ERROR(PackQuantizedWeight(ctx, 2, "R", params_input + 2, c.hidden_size, *s, &s->r, &s->r_scales));

  const size_t x_rows = static_cast<size_t>(c.seq_length * c.batch_size);
  size_t bytes = AlignScratch(RnnScratchBytes(c));
  s->scratch_products = bytes;
  bytes += AlignScratch(x_rows * static_cast<size_t>(c.num_directions * s->gate_rows) * sizeof(float));
  s->scratch_x = bytes;
  bytes += AlignScratch(x_rows * static_cast<size_t>(c.input_size));
  s->scratch_v = bytes;
  bytes += AlignScratch(static_cast<size_t>(c.hidden_size));
  s->scratch_acc = bytes;
  bytes += AlignScratch(static_cast<size_t>(s->gate_rows) * sizeof(int32_t));
  ctx.set_scratch_bytes(bytes);
  return Status::Ok();
}

QuantizedRnnScratch QuantizedRnnScratchOf(const KernelContext& ctx, const QuantizedRnnState& s) {
  auto* base = static_cast<unsigned char*>(ctx.scratch);
  QuantizedRnnScratch scratch;
  scratch.products = reinterpret_cast<float*>(base + s.scratch_products);
  scratch.x = base + s.scratch_x;
  scratch.v = base + s.scratch_v;
  scratch.acc = reinterpret_cast<int32_t*>(base + s.scratch_acc);
  return scratch;
}

void QuantizedInputProducts(const KernelContext& ctx, const QuantizedRnnState& s, const QuantizedRnnScratch& scratch) {
  const RnnConfig& c = s.config;
  const int64_t depth = c.input_size;
  const int64_t x_rows = c.seq_length * c.batch_size;
  const DynamicQuantParams xq = DynamicQuantizeRow(ctx.inputs[0]->data<float>(), x_rows * depth, scratch.x);
  const PackedWeights& w = s.w.view;
  float* out = scratch.products;
  for (int64_t row = 0; row < x_rows; ++row) {
    const uint8_t* x = scratch.x + row * depth;
    const int32_t x_sum = SumOf(x, depth);
    for (int d = 0; d < c.num_directions; ++d) {
      const int64_t first = d * s.gate_rows;
      IntegerGemmRow(x, x_sum, xq.zero_point, w.data + first * depth, depth, w.sums + first, w.zero_points + first, 1,
                     s.gate_rows, depth, scratch.acc);
      const float* w_scales = s.w_scales.data() + first;
      for (int64_t j = 0; j < s.gate_rows; ++j) out[j] = static_cast<float>(scratch.acc[j]) * (xq.scale * w_scales[j]);
      out += s.gate_rows;
    }
  }
}

void QuantizedRecurrentProduct(const QuantizedRnnState& s, int d, int64_t row, int64_t rows, const float* v,
                               const QuantizedRnnScratch& scratch, float* y) {
  const int64_t depth = s.config.hidden_size;
  const DynamicQuantParams vq = DynamicQuantizeRow(v, depth, scratch.v);
  if (vq.scale == 0.0f) return;  // v is all zeros (a zero initial state): so is its product
  const int64_t first = d * s.gate_rows + row;
  const PackedWeights& r = s.r.view;
  IntegerGemmRow(scratch.v, SumOf(scratch.v, depth), vq.zero_point, r.data + first * depth, depth, r.sums + first,
                 r.zero_points + first, 1, rows, depth, scratch.acc);
  const float* r_scales = s.r_scales.data() + first;
  for (int64_t i = 0; i < rows; ++i) y[i] += static_cast<float>(scratch.acc[i]) * (vq.scale * r_scales[i]);
}

}  // namespace edgebench::ops
