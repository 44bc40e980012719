#include "runtime/ops/math/rnn_kernel.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>
#include <vector>

namespace edgebench::ops {
namespace {

struct ActivationSpec {
  const char* name;
  RnnActivationKind kind;
  bool uses_alpha, uses_beta;
  // Defaults of the ONNX operators of the same name.
  float default_alpha, default_beta;
};

constexpr ActivationSpec kActivationSpecs[] = {
    {"sigmoid", RnnActivationKind::kSigmoid, false, false, 0.0f, 0.0f},
    {"tanh", RnnActivationKind::kTanh, false, false, 0.0f, 0.0f},
    {"relu", RnnActivationKind::kRelu, false, false, 0.0f, 0.0f},
    {"affine", RnnActivationKind::kAffine, true, true, 1.0f, 0.0f},
    {"leakyrelu", RnnActivationKind::kLeakyRelu, true, false, 0.01f, 0.0f},
    {"thresholdedrelu", RnnActivationKind::kThresholdedRelu, true, false, 1.0f, 0.0f},
    {"scaledtanh", RnnActivationKind::kScaledTanh, true, true, 1.0f, 1.0f},
    {"hardsigmoid", RnnActivationKind::kHardSigmoid, true, true, 0.2f, 0.5f},
    {"elu", RnnActivationKind::kElu, true, false, 1.0f, 0.0f},
    {"softsign", RnnActivationKind::kSoftsign, false, false, 0.0f, 0.0f},
    {"softplus", RnnActivationKind::kSoftplus, false, false, 0.0f, 0.0f},
};

// Activation names match case-insensitively (models spell them "Tanh" or
// "tanh"). activation_alpha/beta are consumed in list order, one value per
// activation that takes the parameter, as ONNX Runtime reads them.
Status ParseActivations(const InferContext& ctx, int per_direction, const char* const* defaults, RnnConfig* c) {
  std::vector<std::string> names = ctx.attributes().GetStrings("activations");
  if (names.empty()) names.assign(defaults, defaults + per_direction);
  const size_t expected = static_cast<size_t>(per_direction * c->num_directions);
  if (names.size() == static_cast<size_t>(per_direction) && c->num_directions == 2) {
    const std::vector<std::string> forward = names;
    names.insert(names.end(), forward.begin(), forward.end());  // same list for both directions
  }
  if (names.size() != expected) {
    return ctx.Error("'activations' has " + std::to_string(names.size()) + " entries, expected " +
                     std::to_string(expected));
  }
  const std::vector<float> alphas = ctx.attributes().GetFloats("activation_alpha");
  const std::vector<float> betas = ctx.attributes().GetFloats("activation_beta");
  size_t next_alpha = 0, next_beta = 0;
  for (size_t i = 0; i < names.size(); ++i) {
    std::string lower = names[i];
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return std::tolower(ch); });
    const ActivationSpec* spec = nullptr;
    for (const ActivationSpec& s : kActivationSpecs) {
      if (lower == s.name) spec = &s;
    }
    if (!spec) return ctx.Error("unknown activation '" + names[i] + "'");
    RnnActivation& a = c->activations[i / per_direction][i % per_direction];
    a.kind = spec->kind;
    a.alpha = spec->uses_alpha && next_alpha < alphas.size() ? alphas[next_alpha++] : spec->default_alpha;
    a.beta = spec->uses_beta && next_beta < betas.size() ? betas[next_beta++] : spec->default_beta;
  }
  return Status::Ok();
}

// Checks that optional input i, when present, is float32 of `shape`.
Status CheckInput(const InferContext& ctx, int i, const char* name, DType dtype, const Shape& shape) {
  if (!ctx.has_input(i)) return Status::Ok();
  if (ctx.input_dtype(i) != dtype) {
    return ctx.UnsupportedError(std::string("input '") + name + "' has type " + DTypeName(ctx.input_dtype(i)) +
                                ", expected " + DTypeName(dtype));
  }
  if (ctx.input_shape(i) != shape) {
    return ctx.Error(std::string("input '") + name + "' has shape " + ShapeToString(ctx.input_shape(i)) +
                     ", expected " + ShapeToString(shape));
  }
  return Status::Ok();
}

}  // namespace

