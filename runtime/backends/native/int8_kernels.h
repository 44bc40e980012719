// The native backend's INT8 microkernels, one table per Int8Isa
// (cpu_features.h), kept apart from the FP32 table in kernels.h. One tile of
// an integer GEMM: rows are output channels, columns output pixels, and the
// depth K is read in groups of 4 (the shape of vpdpbusd: 4 u8 x s8 products
// summed into one int32 lane). The operator (int8_conv_plan.h) does the
// packing, the zero-point sums and the tiling; the tile only multiplies and
// requantizes.
#pragma once

#include <cstdint>

#include "runtime/backends/native/cpu_features.h"

namespace edgebench::native {

// The output step of a tile (QLinearConv's requantization, requantize.h):
//   acc'[r, j] = acc[r, j] + row_offset[r] - row_w_zp[r] * col_sums[j]
//   y[r, j]    = clamp(nearbyint(float(acc'[r, j]) * multiplier[r]) + y_zp, lo, hi)
// with the int32 arithmetic wrapping like ref's. row_offset folds the bias and
// the zero-point terms of gemmlowp's expansion that do not depend on the
// column; row_w_zp is null when every weight zero point is 0.
struct Int8OutputStep {
  const int32_t* row_offset = nullptr;  // one per row of the tile
  const int32_t* row_w_zp = nullptr;    // one per row, or null
  const int32_t* col_sums = nullptr;    // one per column of the tile (sum of x over K); read when row_w_zp is set
  const float* multiplier = nullptr;    // one per row: x_scale * w_scale[m] / y_scale
  float y_zp = 0.0f;
  float lo = 0.0f;  // the output type's range: 0..255 or -128..127
  float hi = 0.0f;
};

// One MR x NR tile. x holds, for each group t < k4 of 4 depth values, NR
// columns of 4 uint8 (x + t * x_stride: column j's 4 bytes at 4 * j); it is
// readable for NR columns even when nr < NR (the operator pads the columns).
// w is the packed panel: per group t, MR rows of w_group_bytes (rows past mr
// zero). y is uint8 or int8 (the byte of the clamped value), row stride ld_y;
// only nr columns are written.
struct Int8GemmTileArgs {
  int64_t k4 = 0;
  const uint8_t* x = nullptr;
  int64_t x_stride = 0;
  const void* w = nullptr;
  int64_t mr = 0;
  int64_t nr = 0;
  uint8_t* y = nullptr;
  int64_t ld_y = 0;
  const Int8OutputStep* out = nullptr;
};

// How the panel stores one row's group of 4 int8 weights (w0, w1, w2, w3).
enum class Int8WeightFormat {
  kS8x4,        // the 4 int8 as they are (vpdpbusd, scalar)
  kS16Pairs02_13,  // int16 (w0, w2, w1, w3): the even and odd pairs vpmaddwd takes
};

struct Int8GemmKernel {
  int mr = 0;
  int nr = 0;
  Int8WeightFormat format = Int8WeightFormat::kS8x4;
  void (*tile)(const Int8GemmTileArgs& args) = nullptr;
  // The tile multiplies x - x_offset instead of x; the plan adds
  // x_offset * sum(w) to row_offset. NEON's SDOT takes s8 x s8 only, and
  // u8 ^ 0x80 is x - 128 as s8.
  int32_t x_offset = 0;
};

// One tile with the filters as the vector dimension, reading the input in
// place (an indirect GEMM, after XNNPACK's: no im2col copy): np <= PR output
// pixels by a panel of NF filters. The depth is `segments` runs of
// segment_k4 groups of 4 bytes, and pixel j's group t of run s is the 4
// bytes at pixels[j] + offsets[s] + 4 * t. The operator makes a run one row
// of taps of an NHWC copy (kw x channels contiguous bytes), or one tap's
// channels; bytes past a run's real length meet zero weights, so they only
// need to be readable. w is the panel: per run, per group, NF rows of 4 int8
// (kS8x4; rows past the filters zero). y receives pixel j's NF requantized
// bytes at y + j * ld_y (every one of the NF, tail filters included); out's
// rows are the panel's filters, its columns the tile's pixels. It reads x as
// its table's gemm tile does (x - gemm.x_offset), so that one plan's row
// offsets serve both.
struct Int8PixelTileArgs {
  const uint8_t* const* pixels = nullptr;  // np of them
  const int64_t* offsets = nullptr;        // `segments` of them
  int64_t segments = 0;
  int64_t segment_k4 = 0;
  const void* w = nullptr;
  int64_t np = 0;
  uint8_t* y = nullptr;
  int64_t ld_y = 0;
  const Int8OutputStep* out = nullptr;
};

struct Int8PixelTileKernel {
  int pr = 0;  // pixels per tile at most
  int nf = 0;  // filters per panel
  void (*tile)(const Int8PixelTileArgs& args) = nullptr;  // null: this level has none
};

struct Int8Kernels {
  Int8Isa isa = Int8Isa::kScalar;
  Int8GemmKernel gemm;
  Int8PixelTileKernel pixel_tile;
  // A panel of fewer filters (more pixels per tile), for layers that would
  // leave most of pixel_tile's panel empty (MobileNetV2's first layer has
  // 32 filters); null where the level has none.
  Int8PixelTileKernel narrow_pixel_tile;
};

// Bytes one row's group of 4 takes in a panel of `format`.
inline int64_t Int8WeightGroupBytes(Int8WeightFormat format) {
  return format == Int8WeightFormat::kS8x4 ? 4 : 8;
}

// The table for `isa`; call only with a level Int8IsaFor allowed.
const Int8Kernels& Int8KernelsFor(Int8Isa isa);

// Defined by the per-ISA translation units.
const Int8Kernels& ScalarInt8Kernels();
#if defined(__x86_64__) || defined(__i386__)
const Int8Kernels& Avx2Int8Kernels();
const Int8Kernels& AvxVnniInt8Kernels();
const Int8Kernels& Avx512VnniInt8Kernels();
#endif
#if defined(__aarch64__)
const Int8Kernels& NeonDotInt8Kernels();
const Int8Kernels& NeonInt8Kernels();
#endif

}  // namespace edgebench::native
