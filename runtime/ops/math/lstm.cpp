// LSTM (ONNX LSTM-7/14): one layer, forward, reverse or bidirectional, with
// optional bias, sequence lengths, initial states, peepholes, clip,
// input_forget and layout. Per step, with gates ordered i, o, f, c in W, R, B:
//   i = f(Xt Wi^T + Ht-1 Ri^T + Pi . Ct-1 + Wbi + Rbi)
//   f = f(Xt Wf^T + Ht-1 Rf^T + Pf . Ct-1 + Wbf + Rbf)   (1 - i with input_forget)
//   c = g(Xt Wc^T + Ht-1 Rc^T + Wbc + Rbc)
//   Ct = f . Ct-1 + i . c
//   o = f(Xt Wo^T + Ht-1 Ro^T + Po . Ct + Wbo + Rbo)
//   Ht = o . h(Ct)
// The step (LstmStep) and the loop over directions, batch and time are in
// rnn_kernel.h, shared with DynamicQuantizeLSTM.
#include <algorithm>
#include <memory>

#include "runtime/ops/math/rnn_kernel.h"

namespace edgebench::ops {
namespace {

struct LstmState {
  RnnConfig config;
  bool input_forget = false;
};

constexpr const char* kDefaultActivations[] = {"Sigmoid", "Tanh", "Tanh"};

Status Infer(InferContext& ctx) {
  auto state = std::make_shared<LstmState>();
  EB_RETURN_IF_ERROR(InferRnn(ctx, /*num_gates=*/4, /*num_states=*/2, /*num_activations=*/3, kDefaultActivations,
                              &state->config));
  const RnnConfig& c = state->config;
  if (ctx.has_input(7)) {
    const Shape expected = {c.num_directions, 3 * c.hidden_size};
    if (ctx.input_dtype(7) != DType::kFloat32 || ctx.input_shape(7) != expected) {
      return ctx.Error("input 'P' must be float32 " + ShapeToString(expected) + ", got " +
                       TensorTypeToString(ctx.input_dtype(7), ctx.input_shape(7)));
    }
  }
  state->input_forget = ctx.attributes().GetInt("input_forget", 0) != 0;
  ctx.set_state(std::move(state));
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const LstmState& s = ctx.get_state<LstmState>();
  const RnnConfig& c = s.config;
  const int64_t hidden = c.hidden_size;
  const int64_t gate_rows = 4 * hidden;
  const float* x = ctx.inputs[0]->data<float>();
  const float* w = ctx.inputs[1]->data<float>();
  const float* r = ctx.inputs[2]->data<float>();
  const Tensor* b = ctx.input(3);
  const Tensor* p = ctx.input(7);

  auto cell = [&](int d, int64_t x_row, float* states, float* gates) {
    std::fill(gates, gates + gate_rows, 0.0f);
    MatVecAccumulate(w + d * gate_rows * c.input_size, gate_rows, c.input_size, x + x_row * c.input_size, gates);
    const float* r_d = r + d * gate_rows * hidden;
    auto recurrent = [&](int64_t row, int64_t rows, const float* v, float* y) {
      MatVecAccumulate(r_d + row * hidden, rows, hidden, v, y);
    };
    const float* bias = b ? b->data<float>() + d * 2 * gate_rows : nullptr;
    const float* peep = p ? p->data<float>() + d * 3 * hidden : nullptr;
    LstmStep(c, d, s.input_forget, bias, peep, recurrent, gates, states);
  };
  return RunRnn(ctx, c, cell);
}

}  // namespace

extern const OpDef kLSTM = {"LSTM", Infer, Run, RnnCost, /*in_place=*/false};

}  // namespace edgebench::ops