float ApplyActivation(const RnnActivation& a, float x) {
  switch (a.kind) {
    case RnnActivationKind::kSigmoid: return 1.0f / (1.0f + std::exp(-x));
    case RnnActivationKind::kTanh: return std::tanh(x);
    case RnnActivationKind::kRelu: return x > 0.0f ? x : 0.0f;
    case RnnActivationKind::kAffine: return a.alpha * x + a.beta;
    case RnnActivationKind::kLeakyRelu: return x >= 0.0f ? x : a.alpha * x;
    case RnnActivationKind::kThresholdedRelu: return x >= a.alpha ? x : 0.0f;
    case RnnActivationKind::kScaledTanh: return a.alpha * std::tanh(a.beta * x);
    case RnnActivationKind::kHardSigmoid: return std::min(std::max(a.alpha * x + a.beta, 0.0f), 1.0f);
    case RnnActivationKind::kElu: return x >= 0.0f ? x : a.alpha * (std::exp(x) - 1.0f);
    case RnnActivationKind::kSoftsign: return x / (1.0f + std::fabs(x));
    case RnnActivationKind::kSoftplus: return std::log1p(std::exp(x));
  }
  return x;
}

Status InferRnn(InferContext& ctx, int num_gates, int num_states, int num_activations,
                const char* const* default_activations, RnnConfig* c, RnnWeightForm weight_form) {
  for (int i = 0; i < 3; ++i) {
    if (!ctx.has_input(i)) return ctx.Error("inputs 'X', 'W' and 'R' are required");
  }
  if (ctx.input_dtype(0) != DType::kFloat32) {
    return ctx.UnsupportedError(std::string("type ") + DTypeName(ctx.input_dtype(0)) + "; only float32");
  }
  const Attributes& attrs = ctx.attributes();
  c->num_gates = num_gates;
  c->num_states = num_states;

  const std::string direction = attrs.GetString("direction", "forward");
  if (direction == "forward" || direction == "reverse") {
    c->num_directions = 1;
    c->reverse = direction == "reverse";
  } else if (direction == "bidirectional") {
    c->num_directions = 2;
  } else {
    return ctx.Error("unknown direction '" + direction + "'");
  }
  const int64_t layout = attrs.GetInt("layout", 0);
  if (layout != 0 && layout != 1) return ctx.Error("layout must be 0 or 1, got " + std::to_string(layout));
  c->batch_major = layout == 1;
  if (attrs.Has("clip")) {
    c->has_clip = true;
    c->clip = attrs.GetFloat("clip", 0.0f);
    if (!(c->clip > 0.0f)) return ctx.Error("clip must be positive");
  }

  const Shape& x = ctx.input_shape(0);
  const Shape& r = ctx.input_shape(2);
  if (x.size() != 3) return ctx.Error("X must be 3-D, got " + ShapeToString(x));
  if (r.size() != 3) return ctx.Error("R must be 3-D, got " + ShapeToString(r));
  c->seq_length = c->batch_major ? x[1] : x[0];
  c->batch_size = c->batch_major ? x[0] : x[1];
  c->input_size = x[2];
  const bool quantized = weight_form == RnnWeightForm::kQuantized;
  // hidden_size is optional in the schema; R says it too (its last dim, or
  // its middle one in the transposed quantized form).
  c->hidden_size = attrs.GetInt("hidden_size", quantized ? r[1] : r[2]);
  if (c->hidden_size <= 0) return ctx.Error("hidden_size must be positive");
  const int64_t dirs = c->num_directions;
  const int64_t gates = num_gates * c->hidden_size;
  const Shape state_shape = c->batch_major ? Shape{c->batch_size, dirs, c->hidden_size}
                                           : Shape{dirs, c->batch_size, c->hidden_size};
  if (quantized) {
    const DType w_type = ctx.input_dtype(1);
    if (w_type != DType::kUInt8 && w_type != DType::kInt8) {
      return ctx.UnsupportedError(std::string("W has type ") + DTypeName(w_type) + "; uint8 and int8 are implemented");
    }
    EB_RETURN_IF_ERROR(CheckInput(ctx, 1, "W", w_type, {dirs, c->input_size, gates}));
    EB_RETURN_IF_ERROR(CheckInput(ctx, 2, "R", w_type, {dirs, c->hidden_size, gates}));
  } else {
    EB_RETURN_IF_ERROR(CheckInput(ctx, 1, "W", DType::kFloat32, {dirs, gates, c->input_size}));
    EB_RETURN_IF_ERROR(CheckInput(ctx, 2, "R", DType::kFloat32, {dirs, gates, c->hidden_size}));
  }
  EB_RETURN_IF_ERROR(CheckInput(ctx, 3, "B", DType::kFloat32, {dirs, 2 * gates}));
  EB_RETURN_IF_ERROR(CheckInput(ctx, 4, "sequence_lens", DType::kInt32, {c->batch_size}));
  EB_RETURN_IF_ERROR(CheckInput(ctx, 5, "initial_h", DType::kFloat32, state_shape));
  if (num_states == 2) EB_RETURN_IF_ERROR(CheckInput(ctx, 6, "initial_c", DType::kFloat32, state_shape));
  EB_RETURN_IF_ERROR(ParseActivations(ctx, num_activations, default_activations, c));

  const Shape y_shape = c->batch_major ? Shape{c->batch_size, c->seq_length, dirs, c->hidden_size}
                                       : Shape{c->seq_length, dirs, c->batch_size, c->hidden_size};
  if (ctx.has_output(0)) ctx.set_output(0, DType::kFloat32, y_shape);
  for (int s = 0; s < num_states; ++s) {
    if (ctx.has_output(c->state_outputs[s])) ctx.set_output(c->state_outputs[s], DType::kFloat32, state_shape);
  }
  // The cell's work area: the gate pre-activations plus one vector of hidden_size.
  c->work_floats = gates + c->hidden_size;
  ctx.set_scratch_bytes(RnnScratchBytes(*c));
  return Status::Ok();
}

