// The native backend's INT8 depthwise microkernels, one table per Int8Isa
// (cpu_features.h). Depthwise QLinearConv has too few MACs per output for the
// GEMM tiles of int8_kernels.h; it runs directly over each channel's plane,
// vectorized over its output pixels.
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

// Packs one pair row (int8_depthwise.h says which rows are packed where).
struct Int8DwPackArgs {
  const void* row0 = nullptr;  // X's row r of the channel, or null for a padding row
  const void* row1 = nullptr;  // X's row r + dilation_h, or null
  bool x_signed = false;       // rows are int8 (else uint8)
  int32_t x_zp = 0;            // as stored
  int64_t in_w = 0;
  int64_t left = 0;    // left padding: lane j of phase p reads column p + j * stride - left
  int64_t stride = 1;  // phases
  int64_t lanes = 0;   // lanes per phase (every lane is written; outside X they are 0)
  int64_t phase_stride = 0;  // int16 from one phase's lanes to the next one's
  int16_t* out = nullptr;    // phase p's lane j at out[p * phase_stride + 2 * j]
};

// Strides 1 and 2 pack a channel's pair rows in two flat passes instead of
// row by row. First `copy`: a padded uint8 copy of the rows the slots start
// at (copy row k = padded row first_row + k * row_step), split into column
// phases like the pair rows (phase p's lane j = padded column p + phases * j;
// X's column c - left, or `pad` outside X); each phase plane is followed by
// 64 bytes of slack a kernel may overwrite.
struct Int8DwCopyArgs {
  const uint8_t* x = nullptr;  // the channel's plane, in_h x in_w
  int64_t in_h = 0, in_w = 0, top = 0, left = 0;
  int64_t first_row = 0, row_step = 1, rows = 0;
  int64_t phases = 1;  // 1 or 2
  int64_t lanes = 0;
  int64_t phase_stride = 0;  // bytes from one phase plane to the next
  uint8_t flip = 0;  // 0x80 for int8 X: x + 128 as a byte is its sign bit flipped
  uint8_t pad = 0;   // x's zero point in the copy's uint8 domain
  uint8_t* out = nullptr;
};

// Then `pair`, per phase: pair f = (b0[f] - pad, b1[f] - pad) at out[2f],
// out[2f + 1] for f < count, b0 and b1 the copies of a slot's two rows.
struct Int8DwPairArgs {
  const uint8_t* b0 = nullptr;
  const uint8_t* b1 = nullptr;
  int64_t count = 0;
  uint8_t pad = 0;
  int16_t* out = nullptr;
};

// Small planes (late layers, DS-CNN's 25x5) instead gather their pairs from
// X with a table made at infer: per chunk of 16 pairs (32 int16), the 64-byte
// window of the channel's plane their values come from and, per int16, its
// byte in the window (or padding: 0). Row by row, the copy's cost per row
// outweighed the arithmetic on rows of 5 to 16 pixels.
struct alignas(64) Int8DwGatherChunk {
  int16_t index[32] = {};  // byte of the window for each int16 (when live)
  int64_t start = 0;       // the window's first byte in the plane
  uint64_t load = 0;       // the window's bytes inside the plane
  uint32_t live = 0;       // the int16 that are X (the others are padding)
  int64_t out = 0;         // int16 offset of the chunk's pairs in the pair planes
};

struct Int8DwGatherArgs {
  const uint8_t* x = nullptr;  // the channel's plane
  const Int8DwGatherChunk* chunks = nullptr;
  int64_t count = 0;
  bool x_signed = false;
  int32_t x_zp = 0;  // as stored
  int16_t* out = nullptr;  // the pair planes; each chunk writes 32 int16 at out + chunk.out
};

// Copies `rows` rows of `width` bytes from src (row stride src_step) to dst
// (packed): a run's outputs without the lanes past each row's end.
struct Int8DwUnpadArgs {
  const uint8_t* src = nullptr;
  int64_t src_step = 0;
  int64_t rows = 0, width = 0;
  uint8_t* dst = nullptr;
};

// A run of `count` outputs of one filter:
//   acc[j] = sum over pairs p of taps[p][2j] * w_lo[p] + taps[p][2j + 1] * w_hi[p]
//   y[j]   = clamp(nearbyint(float(acc[j] + bias) * multiplier) + y_zp, lo, hi)
// with the int32 sums wrapping like ref's (requantize.h). taps[p] points at
// output 0's pair for pair p; the kernel may read taps up to `count` rounded
// up to Int8DepthwiseKernels::columns, and writes y[0, count) only.
struct Int8DwRunArgs {
  const int16_t* const* taps = nullptr;
  const int32_t* weights = nullptr;  // per pair: w_lo in the low int16, w_hi in the high one
  int64_t pairs = 0;
  int64_t count = 0;
  int32_t bias = 0;
  float multiplier = 1.0f;
  float y_zp = 0.0f;
  float lo = 0.0f;  // the output type's range: 0..255 or -128..127
  float hi = 0.0f;
  uint8_t* y = nullptr;  // uint8 or int8 bytes
};

// The unpad of small planes by a table too: per 32 output bytes, the 64-byte
// window of the run they come from and each one's byte in it.
struct alignas(64) Int8DwUnpadChunk {
  int16_t index[32] = {};
  int64_t start = 0;  // the window's first byte in the run
  uint64_t load = 0;  // the window's bytes inside the run
  int64_t bytes = 0;  // outputs of the chunk (32, fewer in the last one)
};

struct Int8DwUnpadGatherArgs {
  const uint8_t* src = nullptr;  // the run
  const Int8DwUnpadChunk* chunks = nullptr;
  int64_t count = 0;
  uint8_t* dst = nullptr;  // chunk i's bytes at dst + 32 i
};

struct Int8DepthwiseKernels {
  Int8Isa isa = Int8Isa::kScalar;
  int columns = 1;  // outputs per vector: how far past a run its loads may reach
  void (*pack)(const Int8DwPackArgs& args) = nullptr;
  void (*copy)(const Int8DwCopyArgs& args) = nullptr;
  void (*pair)(const Int8DwPairArgs& args) = nullptr;
  void (*run)(const Int8DwRunArgs& args) = nullptr;
  void (*unpad)(const Int8DwUnpadArgs& args) = nullptr;
  void (*gather)(const Int8DwGatherArgs& args) = nullptr;  // null: copy and pair only
  void (*unpad_gather)(const Int8DwUnpadGatherArgs& args) = nullptr;  // null: unpad only
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
