// LSTM (ONNX LSTM-7/14): one layer, forward, reverse or bidirectional, with
// optional bias, sequence lengths, initial states, peepholes, clip,
// input_forget and layout. Per step, with gates ordered i, o, f, c in W, R, B:
//   i = f(Xt Wi^T + Ht-1 Ri^T + Pi . Ct-1 + Wbi + Rbi)
//   f = f(Xt Wf^T + Ht-1 Rf^T + Pf . Ct-1 + Wbf + Rbf)   (1 - i with input_forget)
//   c = g(Xt Wc^T + Ht-1 Rc^T + Wbc + Rbc)
//   Ct = f . Ct-1 + i . c
//   o = f(Xt Wo^T + Ht-1 Ro^T + Po . Ct + Wbo + Rbo)
//   Ht = o . h(Ct)
// The loop over directions, batch and time is in rnn_kernel.h.
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
  const float* w = ctx.inputs[1]->data<float>();
  const float* r = ctx.inputs[2]->data<float>();
  const Tensor* b = ctx.input(3);
  const Tensor* p = ctx.input(7);

  auto cell = [&](int d, const float* x, float* states, float* gates) {
    float* h = states;
    float* cell_state = states + hidden;
    // Gate pre-activations: both biases, then the input and recurrent products.
    const float* bias = b ? b->data<float>() + d * 2 * gate_rows : nullptr;
    for (int64_t j = 0; j < gate_rows; ++j) gates[j] = bias ? bias[j] + bias[gate_rows + j] : 0.0f;
    MatVecAccumulate(w + d * gate_rows * c.input_size, gate_rows, c.input_size, x, gates);
    MatVecAccumulate(r + d * gate_rows * hidden, gate_rows, hidden, h, gates);

    const RnnActivation& f = c.activations[d][0];
    const RnnActivation& g = c.activations[d][1];
    const RnnActivation& act_h = c.activations[d][2];
    const float* peep = p ? p->data<float>() + d * 3 * hidden : nullptr;  // P is ordered i, o, f
    const float* gate_i = gates;
    const float* gate_o = gates + hidden;
    const float* gate_f = gates + 2 * hidden;
    const float* gate_c = gates + 3 * hidden;
    // Element j of the new states needs only element j of the old ones, so
    // they update in place (the recurrent product above already read all of h).
    for (int64_t j = 0; j < hidden; ++j) {
      const float c_prev = cell_state[j];
      const float i = ApplyActivation(f, ClipGate(c, gate_i[j] + (peep ? peep[j] * c_prev : 0.0f)));
      const float forget_in = gate_f[j] + (peep ? peep[2 * hidden + j] * c_prev : 0.0f);
      const float forget = s.input_forget ? 1.0f - i : ApplyActivation(f, ClipGate(c, forget_in));
      const float candidate = ApplyActivation(g, ClipGate(c, gate_c[j]));
      const float c_new = forget * c_prev + i * candidate;
      const float o = ApplyActivation(f, ClipGate(c, gate_o[j] + (peep ? peep[hidden + j] * c_new : 0.0f)));
      cell_state[j] = c_new;
      h[j] = o * ApplyActivation(act_h, ClipGate(c, c_new));
    }
  };
  return RunRnn(ctx, c, cell);
}

}  // namespace

extern const OpDef kLSTM = {"LSTM", Infer, Run, RnnCost, /*in_place=*/false};

}  // namespace edgebench::ops
