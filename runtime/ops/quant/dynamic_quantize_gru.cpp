// ai.edgebench DynamicQuantizeGRU (version 1): an ONNX GRU whose weights are
// 8-bit, defined by edgebench after ONNX Runtime's DynamicQuantizeLSTM, since
// ONNX Runtime has no quantized GRU. It is edgebench-specific: other
// runtimes, ONNX Runtime included, will not load a model that uses it.
//
// Inputs X(0), W(1), R(2), B(3), sequence_lens(4), initial_h(5), W_scale(6),
// W_zero_point(7), R_scale(8), R_zero_point(9). W is [dirs, input_size,
// 3*hidden_size] and R [dirs, hidden_size, 3*hidden_size], uint8 or int8
// (the transpose of GRU's, gates z, r, h); scales and zero points are [dirs]
// or [dirs, 3*hidden_size]. Attributes are GRU-14's, linear_before_reset and
// layout included. The computation is in dynamic_quantize_rnn.h.
#include <memory>

#include "runtime/ops/quant/dynamic_quantize_rnn.h"

namespace edgebench::ops {
namespace {

struct DynamicQuantizeGruState {
  QuantizedRnnState rnn;
  bool linear_before_reset = false;
};

constexpr const char* kDefaultActivations[] = {"Sigmoid", "Tanh"};
constexpr int kWScale = 6;

Status Infer(InferContext& ctx) {
  auto state = std::make_shared<DynamicQuantizeGruState>();
  EB_RETURN_IF_ERROR(InferQuantizedRnn(ctx, /*num_gates=*/3, /*num_states=*/1, /*num_activations=*/2,
                                       kDefaultActivations, kWScale, &state->rnn));
  state->linear_before_reset = ctx.attributes().GetInt("linear_before_reset", 0) != 0;
  ctx.set_state(std::move(state));
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const DynamicQuantizeGruState& s = ctx.get_state<DynamicQuantizeGruState>();
  const RnnConfig& c = s.rnn.config;
  const Tensor* b = ctx.input(3);
  return RunQuantizedRnn(ctx, s.rnn, [&](int d, auto& recurrent, float* gates, float* h, float* work) {
    const float* bias = b ? b->data<float>() + d * 2 * s.rnn.gate_rows : nullptr;
    GruStep(c, d, s.linear_before_reset, bias, recurrent, gates, h, work);
  });
}

}  // namespace

extern const OpDef kDynamicQuantizeGRU = {"DynamicQuantizeGRU", Infer, Run, QuantizedRnnCost, false, false,
                                          "ai.edgebench"};

}  // namespace edgebench::ops
