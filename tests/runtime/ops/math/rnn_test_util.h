// A plain double-precision LSTM/GRU written straight from the ONNX equations,
// the reference the LSTM and GRU tests compare against. Layout 0 shapes:
// x [seq, batch, input], y [seq, dirs, batch, hidden], states [dirs, batch,
// hidden]; gates ordered i, o, f, c (LSTM) and z, r, h (GRU).
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace edgebench::testing {

struct RnnProblem {
  int64_t seq = 0, batch = 0, input = 0, hidden = 0, dirs = 1;
  bool reverse = false;  // single reverse direction
  std::vector<double> x, w, r, b, h0, c0, p;  // empty b/h0/c0/p: absent (zero)
  std::vector<int> lens;                      // empty: all seq
  double clip = 0.0;                          // 0: none
  bool input_forget = false;                  // LSTM
  bool linear_before_reset = false;           // GRU
};

struct RnnResult {
  std::vector<double> y, y_h, y_c;
};

inline double RefSigmoid(double v) { return 1.0 / (1.0 + std::exp(-v)); }

// Runs `cell(d, x_t, h, c)` (c unused by GRU) over every direction, batch
// entry and valid step, filling Y, Y_h and Y_c as ONNX specifies.
template <typename Cell>
RnnResult RefRecurrence(const RnnProblem& p, Cell cell) {
  const int64_t hn = p.hidden;
  RnnResult out;
  out.y.assign(static_cast<size_t>(p.seq * p.dirs * p.batch * hn), 0.0);
  out.y_h.assign(static_cast<size_t>(p.dirs * p.batch * hn), 0.0);
  out.y_c = out.y_h;
  for (int64_t d = 0; d < p.dirs; ++d) {
    const bool backwards = p.reverse || d == 1;
    for (int64_t b = 0; b < p.batch; ++b) {
      const int64_t len = p.lens.empty() ? p.seq : p.lens[b];
      std::vector<double> h(hn, 0.0), c(hn, 0.0);
      for (int64_t j = 0; j < hn; ++j) {
        if (!p.h0.empty()) h[j] = p.h0[(d * p.batch + b) * hn + j];
        if (!p.c0.empty()) c[j] = p.c0[(d * p.batch + b) * hn + j];
      }
      for (int64_t s = 0; s < len; ++s) {
        const int64_t t = backwards ? len - 1 - s : s;
        cell(d, &p.x[(t * p.batch + b) * p.input], h, c);
        for (int64_t j = 0; j < hn; ++j) out.y[((t * p.dirs + d) * p.batch + b) * hn + j] = h[j];
      }
      if (len == 0) continue;
      for (int64_t j = 0; j < hn; ++j) {
        out.y_h[(d * p.batch + b) * hn + j] = h[j];
        out.y_c[(d * p.batch + b) * hn + j] = c[j];
      }
    }
  }
  return out;
}

// Row `row` of direction d of a [dirs, rows, cols] weight times v.
inline double RefDot(const std::vector<double>& w, int64_t d, int64_t rows, int64_t row, int64_t cols,
                     const double* v) {
  double acc = 0.0;
  for (int64_t k = 0; k < cols; ++k) acc += w[(d * rows + row) * cols + k] * v[k];
  return acc;
}

inline double RefClip(const RnnProblem& p, double v) {
  return p.clip > 0.0 ? std::fmin(std::fmax(v, -p.clip), p.clip) : v;
}

inline RnnResult RefLstm(const RnnProblem& p) {
  const int64_t hn = p.hidden, rows = 4 * hn;
  return RefRecurrence(p, [&](int64_t d, const double* x, std::vector<double>& h, std::vector<double>& c) {
    // pre[g][j] for gates i, o, f, c.
    std::vector<double> pre(rows);
    for (int64_t row = 0; row < rows; ++row) {
      pre[row] = RefDot(p.w, d, rows, row, p.input, x) + RefDot(p.r, d, rows, row, hn, h.data());
      if (!p.b.empty()) pre[row] += p.b[d * 2 * rows + row] + p.b[d * 2 * rows + rows + row];
    }
    for (int64_t j = 0; j < hn; ++j) {
      const double pi = p.p.empty() ? 0.0 : p.p[d * 3 * hn + j];
      const double po = p.p.empty() ? 0.0 : p.p[d * 3 * hn + hn + j];
      const double pf = p.p.empty() ? 0.0 : p.p[d * 3 * hn + 2 * hn + j];
      const double i = RefSigmoid(RefClip(p, pre[j] + pi * c[j]));
      const double f = p.input_forget ? 1.0 - i : RefSigmoid(RefClip(p, pre[2 * hn + j] + pf * c[j]));
      const double g = std::tanh(RefClip(p, pre[3 * hn + j]));
      c[j] = f * c[j] + i * g;
      const double o = RefSigmoid(RefClip(p, pre[hn + j] + po * c[j]));
      h[j] = o * std::tanh(RefClip(p, c[j]));
    }
  });
}

inline RnnResult RefGru(const RnnProblem& p) {
  const int64_t hn = p.hidden, rows = 3 * hn;
  auto bias = [&](int64_t d, int64_t index) { return p.b.empty() ? 0.0 : p.b[d * 2 * rows + index]; };
  return RefRecurrence(p, [&](int64_t d, const double* x, std::vector<double>& h, std::vector<double>&) {
    std::vector<double> z(hn), r(hn), h_new(hn);
    for (int64_t j = 0; j < hn; ++j) {
      z[j] = RefSigmoid(RefClip(p, RefDot(p.w, d, rows, j, p.input, x) + RefDot(p.r, d, rows, j, hn, h.data()) +
                                       bias(d, j) + bias(d, rows + j)));
      r[j] = RefSigmoid(RefClip(p, RefDot(p.w, d, rows, hn + j, p.input, x) +
                                       RefDot(p.r, d, rows, hn + j, hn, h.data()) + bias(d, hn + j) +
                                       bias(d, rows + hn + j)));
    }
    std::vector<double> rh(hn);
    for (int64_t j = 0; j < hn; ++j) rh[j] = r[j] * h[j];
    for (int64_t j = 0; j < hn; ++j) {
      const double input_part = RefDot(p.w, d, rows, 2 * hn + j, p.input, x) + bias(d, 2 * hn + j);
      const double recurrent =
          p.linear_before_reset
              ? r[j] * (RefDot(p.r, d, rows, 2 * hn + j, hn, h.data()) + bias(d, rows + 2 * hn + j))
              : RefDot(p.r, d, rows, 2 * hn + j, hn, rh.data()) + bias(d, rows + 2 * hn + j);
      h_new[j] = (1.0 - z[j]) * std::tanh(RefClip(p, input_part + recurrent)) + z[j] * h[j];
    }
    h = h_new;
  });
}

// [a, b, rest] -> [b, a, rest]: converts X and the states between layouts.
inline std::vector<double> SwapLeadingDims(const std::vector<double>& v, int64_t a, int64_t b, int64_t rest) {
  std::vector<double> out(v.size());
  for (int64_t i = 0; i < a; ++i) {
    for (int64_t j = 0; j < b; ++j) {
      for (int64_t k = 0; k < rest; ++k) out[(j * a + i) * rest + k] = v[(i * b + j) * rest + k];
    }
  }
  return out;
}

}  // namespace edgebench::testing
