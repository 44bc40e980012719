// The padded, stride-deinterleaved copy of a Conv input that turns every
// convolution into stride-1 reads (implicit GEMM, no im2col).
//
// The padded input Xp (pads applied, zeros outside X) is split into
// sh x sw phases: phase (py, px) holds Xp[c, qh * sh + py, qw * sw + px] at
// [c, qh, qw]. The tap (kh, kw) of output (oh, ow) reads
// Xp[c, oh * sh + kh * dh, ow * sw + kw * dw], which is phase
// ((kh * dh) % sh, (kw * dw) % sw) at [c, oh + (kh * dh) / sh, ow + (kw * dw) / sw]:
// contiguous in ow for any stride. Outputs are computed over the phase
// plane's full width ("wide" rows of wq columns, flat index oh * wq + ow),
// so one tap is one contiguous run over several output rows; the columns
// ow >= OW are discarded. For stride 1 this is just the padded input.
#pragma once

#include <cstdint>

namespace edgebench::native {

struct PhaseLayout {
  int64_t channels = 0;
  int64_t in_h = 0, in_w = 0;
  int64_t pad_top = 0, pad_left = 0;
  int64_t stride_h = 1, stride_w = 1;
  int64_t dilation_h = 1, dilation_w = 1;
  int64_t hq = 0, wq = 0;    // one phase plane
  int64_t out_h = 0, out_w = 0;
  // What the pads hold: 0 for Conv, -infinity for MaxPool.
  float pad_value = 0.0f;

  int64_t plane() const { return hq * wq; }
  int64_t phase_floats() const { return channels * plane(); }
  // The copy plus a row of slack: the wide rows of the last output row read
  // up to wq - 1 floats past the last phase plane (discarded columns only).
  int64_t floats() const { return stride_h * stride_w * phase_floats() + wq; }
  // Flat outputs in the wide layout.
  int64_t wide_outputs() const { return out_h * wq; }
  bool wide() const { return wq != out_w; }
  // Where tap (c, kh, kw) of output 0 reads, from the start of the copy.
  int64_t TapOffset(int64_t c, int64_t kh, int64_t kw) const;
};

// The layout for X of `channels` x in_h x in_w with these pads, strides and
// dilations, for an output of out_h x out_w (as Conv's shape inference gives it).
PhaseLayout MakePhaseLayout(int64_t channels, int64_t in_h, int64_t in_w, const int64_t pads[4],
                            const int64_t strides[2], const int64_t dilations[2], int64_t out_h, int64_t out_w);

// Writes channels [c_begin, c_end) of x (channels x in_h x in_w) into `dst`
// (strides up to 16)
// (layout.floats() floats). The caller zeroes the slack once per copy
// (ZeroSlack), as it lies outside every channel's range. With `pads_ready`
// (the same channels of `dst` were filled before and only X changed, as when
// one per-thread buffer takes plane after plane) only X's values are written.
void FillPhases(const PhaseLayout& layout, const float* x, int64_t c_begin, int64_t c_end, float* dst,
                bool pads_ready = false);
void ZeroSlack(const PhaseLayout& layout, float* dst);

// Copies the valid columns of `rows` wide rows (row stride wq) into dense
// rows of out_w: the last step of a wide-layout kernel.
void CompactWideRows(const float* wide, int64_t first_flat, int64_t count, int64_t wq, int64_t out_w, float* dense);

}  // namespace edgebench::native
