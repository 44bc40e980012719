// GRU (ONNX GRU-7/14): one layer, forward, reverse or bidirectional, with
// optional bias, sequence lengths, initial state, clip, linear_before_reset
// and layout. Per step, with gates ordered z, r, h in W, R, B:
//   z = f(Xt Wz^T + Ht-1 Rz^T + Wbz + Rbz)
//   r = f(Xt Wr^T + Ht-1 Rr^T + Wbr + Rbr)
//   h = g(Xt Wh^T + (r . Ht-1) Rh^T + Rbh + Wbh)       linear_before_reset = 0
//   h = g(Xt Wh^T + r . (Ht-1 Rh^T + Rbh) + Wbh)       linear_before_reset != 0
//   Ht = (1 - z) . h + z . Ht-1
// The loop over directions, batch and time is in rnn_kernel.h.
#include <memory>

#include "runtime/ops/math/rnn_kernel.h"

namespace edgebench::ops {
namespace {

struct GruState {
  RnnConfig config;
  bool linear_before_reset = false;
};

constexpr const char* kDefaultActivations[] = {"Sigmoid", "Tanh"};

Status Infer(InferContext& ctx) {
  auto state = std::make_shared<GruState>();
  EB_RETURN_IF_ERROR(InferRnn(ctx, /*num_gates=*/3, /*num_states=*/1, /*num_activations=*/2, kDefaultActivations,
                              &state->config));
  state->linear_before_reset = ctx.attributes().GetInt("linear_before_reset", 0) != 0;
  ctx.set_state(std::move(state));
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const GruState& s = ctx.get_state<GruState>();
  const RnnConfig& c = s.config;
  const int64_t hidden = c.hidden_size;
  const int64_t gate_rows = 3 * hidden;
  const float* w = ctx.inputs[1]->data<float>();
  const float* r = ctx.inputs[2]->data<float>();
  const Tensor* b = ctx.input(3);

  auto cell = [&](int d, const float* x, float* h, float* work) {
    float* gates = work;                    // z, r, h pre-activations
    float* recurrent_h = work + gate_rows;  // the h gate's recurrent term
    const float* w_d = w + d * gate_rows * c.input_size;
    const float* r_d = r + d * gate_rows * hidden;
    const float* wb = b ? b->data<float>() + d * 2 * gate_rows : nullptr;
    const float* rb = wb ? wb + gate_rows : nullptr;

    // z and r take both biases and both products; h takes only its input
    // product here, its recurrent term depending on the reset gate.
    for (int64_t j = 0; j < gate_rows; ++j) gates[j] = wb ? wb[j] + (j < 2 * hidden ? rb[j] : 0.0f) : 0.0f;
    MatVecAccumulate(w_d, gate_rows, c.input_size, x, gates);
    MatVecAccumulate(r_d, 2 * hidden, hidden, h, gates);

    const RnnActivation& f = c.activations[d][0];
    const RnnActivation& g = c.activations[d][1];
    float* z = gates;
    float* reset = gates + hidden;
    for (int64_t j = 0; j < 2 * hidden; ++j) gates[j] = ApplyActivation(f, ClipGate(c, gates[j]));

    const float* r_h = r_d + 2 * hidden * hidden;
    for (int64_t j = 0; j < hidden; ++j) recurrent_h[j] = rb ? rb[2 * hidden + j] : 0.0f;
    if (s.linear_before_reset) {
      MatVecAccumulate(r_h, hidden, hidden, h, recurrent_h);
      for (int64_t j = 0; j < hidden; ++j) recurrent_h[j] *= reset[j];
    } else {
      // (r . Ht-1) Rh^T: the reset-scaled state goes in the reset gate's slot,
      // which is not needed after this.
      for (int64_t j = 0; j < hidden; ++j) reset[j] *= h[j];
      MatVecAccumulate(r_h, hidden, hidden, reset, recurrent_h);
    }
    const float* candidate_in = gates + 2 * hidden;
    for (int64_t j = 0; j < hidden; ++j) {
      const float candidate = ApplyActivation(g, ClipGate(c, candidate_in[j] + recurrent_h[j]));
      h[j] = (1.0f - z[j]) * candidate + z[j] * h[j];
    }
  };
  return RunRnn(ctx, c, cell);
}

}  // namespace

extern const OpDef kGRU = {"GRU", Infer, Run, RnnCost, /*in_place=*/false};

}  // namespace edgebench::ops
