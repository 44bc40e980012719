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

// Pair planes (and output planes) up to this many pairs (bytes) are gathered
// by a table of 128 bytes per 16 pairs (32 outputs); larger ones have rows
// long enough for the copy (the unpad).
constexpr int64_t kMaxGatherPairs = 4096;

// Pairs per phase of a band: 16 KB of int16 pairs, which stay in L1 between
// their packing and the run that reads them.
constexpr int64_t kBandPairs = 4096;

// The gather table of `plan` (slots, lanes, phases and pair offsets set), or
// empty when some chunk's values span more than its 64-byte window.
std::vector<Int8DwGatherChunk> MakeGatherTable(const Int8DepthwisePlan& plan) {
  const Int8DepthwiseParams& p = plan.p;
  const int64_t count = plan.slots * plan.lanes;  // pairs per phase
  std::vector<Int8DwGatherChunk> chunks;
  for (int64_t phase = 0; phase < p.strides[1]; ++phase) {
    for (int64_t f0 = 0; f0 < count; f0 += 16) {
      // Each int16's byte in the plane, or -1 for padding.
      int64_t at[32];
      int64_t lo = -1, hi = -1;
      for (int w = 0; w < 32; ++w) {
        at[w] = -1;
        const int64_t f = f0 + w / 2;
        if (f >= count) continue;
        const int64_t row = plan.slot_row[static_cast<size_t>(f / plan.lanes)] + (w % 2) * p.dilations[0] - p.pad_top;
        const int64_t column = phase + p.strides[1] * (f % plan.lanes) - p.pad_left;
        if (row < 0 || row >= p.in_h || column < 0 || column >= p.in_w) continue;
        at[w] = row * p.in_w + column;
        lo = lo < 0 ? at[w] : std::min(lo, at[w]);
        hi = std::max(hi, at[w]);
      }
      if (hi - lo >= 64) return {};
      Int8DwGatherChunk c;
      c.start = std::max<int64_t>(lo, 0);
      c.load = hi < 0 ? 0 : (hi - c.start + 1 >= 64 ? ~uint64_t{0} : (uint64_t{1} << (hi - c.start + 1)) - 1);
      for (int w = 0; w < 32; ++w) {
        if (at[w] < 0) continue;
        c.index[w] = static_cast<int16_t>(at[w] - c.start);
        c.live |= 1u << w;
      }
      c.out = phase * plan.phase_stride + 2 * f0;
      chunks.push_back(c);
    }
  }
  return chunks;
}

// The unpad table of `plan`, or empty when some chunk's outputs span more
// than its 64-byte window of the run.
std::vector<Int8DwUnpadChunk> MakeUnpadTable(const Int8DepthwisePlan& plan) {
  const Int8DepthwiseParams& p = plan.p;
  const int64_t outputs = p.out_h * p.out_w, row_step = plan.slot_step * plan.lanes;
  std::vector<Int8DwUnpadChunk> chunks;
  for (int64_t o0 = 0; o0 < outputs; o0 += 32) {
    Int8DwUnpadChunk c;
    c.bytes = std::min<int64_t>(32, outputs - o0);
    c.start = o0 / p.out_w * row_step + o0 % p.out_w;
    const int64_t last = o0 + c.bytes - 1;
    const int64_t end = last / p.out_w * row_step + last % p.out_w;  // the last byte read
    if (end - c.start >= 64) return {};
    c.load = end - c.start + 1 >= 64 ? ~uint64_t{0} : (uint64_t{1} << (end - c.start + 1)) - 1;
    for (int64_t b = 0; b < c.bytes; ++b) {
      const int64_t o = o0 + b;
      c.index[b] = static_cast<int16_t>(o / p.out_w * row_step + o % p.out_w - c.start);
    }
    chunks.push_back(c);
  }
  return chunks;
}

