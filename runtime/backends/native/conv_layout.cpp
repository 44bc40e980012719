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

void FillPhases(const PhaseLayout& l, const float* x, int64_t c_begin, int64_t c_end, float* dst) {
  for (int64_t py = 0; py < l.stride_h; ++py) {
    for (int64_t px = 0; px < l.stride_w; ++px) {
      float* phase = dst + (py * l.stride_w + px) * l.phase_floats();
      // Phase columns qw whose input column qw * sw + px - pad_left is inside X.
      const int64_t first = std::max<int64_t>(0, (l.pad_left - px + l.stride_w - 1) / l.stride_w);
      const int64_t last = std::min<int64_t>(l.wq, (l.pad_left + l.in_w - px + l.stride_w - 1) / l.stride_w);
      for (int64_t c = c_begin; c < c_end; ++c) {
        const float* xc = x + c * l.in_h * l.in_w;
        float* pc = phase + c * l.plane();
        for (int64_t qh = 0; qh < l.hq; ++qh) {
          float* row = pc + qh * l.wq;
          const int64_t h = qh * l.stride_h + py - l.pad_top;
          if (h < 0 || h >= l.in_h || first >= last) {
            std::fill_n(row, l.wq, l.pad_value);
            continue;
          }
          std::fill_n(row, first, l.pad_value);
          const float* xr = xc + h * l.in_w + first * l.stride_w + px - l.pad_left;
          if (l.stride_w == 1) {
            std::memcpy(row + first, xr, sizeof(float) * (last - first));
          } else if (l.stride_w == 2) {
            // A constant stride lets the compiler vectorize the gather.
            for (int64_t qw = first; qw < last; ++qw) row[qw] = xr[(qw - first) * 2];
          } else {
            for (int64_t qw = first; qw < last; ++qw) row[qw] = xr[(qw - first) * l.stride_w];
          }
          std::fill_n(row + last, l.wq - last, l.pad_value);
        }
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
