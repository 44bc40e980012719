// The native backend's INT8 depthwise microkernels, one table per Int8Isa
// (cpu_features.h). Depthwise QLinearConv has too few MACs per output for the
// GEMM tiles of int8_kernels.h; it runs directly over each channel's plane,
// vectorized over the output pixels of a row.
//
// The integers: x' = x - x_zp and w' = w - w_zp both fit int16 (|.| <= 255),
// so every tap's product is exact in int16 x int16 -> int32 (vpmaddwd, or
// vpdpwssd on VNNI), which takes two taps per 32-bit lane. The two taps of a
// lane are vertically adjacent ones (kernel rows 2a and 2a + 1, same column):
// a "pair row" holds input rows r and r + dilation_h interleaved as int16
// (x'[r][c], x'[r + d][c]), so that for every tap column the pairs of
// consecutive output pixels are one plain load. Stride along the width is
// taken by splitting the columns of a pair row into `stride` phases (phase p
// holds columns p, p + stride, ...), so that loads stay unit-stride.
#pragma once

#include <cstdint>

#include "runtime/backends/native/cpu_features.h"

namespace edgebench::native {

// Packs one pair row (int8_depthwise.h says which rows are packed).
struct Int8DwPackArgs {
  const void* row0 = nullptr;  // X's row r of the channel, or null for a padding row
  const void* row1 = nullptr;  // X's row r + dilation_h, or null
  bool x_signed = false;       // rows are int8 (else uint8)
  int32_t x_zp = 0;            // as stored
  int64_t in_w = 0;
  int64_t left = 0;    // left padding: lane j of phase p reads column p + j * stride - left
  int64_t stride = 1;  // phases
  int64_t lanes = 0;   // lanes per phase (every lane is written; outside X they are 0)
  int16_t* out = nullptr;  // stride * lanes * 2 int16: phase p's lane j at out[2 * (p * lanes + j)]
};

// One output row of one filter:
//   acc[j] = sum over pairs p of taps[p][2j] * w_lo[p] + taps[p][2j + 1] * w_hi[p]
//   y[j]   = clamp(nearbyint(float(acc[j] + bias) * multiplier) + y_zp, lo, hi)
// with the int32 sums wrapping like ref's (requantize.h). taps[p] points at
// output pixel 0's pair in the pair row and phase of pair p; the kernel may
// read up to Int8DepthwiseKernels::columns lanes past `width` rounded down.
struct Int8DwRowArgs {
  const int16_t* const* taps = nullptr;
  const int32_t* weights = nullptr;  // per pair: w_lo in the low int16, w_hi in the high one
  int64_t pairs = 0;
  int64_t width = 0;
  int32_t bias = 0;
  float multiplier = 1.0f;
  float y_zp = 0.0f;
  float lo = 0.0f;  // the output type's range: 0..255 or -128..127
  float hi = 0.0f;
  uint8_t* y = nullptr;  // uint8 or int8 bytes
};

struct Int8DepthwiseKernels {
  Int8Isa isa = Int8Isa::kScalar;
  int columns = 1;  // output pixels per vector: pair rows are padded to a multiple of it
  void (*pack)(const Int8DwPackArgs& args) = nullptr;
  void (*row)(const Int8DwRowArgs& args) = nullptr;
};

// The table for `isa`; call only with a level Int8IsaFor allowed.
const Int8DepthwiseKernels& Int8DepthwiseKernelsFor(Int8Isa isa);

// Defined by the per-ISA translation units.
const Int8DepthwiseKernels& ScalarInt8DepthwiseKernels();
#if defined(__x86_64__) || defined(__i386__)
const Int8DepthwiseKernels& Avx2Int8DepthwiseKernels();
const Int8DepthwiseKernels& Avx512VnniInt8DepthwiseKernels();
#endif

}  // namespace edgebench::native
