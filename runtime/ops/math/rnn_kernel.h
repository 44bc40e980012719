// What LSTM and GRU share (ONNX LSTM-7/14, GRU-7/14): attribute parsing and
// shape checks, the gate activations, the mat-vec products of the gates, and
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

// Parses the attributes, checks X, W, R, B, sequence_lens and initial_h (and,
// for num_states == 2, initial_c), and sets the shapes of Y, Y_h (and Y_c).
// `default_activations` holds `num_activations` names; scratch is declared.
Status InferRnn(InferContext& ctx, int num_gates, int num_states, int num_activations,
                const char* const* default_activations, RnnConfig* config);

// The cell's input clipped to [-clip, clip] when clip is set.
inline float ClipGate(const RnnConfig& c, float x) {
  if (!c.has_clip) return x;
  return x > c.clip ? c.clip : (x < -c.clip ? -c.clip : x);
}

// y[r] += dot(w[r, :], x) for r < rows: W is row-major [rows, cols], as ONNX
// stores W and R, so each row is a contiguous dot product.
void MatVecAccumulate(const float* w, int64_t rows, int64_t cols, const float* x, float* y);

// Element offset of X[t][b][0], Y[t][d][b][0] and Y_h[d][b][0] per layout.
inline int64_t RnnXOffset(const RnnConfig& c, int64_t t, int64_t b) {
  return (c.batch_major ? b * c.seq_length + t : t * c.batch_size + b) * c.input_size;
}
inline int64_t RnnYOffset(const RnnConfig& c, int64_t t, int d, int64_t b) {
  const int64_t row = c.batch_major ? (b * c.seq_length + t) * c.num_directions + d
                                    : (t * c.num_directions + d) * c.batch_size + b;
  return row * c.hidden_size;
}
inline int64_t RnnStateOffset(const RnnConfig& c, int d, int64_t b) {
  return (c.batch_major ? b * c.num_directions + d : d * c.batch_size + b) * c.hidden_size;
}

// Runs the recurrence. For every direction and batch entry, the states (h,
// then c) start from the initial-state inputs or zero and step through the
// entry's sequence_lens steps (backwards for the reverse direction):
//   cell(direction, x_t, states, work)
// updates `states` in place from X[t] (input_size floats). Y gets h at each
// step and zeros past the sequence's end; the final-state outputs get the last
// states, or zeros for an empty sequence. Scratch holds the states and `work`.
template <typename Cell>
Status RunRnn(const KernelContext& ctx, const RnnConfig& c, Cell&& cell) {
  const int64_t hidden = c.hidden_size;
  const float* x = ctx.inputs[0]->data<float>();
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
        cell(d, x + RnnXOffset(c, t, b), states, work);
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

// MACs = seq * directions * batch * gates * hidden * (input + hidden): the
// input and recurrent mat-vec products of every step. FLOPs add ~10 per gate
// element for the biases, activations and state updates.
OpCost RnnCost(const CostContext& ctx);

}  // namespace edgebench::ops
