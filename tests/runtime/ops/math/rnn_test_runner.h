// Builds an LSTM or GRU node from an RnnProblem, runs it through the ref
// Session in either layout and compares Y, Y_h (and Y_c) with the reference.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tests/runtime/ops/math/rnn_test_util.h"
#include "tests/support/op_tester.h"

namespace edgebench::testing {

// Fills the problem's tensors with fixed pseudo-random data; `gates` is 4 for
// LSTM and 3 for GRU.
inline RnnProblem MakeRnnProblem(int64_t gates, int64_t seq, int64_t batch, int64_t input, int64_t hidden,
                                 int64_t dirs, bool with_optional_inputs, uint32_t seed) {
  RnnProblem p;
  p.seq = seq, p.batch = batch, p.input = input, p.hidden = hidden, p.dirs = dirs;
  p.x = RandomValues(seq * batch * input, seed);
  p.w = RandomValues(dirs * gates * hidden * input, seed + 1);
  p.r = RandomValues(dirs * gates * hidden * hidden, seed + 2);
  if (with_optional_inputs) {
    p.b = RandomValues(dirs * 2 * gates * hidden, seed + 3);
    p.h0 = RandomValues(dirs * batch * hidden, seed + 4);
    if (gates == 4) {
      p.c0 = RandomValues(dirs * batch * hidden, seed + 5);
      p.p = RandomValues(dirs * 3 * hidden, seed + 6);
    }
  }
  return p;
}

inline void RunRnnCase(const std::string& op, const RnnProblem& p, int64_t layout) {
  const bool lstm = op == "LSTM";
  const int64_t gates = lstm ? 4 : 3;
  const RnnResult want = lstm ? RefLstm(p) : RefGru(p);
  const int64_t hn = p.hidden;
  const bool batch_major = layout == 1;

  OpTester t(op, 14);
  const std::string direction = p.dirs == 2 ? "bidirectional" : (p.reverse ? "reverse" : "forward");
  t.Attr("direction", direction).Attr("hidden_size", hn);
  if (layout != 0) t.Attr("layout", layout);
  if (p.clip > 0.0) t.Attr("clip", static_cast<float>(p.clip));
  if (p.input_forget) t.Attr("input_forget", int64_t{1});
  if (p.linear_before_reset) t.Attr("linear_before_reset", int64_t{1});

  t.Input(DType::kFloat32, batch_major ? Shape{p.batch, p.seq, p.input} : Shape{p.seq, p.batch, p.input},
          batch_major ? SwapLeadingDims(p.x, p.seq, p.batch, p.input) : p.x);
  t.Input(DType::kFloat32, {p.dirs, gates * hn, p.input}, p.w);
  t.Input(DType::kFloat32, {p.dirs, gates * hn, hn}, p.r);
  const Shape state_shape = batch_major ? Shape{p.batch, p.dirs, hn} : Shape{p.dirs, p.batch, hn};
  auto state = [&](const std::vector<double>& v) { return batch_major ? SwapLeadingDims(v, p.dirs, p.batch, hn) : v; };
  if (!p.b.empty()) t.Input(DType::kFloat32, {p.dirs, 2 * gates * hn}, p.b); else t.NoInput();
  if (!p.lens.empty()) {
    t.Input(DType::kInt32, {p.batch}, std::vector<double>(p.lens.begin(), p.lens.end()));
  } else {
    t.NoInput();
  }
  if (!p.h0.empty()) t.Input(DType::kFloat32, state_shape, state(p.h0)); else t.NoInput();
  if (lstm) {
    if (!p.c0.empty()) t.Input(DType::kFloat32, state_shape, state(p.c0)); else t.NoInput();
    if (!p.p.empty()) t.Input(DType::kFloat32, {p.dirs, 3 * hn}, p.p); else t.NoInput();
  }
  t.Output(DType::kFloat32).Output(DType::kFloat32);
  if (lstm) t.Output(DType::kFloat32);

  // Y: [seq, dirs, batch, hidden] or [batch, seq, dirs, hidden].
  std::vector<double> y = want.y;
  if (batch_major) {
    for (int64_t s = 0; s < p.seq; ++s) {
      for (int64_t d = 0; d < p.dirs; ++d) {
        for (int64_t b = 0; b < p.batch; ++b) {
          for (int64_t j = 0; j < hn; ++j) {
            y[((b * p.seq + s) * p.dirs + d) * hn + j] = want.y[((s * p.dirs + d) * p.batch + b) * hn + j];
          }
        }
      }
    }
  }
  const Shape y_shape = batch_major ? Shape{p.batch, p.seq, p.dirs, hn} : Shape{p.seq, p.dirs, p.batch, hn};
  {
    SCOPED_TRACE("Y");
    ExpectNear(t.Run(0), y_shape, y, 1e-4);
  }
  {
    SCOPED_TRACE("Y_h");
    ExpectNear(t.Run(1), state_shape, state(want.y_h), 1e-4);
  }
  if (lstm) {
    SCOPED_TRACE("Y_c");
    ExpectNear(t.Run(2), state_shape, state(want.y_c), 1e-4);
  }
}

}  // namespace edgebench::testing