size_t RnnScratchBytes(const RnnConfig& c) {
  return static_cast<size_t>(c.num_states * c.hidden_size + c.work_floats) * sizeof(float);
}

void MatVecAccumulate(const float* w, int64_t rows, int64_t cols, const float* x, float* y) {
  for (int64_t r = 0; r < rows; ++r) {
    const float* w_row = w + r * cols;
    float acc = 0.0f;
    for (int64_t k = 0; k < cols; ++k) acc += w_row[k] * x[k];
    y[r] += acc;
  }
}

namespace {

OpCost RnnCostOf(const CostContext& ctx, int64_t directions, int64_t gate_rows, int64_t hidden) {
  const Tensor& x = *ctx.inputs[0];
  const int64_t steps_times_batch = x.dim(0) * x.dim(1);  // seq * batch in either layout
  OpCost cost;
  cost.macs = steps_times_batch * directions * gate_rows * (x.dim(2) + hidden);
  cost.flops = 2 * cost.macs + 10 * steps_times_batch * directions * gate_rows;
  for (const Tensor* t : ctx.inputs) {
    if (t) cost.bytes_read += static_cast<int64_t>(t->num_bytes());
  }
  for (const Tensor* t : ctx.outputs) {
    if (t) cost.bytes_written += static_cast<int64_t>(t->num_bytes());
  }
  return cost;
}

}  // namespace

OpCost RnnCost(const CostContext& ctx) {
  const Tensor& w = *ctx.inputs[1];  // [dirs, gates * hidden, input]
  return RnnCostOf(ctx, w.dim(0), w.dim(1), ctx.inputs[2]->dim(2));
}

OpCost QuantizedRnnCost(const CostContext& ctx) {
  const Tensor& w = *ctx.inputs[1];  // [dirs, input, gates * hidden]
  return RnnCostOf(ctx, w.dim(0), w.dim(2), ctx.inputs[2]->dim(1));
}

}  // namespace edgebench::ops
