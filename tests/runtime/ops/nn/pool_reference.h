// A direct pooling reference for the MaxPool and AveragePool tests: every
// output from its window's taps, the geometry worked out from the ONNX
// formulas independently of runtime/ops/nn/window.cpp.
#pragma once

#include <algorithm>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "runtime/core/shape.h"

namespace edgebench::testing {

struct PoolCase {
  std::string name;
  Shape x;  // N, C, spatial...
  std::vector<int64_t> kernel;
  std::vector<int64_t> strides;    // empty: attribute absent
  std::vector<int64_t> dilations;  // empty: attribute absent
  std::vector<int64_t> pads;       // empty: attribute absent
  std::string auto_pad;            // empty: attribute absent
  bool ceil_mode = false;
  bool count_include_pad = false;
};

// Names the case in failure messages instead of dumping its bytes.
inline void PrintTo(const PoolCase& c, std::ostream* os) { *os << c.name; }

struct PoolDim {
  int64_t in, kernel, stride, dilation, pad_begin, pad_end, out;
};

// Three dims, missing leading ones of size 1 with a 1-tap kernel.
inline std::vector<PoolDim> PoolGeometry(const PoolCase& c) {
  const int r = static_cast<int>(c.kernel.size());
  std::vector<PoolDim> dims;
  for (int d = 0; d < r; ++d) {
    PoolDim g{
        c.x[2 + d], c.kernel[d], c.strides.empty() ? 1 : c.strides[d], c.dilations.empty() ? 1 : c.dilations[d], 0, 0,
        0};
    const int64_t extent = (g.kernel - 1) * g.dilation + 1;
    if (c.auto_pad == "SAME_UPPER" || c.auto_pad == "SAME_LOWER") {
      g.out = (g.in + g.stride - 1) / g.stride;
      const int64_t total = std::max<int64_t>(0, (g.out - 1) * g.stride + extent - g.in);
      g.pad_begin = c.auto_pad == "SAME_UPPER" ? total / 2 : (total + 1) / 2;
      g.pad_end = total - g.pad_begin;
    } else if (c.auto_pad == "VALID") {
      g.out = (g.in - extent) / g.stride + 1;
    } else {
      g.pad_begin = c.pads.empty() ? 0 : c.pads[d];
      g.pad_end = c.pads.empty() ? 0 : c.pads[r + d];
      const int64_t span = g.in + g.pad_begin + g.pad_end - extent;
      g.out = (c.ceil_mode ? (span + g.stride - 1) / g.stride : span / g.stride) + 1;
      // A last window starting in the end padding is dropped (PyTorch's ceil_mode rule).
      if (c.ceil_mode && (g.out - 1) * g.stride >= g.in + g.pad_begin) --g.out;
    }
    dims.push_back(g);
  }
  while (dims.size() < 3) dims.insert(dims.begin(), PoolDim{1, 1, 1, 1, 0, 0, 1});
  return dims;
}

inline Shape PoolOutputShape(const PoolCase& c) {
  const std::vector<PoolDim> g = PoolGeometry(c);
  Shape y = {c.x[0], c.x[1]};
  for (size_t d = 3 - c.kernel.size(); d < 3; ++d) y.push_back(g[d].out);
  return y;
}

enum class PoolKind { kMax, kAverage };

// Max: the largest tap inside X (the first on ties) and its flattened index
// over N x C x spatial, row-major or, with `column_major`, spatial dims
// column-major. Average: the mean of the taps inside X, divided by the taps
// inside X and its pads with count_include_pad.
inline std::vector<double> NaivePool(PoolKind kind, const PoolCase& c, const std::vector<double>& x,
                                     std::vector<int64_t>* indices = nullptr, bool column_major = false) {
  const std::vector<PoolDim> g = PoolGeometry(c);
  const int64_t planes = c.x[0] * c.x[1];
  const int64_t in_plane = g[0].in * g[1].in * g[2].in;
  std::vector<double> y;
  for (int64_t p = 0; p < planes; ++p) {
    for (int64_t o0 = 0; o0 < g[0].out; ++o0) {
      for (int64_t o1 = 0; o1 < g[1].out; ++o1) {
        for (int64_t o2 = 0; o2 < g[2].out; ++o2) {
          float best = 0.0f;
          int64_t best_index = -1;
          double sum = 0.0;
          int64_t inside = 0;
          int64_t padded = 0;
          const int64_t o[3] = {o0, o1, o2};
          for (int64_t k0 = 0; k0 < g[0].kernel; ++k0) {
            for (int64_t k1 = 0; k1 < g[1].kernel; ++k1) {
              for (int64_t k2 = 0; k2 < g[2].kernel; ++k2) {
                const int64_t k[3] = {k0, k1, k2};
                int64_t pos[3];
                bool in_x = true;
                bool in_padded = true;
                for (int d = 0; d < 3; ++d) {
                  pos[d] = o[d] * g[d].stride + k[d] * g[d].dilation - g[d].pad_begin;
                  in_x = in_x && pos[d] >= 0 && pos[d] < g[d].in;
                  in_padded = in_padded && pos[d] >= -g[d].pad_begin && pos[d] < g[d].in + g[d].pad_end;
                }
                padded += in_padded ? 1 : 0;
                if (!in_x) continue;
                const auto v = static_cast<float>(x[p * in_plane + (pos[0] * g[1].in + pos[1]) * g[2].in + pos[2]]);
                sum += v;
                ++inside;
                if (best_index < 0 || v > best) {
                  best = v;
                  best_index = column_major ? pos[0] + g[0].in * (pos[1] + g[1].in * pos[2])
                                            : (pos[0] * g[1].in + pos[1]) * g[2].in + pos[2];
                }
              }
            }
          }
          if (kind == PoolKind::kMax) {
            y.push_back(best);
            if (indices) indices->push_back(p * in_plane + best_index);
          } else {
            const int64_t divisor = c.count_include_pad ? padded : inside;
            y.push_back(static_cast<float>(sum / static_cast<double>(divisor)));
          }
        }
      }
    }
  }
  return y;
}

}  // namespace edgebench::testing