// Packs the pair planes of output rows [oh0, oh1) of the channel x_plane
// into the slice: by the gather table (whole planes), the copy and pair
// passes (strides 1 and 2), or slot by slot.
void PackBand(const Int8DepthwisePlan& plan, const uint8_t* x_plane, int64_t oh0, int64_t oh1, uint8_t* slice) {
  const Int8DepthwiseParams& p = plan.p;
  const Int8DepthwiseKernels& k = *plan.kernels;
  auto* planes = reinterpret_cast<int16_t*>(slice + plan.slice_planes);
  if (!plan.gather.empty()) {
    Int8DwGatherArgs gather;
    gather.x = x_plane;
    gather.chunks = plan.gather.data();
    gather.count = static_cast<int64_t>(plan.gather.size());
    gather.x_signed = p.x_signed;
    gather.x_zp = plan.x_zp;
    gather.out = planes;
    k.gather(gather);
    return;
  }
  const int64_t slot0 = oh0 * plan.slot_step;
  const int64_t slots = (oh1 - oh0 - 1) * plan.slot_step + plan.band_extra_slots + 1;
  const int64_t first_row = plan.slot_row[static_cast<size_t>(slot0)];
  if (plan.flat) {
    uint8_t* first = slice + plan.slice_copy;
    uint8_t* second = first + p.strides[1] * plan.copy_phase_stride;
    Int8DwCopyArgs copy;
    copy.x = x_plane;
    copy.in_h = p.in_h;
    copy.in_w = p.in_w;
    copy.top = p.pad_top;
    copy.left = p.pad_left;
    copy.first_row = first_row;
    copy.row_step = p.strides[0];
    copy.rows = plan.second_copy ? slots : slots + p.dilations[0];
    copy.phases = p.strides[1];
    copy.lanes = plan.lanes;
    copy.phase_stride = plan.copy_phase_stride;
    copy.flip = p.x_signed ? 0x80 : 0x00;
    copy.pad = plan.x_zp_unsigned;
    copy.out = first;
    k.copy(copy);
    if (plan.second_copy) {
      copy.first_row = first_row + p.dilations[0];
      copy.out = second;
      k.copy(copy);
    } else {
      second = first + p.dilations[0] * plan.lanes;
    }
    for (int64_t phase = 0; phase < p.strides[1]; ++phase) {
      Int8DwPairArgs pair;
      pair.b0 = first + phase * plan.copy_phase_stride;
      pair.b1 = second + phase * plan.copy_phase_stride;
      pair.count = slots * plan.lanes;
      pair.pad = plan.x_zp_unsigned;
      pair.out = planes + phase * plan.phase_stride;
      k.pair(pair);
    }
    return;
  }
  auto input_row = [&](int64_t padded_row) -> const void* {
    const int64_t i = padded_row - p.pad_top;
    return i >= 0 && i < p.in_h ? x_plane + i * p.in_w : nullptr;
  };
  Int8DwPackArgs pack;
  pack.x_signed = p.x_signed;
  pack.x_zp = plan.x_zp;
  pack.in_w = p.in_w;
  pack.left = p.pad_left;
  pack.stride = p.strides[1];
  pack.lanes = plan.lanes;
  pack.phase_stride = plan.phase_stride;
  for (int64_t slot = 0; slot < slots; ++slot) {
    const int64_t r = plan.slot_row[static_cast<size_t>(slot0 + slot)];
    pack.row0 = input_row(r);
    pack.row1 = input_row(r + p.dilations[0]);
    pack.out = planes + 2 * slot * plan.lanes;
    k.pack(pack);
  }
}

