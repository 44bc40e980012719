#include "runtime/backends/native/int8_depthwise.h"

#include <algorithm>

namespace edgebench::native {
namespace {

inline size_t Align64(size_t bytes) { return (bytes + 63) / 64 * 64; }

// W's element `i` or zero point `m` as stored (int8 or uint8 value): only
// their difference is used, which fits int16.
inline int32_t StoredWeight(const Int8DepthwiseQuant& q, int64_t i) {
  return q.w_signed ? static_cast<const int8_t*>(q.w)[i] : static_cast<const uint8_t*>(q.w)[i];
}
inline int32_t StoredWeightZeroPoint(const Int8DepthwiseQuant& q, int64_t m) {
  if (q.w_zp.empty()) return 0;
  return q.w_zp[q.w_zp.size() == 1 ? 0 : m];
}

// The pair of int16 one kernel-row pair (rows kh and kh + 1, column kw) takes.
inline int32_t WeightPair(int32_t upper, int32_t lower) {
  return static_cast<int32_t>((static_cast<uint32_t>(upper) & 0xffffu) | (static_cast<uint32_t>(lower) << 16));
}

}  // namespace

Int8DepthwisePlan MakeInt8DepthwisePlan(const Int8DepthwiseParams& p, const Int8DepthwiseQuant& q,
                                        const Int8DepthwiseKernels& kernels, int threads) {
  Int8DepthwisePlan plan;
  plan.p = p;
  plan.kernels = &kernels;
  const int64_t sh = p.strides[0], sw = p.strides[1], dh = p.dilations[0], dw = p.dilations[1];
  const int64_t row_pairs = (p.kernel_h + 1) / 2;
  plan.pairs = row_pairs * p.kernel_w;
  // The lowest padded row any tap reads, plus one.
  plan.padded_h = (p.out_h - 1) * sh + (p.kernel_h - 1) * dh + 1;
  const int64_t max_lane_offset = (p.kernel_w - 1) * dw / sw;
  const int64_t columns = kernels.columns;
  plan.lanes = (p.out_w + columns - 1) / columns * columns + max_lane_offset;
  plan.row_ints = sw * plan.lanes * 2;

  std::vector<bool> needed(static_cast<size_t>(plan.padded_h), false);
  for (int64_t oh = 0; oh < p.out_h; ++oh) {
    for (int64_t a = 0; a < row_pairs; ++a) needed[static_cast<size_t>(oh * sh + 2 * a * dh)] = true;
  }
  for (int64_t r = 0; r < plan.padded_h; ++r) {
    if (needed[static_cast<size_t>(r)]) plan.packed_rows.push_back(r);
  }
  for (int64_t a = 0; a < row_pairs; ++a) {
    for (int64_t kw = 0; kw < p.kernel_w; ++kw) {
      plan.pair_row.push_back(2 * a * dh);
      const int64_t phase = kw * dw % sw, lane = kw * dw / sw;
      plan.pair_offset.push_back(2 * (phase * plan.lanes + lane));
    }
  }

  const int64_t taps = p.kernel_h * p.kernel_w;
  plan.weights.resize(static_cast<size_t>(p.filters * plan.pairs));
  plan.bias.resize(static_cast<size_t>(p.filters));
  plan.multiplier.resize(static_cast<size_t>(p.filters));
  for (int64_t m = 0; m < p.filters; ++m) {
    const int32_t zp = StoredWeightZeroPoint(q, m);
    auto w = [&](int64_t kh, int64_t kw) {
      return kh < p.kernel_h ? StoredWeight(q, m * taps + kh * p.kernel_w + kw) - zp : 0;
    };
    for (int64_t a = 0; a < row_pairs; ++a) {
      for (int64_t kw = 0; kw < p.kernel_w; ++kw) {
        plan.weights[static_cast<size_t>(m * plan.pairs + a * p.kernel_w + kw)] =
            WeightPair(w(2 * a, kw), w(2 * a + 1, kw));
      }
    }
    plan.bias[static_cast<size_t>(m)] = q.bias ? q.bias[m] : 0;
    // The same float expression as ref's (qlinear_conv.cpp), so the products round alike.
    const float w_scale = q.w_scale[q.w_scale.size() == 1 ? 0 : m];
    plan.multiplier[static_cast<size_t>(m)] = q.x_scale * w_scale / q.y_scale;
  }
  plan.x_zp = q.x_zp;
  plan.y_zp = static_cast<float>(q.y_zp);
  plan.lo = p.y_signed ? -128.0f : 0.0f;
  plan.hi = p.y_signed ? 127.0f : 255.0f;

  const int64_t units = p.batch * p.channels;
  plan.slices = std::max<int64_t>(1, std::min<int64_t>(units, threads > 1 ? 4 * threads : 1));
  plan.slice_bytes = Align64(static_cast<size_t>(plan.padded_h * plan.row_ints) * sizeof(int16_t)) +
                     Align64(static_cast<size_t>(plan.pairs) * sizeof(const int16_t*));
  plan.scratch_total = static_cast<size_t>(plan.slices) * plan.slice_bytes;
  return plan;
}

void RunInt8Depthwise(const Int8DepthwisePlan& plan, const void* x, void* y, void* scratch, ThreadPool* pool) {
  const Int8DepthwiseParams& p = plan.p;
  const Int8DepthwiseKernels& k = *plan.kernels;
  const int64_t units = p.batch * p.channels;
  const int64_t multiplier = p.filters / p.channels;
  const int64_t in_plane = p.in_h * p.in_w, out_plane = p.out_h * p.out_w;
  const double flops_per_slice = 2.0 * static_cast<double>(units * multiplier * out_plane * p.kernel_h * p.kernel_w) /
                                 static_cast<double>(plan.slices);
  ParallelFor(pool, plan.slices, flops_per_slice, [&](int64_t s0, int64_t s1) {
    for (int64_t s = s0; s < s1; ++s) {
      auto* slice = static_cast<uint8_t*>(scratch) + static_cast<size_t>(s) * plan.slice_bytes;
      auto* rows = reinterpret_cast<int16_t*>(slice);
      auto** taps = reinterpret_cast<const int16_t**>(
          slice + Align64(static_cast<size_t>(plan.padded_h * plan.row_ints) * sizeof(int16_t)));
      for (int64_t u = s * units / plan.slices; u < (s + 1) * units / plan.slices; ++u) {
        const int64_t n = u / p.channels, c = u % p.channels;
        const uint8_t* x_plane = static_cast<const uint8_t*>(x) + u * in_plane;
        auto input_row = [&](int64_t padded_row) -> const void* {
          const int64_t i = padded_row - p.pad_top;
          return i >= 0 && i < p.in_h ? x_plane + i * p.in_w : nullptr;
        };
        Int8DwPackArgs pack;
        pack.x_signed = p.x_signed;
        pack.in_w = p.in_w;
        pack.left = p.pad_left;
        pack.stride = p.strides[1];
        pack.lanes = plan.lanes;
        pack.x_zp = plan.x_zp;
        for (int64_t r : plan.packed_rows) {
          pack.row0 = input_row(r);
          pack.row1 = input_row(r + p.dilations[0]);
          pack.out = rows + r * plan.row_ints;
          k.pack(pack);
        }
        for (int64_t f = 0; f < multiplier; ++f) {
          const int64_t m = c * multiplier + f;
          Int8DwRowArgs row;
          row.taps = taps;
          row.weights = plan.weights.data() + m * plan.pairs;
          row.pairs = plan.pairs;
          row.width = p.out_w;
          row.bias = plan.bias[static_cast<size_t>(m)];
          row.multiplier = plan.multiplier[static_cast<size_t>(m)];
          row.y_zp = plan.y_zp;
          row.lo = plan.lo;
          row.hi = plan.hi;
          uint8_t* y_plane = static_cast<uint8_t*>(y) + (n * p.filters + m) * out_plane;
          for (int64_t oh = 0; oh < p.out_h; ++oh) {
            const int16_t* top = rows + oh * p.strides[0] * plan.row_ints;
            for (int64_t i = 0; i < plan.pairs; ++i) taps[i] = top + plan.pair_row[i] * plan.row_ints + plan.pair_offset[i];
            row.y = y_plane + oh * p.out_w;
            k.row(row);
          }
        }
      }
    }
  });
}

}  // namespace edgebench::native
