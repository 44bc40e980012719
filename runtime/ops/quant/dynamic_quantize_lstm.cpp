// com.microsoft DynamicQuantizeLSTM (ONNX Runtime contrib op, version 1): an
// ONNX LSTM whose weights are 8-bit, so that ONNX Runtime's dynamic
// quantizer output runs here and edgebench's quantizer output runs there.
// Inputs X(0), W(1), R(2), B(3), sequence_lens(4), initial_h(5),
// initial_c(6), P(7), W_scale(8), W_zero_point(9), R_scale(10),
// R_zero_point(11). W is [dirs, input_size, 4*hidden_size] and R [dirs,
// hidden_size, 4*hidden_size], uint8 or int8 (the transpose of LSTM's);
// scales and zero points are [dirs] or [dirs, 4*hidden_size]. Attributes are
// LSTM's except layout, which the schema lacks: X, Y and the states are
// sequence-first. The computation is in dynamic_quantize_rnn.h.
#include <memory>

#include "runtime/ops/quant/dynamic_quantize_rnn.h"

namespace edgebench::ops {
namespace {

struct DynamicQuantizeLstmState {
  QuantizedRnnState rnn;
  bool input_forget = false;
};

constexpr const char* kDefaultActivations[] = {"Sigmoid", "Tanh", "Tanh"};
constexpr int kPeepholes = 7;
constexpr int kWScale = 8;

Status Infer(InferContext& ctx) {
  if (ctx.attributes().Has("layout")) {
    return ctx.Error("'layout' is not an attribute of com.microsoft DynamicQuantizeLSTM (it is sequence-first)");
  }
  auto state = std::make_shared<DynamicQuantizeLstmState>();
  EB_RETURN_IF_ERROR(InferQuantizedRnn(ctx, /*num_gates=*/4, /*num_states=*/2, /*num_activations=*/3,
                                       kDefaultActivations, kWScale, &state->rnn));
  const RnnConfig& c = state->rnn.config;
  if (ctx.has_input(kPeepholes)) {
    const Shape expected = {c.num_directions, 3 * c.hidden_size};
    if (ctx.input_dtype(kPeepholes) != DType::kFloat32 || ctx.input_shape(kPeepholes) != expected) {
      return ctx.Error("input 'P' must be float32 " + ShapeToString(expected) + ", got " +
                       TensorTypeToString(ctx.input_dtype(kPeepholes), ctx.input_shape(kPeepholes)));
    }
  }
  state->input_forget = ctx.attributes().GetInt("input_forget", 0) != 0;
  ctx.set_state(std::move(state));
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const DynamicQuantizeLstmState& s = ctx.get_state<DynamicQuantizeLstmState>();
  const RnnConfig& c = s.rnn.config;
  const Tensor* b = ctx.input(3);
  const Tensor* p = ctx.input(kPeepholes);
  return RunQuantizedRnn(ctx, s.rnn, [&](int d, auto& recurrent, float* gates, float* states, float*) {
    const float* bias = b ? b->data<float>() + d * 2 * s.rnn.gate_rows : nullptr;
    const float* peep = p ? p->data<float>() + d * 3 * c.hidden_size : nullptr;
    LstmStep(c, d, s.input_forget, bias, peep, recurrent, gates, states);
  });
}

}  // namespace

extern const OpDef kDynamicQuantizeLSTM = {"DynamicQuantizeLSTM", Infer, Run, QuantizedRnnCost, false, false,
                                           "com.microsoft"};

}  // namespace edgebench::ops
