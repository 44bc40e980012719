// What LSTM and GRU share (ONNX LSTM-7/14, GRU-7/14), with their dynamically
// quantized forms (com.microsoft DynamicQuantizeLSTM, ai.edgebench
// DynamicQuantizeGRU): attribute parsing and shape checks, the gate
// activations, the mat-vec products of the gates, one step of each cell, and
// the loop over directions, batch entries and time steps.
//
// Common inputs: X(0), W(1), R(2), B(3), sequence_lens(4), initial_h(5);
// common outputs: Y(0), Y_h(1). Layout 0 is [seq, batch, ...], layout 1
// (opset 14) is [batch, seq, ...] for X, Y and the states.
#pragma once

#include <cstring>
#include <string>

#include "runtime/ops/op.h"

namespace edgebench::ops {

enum class RnnActivationKind {
  kSigmoid, kTanh, kRelu, kAffine, kLeakyRelu, kThresholdedRelu, kScaledTanh, kHardSigmoid, kElu, kSoftsign,
  kSoftplus
};

struct RnnActivation {
  RnnActivationKind kind = RnnActivationKind::kSigmoid;
  float alpha = 0.0f;
  float beta = 0.0f;
};

float ApplyActivation(const RnnActivation& activation, float x);

constexpr int kMaxRnnActivations = 3;  // f, g, h of LSTM
constexpr int kMaxRnnStates = 2;       // h, and c for LSTM

struct RnnConfig {
  int num_gates = 0;       // 4 for LSTM (iofc), 3 for GRU (zrh)
  int num_states = 1;      // 2 for LSTM (h, c)
  int num_directions = 1;
  bool reverse = false;    // direction == "reverse"
  bool batch_major = false;  // layout == 1
  int64_t seq_length = 0, batch_size = 0, input_size = 0, hidden_size = 0;
  bool has_clip = false;
  float clip = 0.0f;
  RnnActivation activations[2][kMaxRnnActivations];  // per direction
  // Input indices of the initial states (initial_h, initial_c); output
  // indices of the final states (Y_h, Y_c).
  int state_inputs[kMaxRnnStates] = {5, 6};
  int state_outputs[kMaxRnnStates] = {1, 2};
  int64_t work_floats = 0;  // per-step scratch of the cell
};

// How W and R are stored.
enum class RnnWeightForm {
  kFloat,      // ONNX LSTM/GRU: float32 W [dirs, gates*H, input], R [dirs, gates*H, H]
  kQuantized,  // the DynamicQuantize ops: uint8 or int8 W [dirs, input, gates*H], R [dirs, H, gates*H]
};

// Parses the attributes, checks X, W, R, B, sequence_lens and initial_h (and,
// for num_states == 2, initial_c), and sets the shapes of Y, Y_h (and Y_c).
// `default_activations` holds `num_activations` names; RnnScratchBytes of
// scratch is declared.
Status InferRnn(InferContext& ctx, int num_gates, int num_states, int num_activations,
                const char* const* default_activations, RnnConfig* config,
                RnnWeightForm weight_form = RnnWeightForm::kFloat);

// The scratch RunRnn uses (the states and the cell's work area), from the
// start of the op's scratch; ops that need more place theirs after it.
size_t RnnScratchBytes(const RnnConfig& c);

// The cell's input clipped to [-clip, clip] when clip is set.
inline float ClipGate(const RnnConfig& c, float x) {
  if (!c.has_clip) return x;
  return x > c.clip ? c.clip : (x < -c.clip ? -c.clip : x);
}

// y[r] += dot(w[r, :], x) for r < rows: W is row-major [rows, cols], as ONNX
// stores W and R, so each row is a contiguous dot product.
void MatVecAccumulate(const float* w, int64_t rows, int64_t cols, const float* x, float* y);

// Element offset of Y[t][d][b][0] and Y_h[d][b][0] per layout.
inline int64_t RnnYOffset(const RnnConfig& c, int64_t t, int d, int64_t b) {
  const int64_t row = c.batch_major ? (b * c.seq_length + t) * c.num_directions + d
                                    : (t * c.num_directions + d) * c.batch_size + b;
  return row * c.hidden_size;
}
inline int64_t RnnStateOffset(const RnnConfig& c, int d, int64_t b) {
  return (c.batch_major ? b * c.num_directions + d : d * c.batch_size + b) * c.hidden_size;
}

// X's row of time step t, batch entry b ([seq * batch] rows of input_size).
inline int64_t RnnXRow(const RnnConfig& c, int64_t t, int64_t b) {
  return c.batch_major ? b * c.seq_length + t : t * c.batch_size + b;
}

// Runs the recurrence. For every direction and batch entry, the states (h,
// then c) start from the initial-state inputs or zero and step through the
// entry's sequence_lens steps (backwards for the reverse direction):
//   cell(direction, x_row, states, work)
// updates `states` in place from X's row x_row (RnnXRow; input_size floats at
// X + x_row * input_size). Y gets h at each
// step and zeros past the sequence's end; the final-state outputs get the last
// states, or zeros for an empty sequence. Scratch holds the states and `work`.
template <typename Cell>
Status RunRnn(const KernelContext& ctx, const RnnConfig& c, Cell&& cell) {
  const int64_t hidden = c.hidden_size;
  const Tensor* sequence_lens = ctx.input(4);
  Tensor* y = ctx.output(0);
  float* states = static_cast<float*>(ctx.scratch);
  float* work = states + c.num_states * hidden;
  for (int d = 0; d < c.num_directions; ++d) {
    const bool backwards = c.reverse || d == 1;
    for (int64_t b = 0; b < c.batch_size; ++b) {
      const int64_t length = sequence_lens ? sequence_lens->data<int32_t>()[b] : c.seq_length;
      if (length < 0 || length > c.seq_length) {
        return ctx.Error("sequence_lens[" + std::to_string(b) + "] = " + std::to_string(length) +
                         " is outside [0, " + std::to_string(c.seq_length) + "]");
      }
      for (int s = 0; s < c.num_states; ++s) {
        const Tensor* initial = ctx.input(c.state_inputs[s]);
        float* state = states + s * hidden;
        if (initial) {
          std::memcpy(state, initial->data<float>() + RnnStateOffset(c, d, b), hidden * sizeof(float));
        } else {
          std::memset(state, 0, hidden * sizeof(float));
        }
      }
      for (int64_t step = 0; step < length; ++step) {
        const int64_t t = backwards ? length - 1 - step : step;
        cell(d, RnnXRow(c, t, b), states, work);
        if (y) std::memcpy(y->data<float>() + RnnYOffset(c, t, d, b), states, hidden * sizeof(float));
      }
      if (y) {
        for (int64_t t = length; t < c.seq_length; ++t) {
          std::memset(y->data<float>() + RnnYOffset(c, t, d, b), 0, hidden * sizeof(float));
        }
      }
      for (int s = 0; s < c.num_states; ++s) {
        Tensor* final_state = ctx.output(c.state_outputs[s]);
        if (!final_state) continue;
        float* out = final_state->data<float>() + RnnStateOffset(c, d, b);
        if (length == 0) {
          std::memset(out, 0, hidden * sizeof(float));
        } else {
          std::memcpy(out, states + s * hidden, hidden * sizeof(float));
        }
      }
    }
  }
  return Status::Ok();
}

// One GRU step (gates z, r, h; see gru.cpp for the equations) of direction
// d. On entry gates[0, 3H) holds Xt W^T without bias; `bias` is that
// direction's [Wb, Rb] (6H) or null. recurrent(row, rows, v, y) adds rows
// [row, row + rows) of the direction's R times v (H floats) to y. `work` holds
// H floats. h is updated in place.
template <typename Recurrent>
void GruStep(const RnnConfig& c, int d, bool linear_before_reset, const float* bias, Recurrent&& recurrent,
             float* gates, float* h, float* work) {
  const int64_t hidden = c.hidden_size;
  const int64_t gate_rows = 3 * hidden;
  const float* rb = bias ? bias + gate_rows : nullptr;
  // z and r take both biases and both products; h takes only its input
  // product here, its recurrent term depending on the reset gate.
  if (bias) {
    for (int64_t j = 0; j < gate_rows; ++j) gates[j] += bias[j] + (j < 2 * hidden ? rb[j] : 0.0f);
  }
  recurrent(0, 2 * hidden, h, gates);

  const RnnActivation& f = c.activations[d][0];
  const RnnActivation& g = c.activations[d][1];
  float* z = gates;
  float* reset = gates + hidden;
  for (int64_t j = 0; j < 2 * hidden; ++j) gates[j] = ApplyActivation(f, ClipGate(c, gates[j]));

  float* recurrent_h = work;  // the h gate's recurrent term
  for (int64_t j = 0; j < hidden; ++j) recurrent_h[j] = rb ? rb[2 * hidden + j] : 0.0f;
  if (linear_before_reset) {
    recurrent(2 * hidden, hidden, h, recurrent_h);
    for (int64_t j = 0; j < hidden; ++j) recurrent_h[j] *= reset[j];
  } else {
    // (r . Ht-1) Rh^T: the reset-scaled state goes in the reset gate's slot,
    // which is not needed after this.
    for (int64_t j = 0; j < hidden; ++j) reset[j] *= h[j];
    recurrent(2 * hidden, hidden, reset, recurrent_h);
  }
  const float* candidate_in = gates + 2 * hidden;
  for (int64_t j = 0; j < hidden; ++j) {
    const float candidate = ApplyActivation(g, ClipGate(c, candidate_in[j] + recurrent_h[j]));
    h[j] = (1.0f - z[j]) * candidate + z[j] * h[j];
  }
}

// One LSTM step (gates i, o, f, c; see lstm.cpp for the equations) of
// direction d, with gates, bias and recurrent as in GruStep (4H gate rows, 8H
// biases); `peep` is that direction's P (3H, ordered i, o, f) or null.
// states holds h, then c, updated in place.
template <typename Recurrent>
void LstmStep(const RnnConfig& c, int d, bool input_forget, const float* bias, const float* peep,
              Recurrent&& recurrent, float* gates, float* states) {
  const int64_t hidden = c.hidden_size;
  const int64_t gate_rows = 4 * hidden;
  float* h = states;
  float* cell_state = states + hidden;
  if (bias) {
    for (int64_t j = 0; j < gate_rows; ++j) gates[j] += bias[j] + bias[gate_rows + j];
  }
  recurrent(0, gate_rows, h, gates);

  const RnnActivation& f = c.activations[d][0];
  const RnnActivation& g = c.activations[d][1];
  const RnnActivation& act_h = c.activations[d][2];
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
    const float forget = input_forget ? 1.0f - i : ApplyActivation(f, ClipGate(c, forget_in));
    const float candidate = ApplyActivation(g, ClipGate(c, gate_c[j]));
    const float c_new = forget * c_prev + i * candidate;
    const float o = ApplyActivation(f, ClipGate(c, gate_o[j] + (peep ? peep[hidden + j] * c_new : 0.0f)));
    cell_state[j] = c_new;
    h[j] = o * ApplyActivation(act_h, ClipGate(c, c_new));
  }
}

// MACs = seq * directions * batch * gates * hidden * (input + hidden): the
// input and recurrent mat-vec products of every step. FLOPs add ~10 per gate
// element for the biases, activations and state updates. RnnCost reads the
// float form's W and R, QuantizedRnnCost the DynamicQuantize ops' transposed ones.
OpCost RnnCost(const CostContext& ctx);
OpCost QuantizedRnnCost(const CostContext& ctx);

}  // namespace edgebench::ops
