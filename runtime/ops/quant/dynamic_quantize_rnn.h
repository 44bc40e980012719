// What DynamicQuantizeLSTM (com.microsoft) and DynamicQuantizeGRU
// (ai.edgebench) share: 8-bit W [dirs, input, gates*H] and R [dirs, H,
// gates*H] with float scales and 8-bit zero points of shape [dirs] (per
// direction) or [dirs, gates*H] (per gate row), all initializers.
//
// Per run, X is quantized to uint8 once for every time step (DynamicQuantizeLinear's
// rule, one scale for the whole tensor) and multiplied with W by the integer
// GEMM core, giving Xt W^T of every step and direction in float. Per step,
// the state is quantized the same way and multiplied with R. Gates,
// activations, directions, sequence_lens and layout are the float ops' own
// (rnn_kernel.h). W and R are packed with their row sums once, in Infer.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "runtime/ops/math/rnn_kernel.h"
#include "runtime/ops/quant/packed_weights.h"

namespace edgebench::ops {

struct QuantizedRnnState {
  RnnConfig config;
  int64_t gate_rows = 0;  // gates * hidden_size
  // dirs * gate_rows packed rows of input_size (W) and hidden_size (R) values,
  // with each row's scale.
  OwnedPackedWeights w, r;
  std::vector<float> w_scales, r_scales;
  // Scratch after RunRnn's (RnnScratchBytes): Xt W^T of every X row and
  // direction (float), X as uint8, one state as uint8, one int32 row.
  size_t scratch_products = 0, scratch_x = 0, scratch_v = 0, scratch_acc = 0;
};

// Infer's common part: the float ops' checks on the quantized weight form,
// the scales and zero points at inputs params_input .. params_input + 3
// (W_scale, W_zero_point, R_scale, R_zero_point), the packing and the scratch.
Status InferQuantizedRnn(InferContext& ctx, int num_gates, int num_states, int num_activations,
                         const char* const* default_activations, int params_input, QuantizedRnnState* s);

struct QuantizedRnnScratch {
  float* products = nullptr;  // [X rows][dirs * gate_rows]
  uint8_t* x = nullptr;
  uint8_t* v = nullptr;
  int32_t* acc = nullptr;
};
QuantizedRnnScratch QuantizedRnnScratchOf(const KernelContext& ctx, const QuantizedRnnState& s);

// scratch.products = X W^T for every X row and direction.
void QuantizedInputProducts(const KernelContext& ctx, const QuantizedRnnState& s, const QuantizedRnnScratch& scratch);

// y[i] += R_d[row + i] . v for i < rows (R_d's rows as the float op's R
// stores them), v (hidden_size floats) quantized dynamically.
void QuantizedRecurrentProduct(const QuantizedRnnState& s, int d, int64_t row, int64_t rows, const float* v,
                               const QuantizedRnnScratch& scratch, float* y);

// Runs the recurrence: step(d, recurrent, gates, states, work) is GruStep or
// LstmStep with gates holding Xt W^T and recurrent the quantized R product.
template <typename Step>
Status RunQuantizedRnn(const KernelContext& ctx, const QuantizedRnnState& s, Step&& step) {
  const QuantizedRnnScratch scratch = QuantizedRnnScratchOf(ctx, s);
  QuantizedInputProducts(ctx, s, scratch);
  const int64_t row_stride = s.config.num_directions * s.gate_rows;
  auto cell = [&](int d, int64_t x_row, float* states, float* work) {
    float* gates = work;
    std::memcpy(gates, scratch.products + x_row * row_stride + d * s.gate_rows, s.gate_rows * sizeof(float));
    auto recurrent = [&](int64_t row, int64_t rows, const float* v, float* y) {
      QuantizedRecurrentProduct(s, d, row, rows, v, scratch, y);
    };
    step(d, recurrent, gates, states, work + s.gate_rows);
  };
  return RunRnn(ctx, s.config, cell);
}

}  // namespace edgebench::ops
