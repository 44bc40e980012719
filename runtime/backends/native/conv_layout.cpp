#include "runtime/backends/native/conv_layout.h"

#include <algorithm>
#include <cstring>

namespace edgebench::native {

PhaseLayout MakePhaseLayout(int64_t channels, int64_t in_h, int64_t in_w, const int64_t pads[4],
                            const int64_t strides[2], const int64_t dilations[2], int64_t out_h, int64_t out_w) {
  PhaseLayout l;
  l.channels = channels;
  l.in_h = in_h;
  l.in_w = in_w;
  l.pad_top = pads[0];
  l.pad_left = pads[1];
  l.stride_h = strides[0];
  l.stride_w = strides[1];
  l.dilation_h = dilations[0];
  l.dilation_w = dilations[1];
  l.out_h = out_h;
  l.out_w = out_w;
  const int64_t padded_h = pads[0] + in_h + pads[2];
  const int64_t padded_w = pads[1] + in_w + pads[3];
  l.hq = (padded_h + l.stride_h - 1) / l.stride_h;
  l.wq = (padded_w + l.stride_w - 1) / l.stride_w;
  return l;
}

int64_t PhaseLayout::TapOffset(int64_t c, int64_t kh, int64_t kw) const {
  const int64_t dy = kh * dilation_h;
  const int64_t dx = kw * dilation_w;
  const int64_t phase = (dy % stride_h) * stride_w + dx % stride_w;
  return phase * phase_floats() + c * plane() + (dy / stride_h) * wq + dx / stride_w;
}

namespace {

// Copies and fills of a few floats, with fixed-size moves only: rows of small
// planes (DS-CNN's 25x5) are a handful of floats, where a memcpy/memset call
// per row costs more than the kernel's work on it.
inline void CopyFloats(float* dst, const float* src, int64_t n) {
  if (n >= 16) {
    std::memcpy(dst, src, sizeof(float) * n);
    return;
  }
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) std::memcpy(dst + i, src + i, 8 * sizeof(float));
  if (n - i >= 4) {
    std::memcpy(dst + i, src + i, 4 * sizeof(float));
    i += 4;
  }
  if (n - i >= 2) {
    std::memcpy(dst + i, src + i, 2 * sizeof(float));
    i += 2;
  }
  if (n - i >= 1) dst[i] = src[i];
}

inline void FillFloats(float* dst, int64_t n, float value) {
  if (n >= 16) {
    std::fill_n(dst, n, value);
    return;
  }
  const float chunk[8] = {value, value, value, value, value, value, value, value};
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) std::memcpy(dst + i, chunk, sizeof(chunk));
  for (; i < n; ++i) dst[i] = value;
}

// One padded input row h (or a pad row, xr null) into the stride_w phase
// rows; with `pads_ready` the pads already hold pad_value and only X is copied.
void FillRow(const PhaseLayout& l, const float* xr, bool pads_ready, float* const* rows) {
  const int64_t sw = l.stride_w;
  if (!xr) {
    if (pads_ready) return;
    for (int64_t px = 0; px < sw; ++px) FillFloats(rows[px], l.wq, l.pad_value);
    return;
  }
  if (sw == 1) {
    if (!pads_ready) FillFloats(rows[0], l.pad_left, l.pad_value);
    CopyFloats(rows[0] + l.pad_left, xr, l.in_w);
    if (!pads_ready) FillFloats(rows[0] + l.pad_left + l.in_w, l.wq - l.pad_left - l.in_w, l.pad_value);
    return;
  }
  if (!pads_ready) {
    for (int64_t px = 0; px < sw; ++px) FillFloats(rows[px], l.wq, l.pad_value);
  }
  if (sw == 2) {
    // Input column w lands in phase (w + pad_left) % 2 at (w + pad_left) / 2:
    // from the first even padded column on, pairs go to both phases at the
    // same index, which the compiler vectorizes as one deinterleave.
    const int64_t w0 = l.pad_left & 1;
    if (w0 == 1) rows[1][l.pad_left / 2] = xr[0];
    const int64_t base = (w0 + l.pad_left) / 2;
    const int64_t pairs = (l.in_w - w0) / 2;
    float* even = rows[0] + base;
    float* odd = rows[1] + base;
    const float* in = xr + w0;
    for (int64_t j = 0; j < pairs; ++j) {
      even[j] = in[2 * j];
      odd[j] = in[2 * j + 1];
    }
    if ((l.in_w - w0) % 2) even[pairs] = in[2 * pairs];
    return;
  }
  for (int64_t w = 0; w < l.in_w; ++w) {
    const int64_t pw = w + l.pad_left;
    rows[pw % sw][pw / sw] = xr[w];
  }
}

}  // namespace

void FillPhases(const PhaseLayout& l, const float* x, int64_t c_begin, int64_t c_end, float* dst, bool pads_ready) {
  constexpr int64_t kMaxStride = 16;
  float* rows[kMaxStride];
  for (int64_t py = 0; py < l.stride_h; ++py) {
    for (int64_t c = c_begin; c < c_end; ++c) {
      const float* xc = x + c * l.in_h * l.in_w;
      for (int64_t qh = 0; qh < l.hq; ++qh) {
        for (int64_t px = 0; px < l.stride_w; ++px) {
          rows[px] = dst + (py * l.stride_w + px) * l.phase_floats() + c * l.plane() + qh * l.wq;
        }
        const int64_t h = qh * l.stride_h + py - l.pad_top;
        FillRow(l, h >= 0 && h < l.in_h ? xc + h * l.in_w : nullptr, pads_ready, rows);
      }
    }
  }
}

void ZeroSlack(const PhaseLayout& l, float* dst) {
  std::memset(dst + l.stride_h * l.stride_w * l.phase_floats(), 0, sizeof(float) * l.wq);
}

void CompactWideRows(const float* wide, int64_t first_flat, int64_t count, int64_t wq, int64_t out_w,
                     float* dense) {
  // One division for the start, then whole rows: small planes have many short rows.
  int64_t oh = first_flat / wq;
  int64_t ow = first_flat % wq;
  while (count > 0) {
    const int64_t in_row = std::min(count, wq - ow);
    if (ow < out_w) CopyFloats(dense + oh * out_w + ow, wide, std::min(in_row, out_w - ow));
    wide += in_row;
    count -= in_row;
    ++oh;
    ow = 0;
  }
}

}  // namespace edgebench::native
