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

// One padded input row h (or a pad row, xr null) into the stride_w phase rows.
void FillRow(const PhaseLayout& l, const float* xr, float* const* rows) {
  const int64_t sw = l.stride_w;
  if (!xr) {
    for (int64_t px = 0; px < sw; ++px) std::fill_n(rows[px], l.wq, l.pad_value);
    return;
  }
  if (sw == 1) {
    std::fill_n(rows[0], l.pad_left, l.pad_value);
    std::memcpy(rows[0] + l.pad_left, xr, sizeof(float) * l.in_w);
    std::fill_n(rows[0] + l.pad_left + l.in_w, l.wq - l.pad_left - l.in_w, l.pad_value);
    return;
  }
  for (int64_t px = 0; px < sw; ++px) std::fill_n(rows[px], l.wq, l.pad_value);
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

void FillPhases(const PhaseLayout& l, const float* x, int64_t c_begin, int64_t c_end, float* dst) {
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
        FillRow(l, h >= 0 && h < l.in_h ? xc + h * l.in_w : nullptr, rows);
      }
    }
  }
}

void ZeroSlack(const PhaseLayout& l, float* dst) {
  std::memset(dst + l.stride_h * l.stride_w * l.phase_floats(), 0, sizeof(float) * l.wq);
}

void CompactWideRows(const float* wide, int64_t first_flat, int64_t count, int64_t wq, int64_t out_w,
                     float* dense) {
  int64_t q = first_flat;
  const int64_t end = first_flat + count;
  while (q < end) {
    const int64_t oh = q / wq;
    const int64_t ow = q % wq;
    const int64_t row_end = std::min(end, (oh + 1) * wq);
    if (ow < out_w) {
      const int64_t n = std::min(row_end, oh * wq + out_w) - q;
      std::memcpy(dense + oh * out_w + ow, wide + (q - first_flat), sizeof(float) * n);
    }
    q = row_end;
  }
}

}  // namespace edgebench::native