// Filter m over the packed band [oh0, oh1): the run into the slice, then its
// rows into Y's plane y_plane.
void RunBand(const Int8DepthwisePlan& plan, int64_t m, int64_t oh0, int64_t oh1, const int16_t* const* taps,
             uint8_t* slice, uint8_t* y_plane) {
  const Int8DepthwiseParams& p = plan.p;
  const Int8DepthwiseKernels& k = *plan.kernels;
  const int64_t row_step = plan.slot_step * plan.lanes;
  uint8_t* run = slice + plan.slice_run;
  Int8DwRunArgs a;
  a.taps = taps;
  a.weights = plan.weights.data() + m * plan.pairs;
  a.pairs = plan.pairs;
  a.count = (oh1 - oh0 - 1) * row_step + p.out_w;
  a.bias = plan.bias[static_cast<size_t>(m)];
  a.multiplier = plan.multiplier[static_cast<size_t>(m)];
  a.y_zp = plan.y_zp;
  a.lo = plan.lo;
  a.hi = plan.hi;
  a.y = run;
  k.run(a);
  if (!plan.unpad.empty()) {
    Int8DwUnpadGatherArgs unpad;
    unpad.src = run;
    unpad.chunks = plan.unpad.data();
    unpad.count = static_cast<int64_t>(plan.unpad.size());
    unpad.dst = y_plane;
    k.unpad_gather(unpad);
    return;
  }
  Int8DwUnpadArgs unpad;
  unpad.src = run;
  unpad.src_step = row_step;
  unpad.rows = oh1 - oh0;
  unpad.width = p.out_w;
  unpad.dst = y_plane + oh0 * p.out_w;
  k.unpad(unpad);
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
  plan.lanes = p.out_w + (p.kernel_w - 1) * dw / sw;
  // Pair a of output row oh starts at padded row oh * sh + 2a * dh. When sh
  // divides 2 * dh (strides 1 and 2 at any dilation) that row is a multiple
  // of sh and rows shared by output rows share a slot: slot = row / sh.
  // Otherwise every output row gets its own row_pairs slots.
  const bool shared = (2 * dh) % sh == 0;
  plan.slot_step = shared ? 1 : row_pairs;
  const int64_t a_step = shared ? 2 * dh / sh : 1;
  plan.band_extra_slots = (row_pairs - 1) * a_step;
  plan.slots = (p.out_h - 1) * plan.slot_step + plan.band_extra_slots + 1;
  for (int64_t slot = 0; slot < plan.slots; ++slot) {
    plan.slot_row.push_back(shared ? slot * sh : (slot / row_pairs) * sh + 2 * (slot % row_pairs) * dh);
  }
  // Planes the gather takes are one band; larger ones get bands of about
  // kBandPairs pairs per phase.
  plan.band_rows = p.out_h;
  if (plan.slots * plan.lanes > kMaxGatherPairs) {
    const int64_t slots = std::max<int64_t>(kBandPairs / plan.lanes - plan.band_extra_slots - 1, 0);
    plan.band_rows = std::clamp<int64_t>(slots / plan.slot_step + 1, 1, p.out_h);
  }
  plan.band_slots = (plan.band_rows - 1) * plan.slot_step + plan.band_extra_slots + 1;
  // Each phase plane ends with slack: the run's last vector reads past its
  // count, and a gather's last chunk writes whole 16 pairs.
  plan.phase_stride = 2 * (plan.band_slots * plan.lanes + std::max<int64_t>(kernels.columns, 16));
  plan.run = (plan.band_rows - 1) * plan.slot_step * plan.lanes + p.out_w;
  for (int64_t a = 0; a < row_pairs; ++a) {
    for (int64_t kw = 0; kw < p.kernel_w; ++kw) {
      const int64_t phase = kw * dw % sw, lane = kw * dw / sw;
      plan.pair_offset.push_back(phase * plan.phase_stride + 2 * (a * a_step * plan.lanes + lane));
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
  plan.x_zp_unsigned = static_cast<uint8_t>(q.x_zp + (p.x_signed ? 128 : 0));
  plan.y_zp = static_cast<float>(q.y_zp);
  plan.lo = p.y_signed ? -128.0f : 0.0f;
  plan.hi = p.y_signed ? 127.0f : 255.0f;

  if (kernels.gather && plan.band_rows == p.out_h && plan.slots * plan.lanes <= kMaxGatherPairs) {
    plan.gather = MakeGatherTable(plan);
  }
  if (kernels.unpad_gather && plan.band_rows == p.out_h && p.out_h * p.out_w <= kMaxGatherPairs) {
    plan.unpad = MakeUnpadTable(plan);
  }

  const int64_t units = p.batch * p.channels;
  plan.slices = std::max<int64_t>(1, std::min<int64_t>(units, threads > 1 ? 4 * threads : 1));
  plan.slice_planes = 0;
  plan.slice_run = Align64(static_cast<size_t>(sw * plan.phase_stride) * sizeof(int16_t));
  plan.slice_taps = plan.slice_run + Align64(static_cast<size_t>(plan.run));
  plan.slice_copy = plan.slice_taps + Align64(static_cast<size_t>(plan.pairs) * sizeof(const int16_t*));
  plan.slice_bytes = plan.slice_copy;
  plan.flat = sh <= 2 && sw <= 2;
  if (plan.flat) {
    plan.second_copy = sh == 2;
    plan.copy_rows = sh == 1 ? plan.band_slots + dh : plan.band_slots;
    plan.copy_phase_stride = plan.copy_rows * plan.lanes + 64;
    const int64_t copies = plan.second_copy ? 2 : 1;
    plan.slice_bytes += Align64(static_cast<size_t>(copies * sw * plan.copy_phase_stride));
  }
  plan.scratch_total = static_cast<size_t>(plan.slices) * plan.slice_bytes;
  return plan;
}

void RunInt8Depthwise(const Int8DepthwisePlan& plan, const void* x, void* y, void* scratch, ThreadPool* pool) {
  const Int8DepthwiseParams& p = plan.p;
  const int64_t units = p.batch * p.channels;
  const int64_t multiplier = p.filters / p.channels;
  const int64_t in_plane = p.in_h * p.in_w, out_plane = p.out_h * p.out_w;
  const double flops_per_slice = 2.0 * static_cast<double>(units * multiplier * out_plane * p.kernel_h * p.kernel_w) /
                                 static_cast<double>(plan.slices);
  ParallelFor(pool, plan.slices, flops_per_slice, [&](int64_t s0, int64_t s1) {
    for (int64_t s = s0; s < s1; ++s) {
      uint8_t* slice = static_cast<uint8_t*>(scratch) + static_cast<size_t>(s) * plan.slice_bytes;
      auto* planes = reinterpret_cast<int16_t*>(slice + plan.slice_planes);
      auto** taps = reinterpret_cast<const int16_t**>(slice + plan.slice_taps);
      for (int64_t i = 0; i < plan.pairs; ++i) taps[i] = planes + plan.pair_offset[static_cast<size_t>(i)];
      for (int64_t u = s * units / plan.slices; u < (s + 1) * units / plan.slices; ++u) {
        const int64_t n = u / p.channels, c = u % p.channels;
        const uint8_t* x_plane = static_cast<const uint8_t*>(x) + u * in_plane;
        for (int64_t oh0 = 0; oh0 < p.out_h; oh0 += plan.band_rows) {
          const int64_t oh1 = std::min(p.out_h, oh0 + plan.band_rows);
          PackBand(plan, x_plane, oh0, oh1, slice);
          for (int64_t f = 0; f < multiplier; ++f) {
            const int64_t m = c * multiplier + f;
            RunBand(plan, m, oh0, oh1, taps, slice, static_cast<uint8_t*>(y) + (n * p.filters + m) * out_plane);
          }
        }
      }
    }
  });
}

}  // namespace edgebench::native
