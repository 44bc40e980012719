// GRU (ONNX GRU-7/14): one layer, forward, reverse or bidirectional, with
// optional bias, sequence lengths, initial state, clip, linear_before_reset
// and layout. Per step, with gates ordered z, r, h in W, R, B:
//   z = f(Xt Wz^T + Ht-1 Rz^T + Wbz + Rbz)
//   r = f(Xt Wr^T + Ht-1 Rr^T + Wbr + Rbr)
//   h = g(Xt Wh^T + (r . Ht-1) Rh^T + Rbh + Wbh)       linear_before_reset = 0
//   h = g(Xt Wh^T + r . (Ht-1 Rh^T + Rbh) + Wbh)       linear_before_reset != 0
//   Ht = (1 - z) . h + z . Ht-1
// The step (GruStep) and the loop over directions, batch and time are in
// rnn_kernel.h, shared with DynamicQuantizeGRU.
#include <algorithm>
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
  const float* x = ctx.inputs[0]->data<float>();
  const float* w = ctx.inputs[1]->data<float>();
  const float* r = ctx.inputs[2]->data<float>();
  const Tensor* b = ctx.input(3);

  auto cell = [&](int d, int64_t x_row, float* h, float* work) {
    float* gates = work;  // z, r, h pre-activations, then H floats for GruStep
    std::fill(gates, gates + gate_rows, 0.0f);
    MatVecAccumulate(w + d * gate_rows * c.input_size, gate_rows, c.input_size, x + x_row * c.input_size, gates);
    const float* r_d = r + d * gate_rows * hidden;
    auto recurrent = [&](int64_t row, int64_t rows, const float* v, float* y) {
      MatVecAccumulate(r_d + row * hidden, rows, hidden, v, y);
    };
    const float* bias = b ? b->data<float>() + d * 2 * gate_rows : nullptr;
    GruStep(c, d, s.linear_before_reset, bias, recurrent, gates, h, work + gate_rows);
  };
  return RunRnn(ctx, c, cell);
}

}  // namespace

extern const OpDef kGRU = {"GRU", Infer, Run, RnnCost, /*in_place=*/false};

}  // namespace edgebench::ops
