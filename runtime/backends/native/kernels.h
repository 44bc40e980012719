// The native backend's microkernels, one table per ISA (XNNPACK-style: the
// operators in this folder do shapes, packing and tiling; the microkernels
// only compute). Selecting the table is the one place that knows the ISAs.
#pragma once

#include <cstdint>

#include "runtime/backends/native/cpu_features.h"

namespace edgebench::native {

// What a tile does with its sums before storing them:
// y = clamp(sum + bias[row] + add[row, col], lo, hi). Relu is lo = 0, Clip is
// its bounds, no activation is +-infinity. `add` is Gemm's C (beta folded) or
// FusedConv's residual Z.
struct OutputStep {
  const float* bias = nullptr;  // one per row of the tile, or null
  const float* add = nullptr;   // same layout as y with row stride ld_add, or null
  int64_t ld_add = 0;
  float lo = 0.0f;
  float hi = 0.0f;
};

// One tile of an (implicit) GEMM: rows are output channels (Conv) or rows of
// A (Gemm), columns are output pixels (Conv) or columns of B (Gemm).
//   y[r, j] = sum over t < k of w[t * MR + r] * x[offsets[t] + j]
// for r < mr <= MR and j < nr <= NR. `w` is a packed panel (k x MR, rows past
// mr zero), each `offsets[t]` points at a contiguous run of nr values of x.
//
// With wq > 0 the columns are a Conv's wide outputs (conv_layout.h), column 0
// at column first_ow of its wide row: column j lies rho = (first_ow + j) / wq
// rows further on, is stored only where (first_ow + j) % wq < out_w, and
// lands at y[r * ld_y + j - rho * (wq - out_w)] (OutputStep::add is read at
// the same places). The tile thus writes dense output rows itself, with no
// copy between; y is where column 0 would land were it kept.
struct GemmTileArgs {
  int64_t k = 0;
  const float* w = nullptr;
  const float* x = nullptr;
  const int64_t* offsets = nullptr;
  int64_t mr = 0;
  int64_t nr = 0;
  float* y = nullptr;
  int64_t ld_y = 0;
  const OutputStep* out = nullptr;
  int64_t wq = 0;  // 0: dense columns
  int64_t out_w = 0;
  int64_t first_ow = 0;
};

// A depthwise channel over a flat run of n outputs of a stride-1 layout:
//   y[j] = clamp(bias + sum over t < taps of w[t] * x[offsets[t] + j], lo, hi).
struct DepthwiseArgs {
  int64_t taps = 0;
  const float* w = nullptr;
  const float* x = nullptr;
  const int64_t* offsets = nullptr;
  int64_t n = 0;
  float* y = nullptr;
  float bias = 0.0f;
  float lo = 0.0f;
  float hi = 0.0f;
};

// A 3x3, stride 1, dilation 1 depthwise channel read straight from its plane
// x (in_h x in_w), no copy: taps that fall in the pads are masked off, not
// materialized. w holds the 9 taps row-major.
//   y[oh, ow] = clamp(bias + sum w[kh, kw] * x[oh - pad_top + kh, ow - pad_left + kw], lo, hi).
struct Depthwise3x3Args {
  const float* x = nullptr;
  int64_t in_h = 0, in_w = 0;
  const float* w = nullptr;
  float* y = nullptr;
  int64_t out_h = 0, out_w = 0;
  int64_t pad_top = 0, pad_left = 0;
  float bias = 0.0f;
  float lo = 0.0f;
  float hi = 0.0f;
};

// Depthwise3x3Args read at stride 2 (dilation 1) by depthwise_3x3s2:
//   y[oh, ow] = clamp(bias + sum w[kh, kw] * x[2 oh - pad_top + kh, 2 ow - pad_left + kw], lo, hi).

// `planes` 3x3, stride 1, dilation 1 depthwise channels whose rows are as
// wide as their output rows (`width`: pad_left + pad_right == 2), so each
// plane is one flat run: output j = oh * width + ow reads
// x[j + (kh - pad_top) * width + kw - pad_left], lanes whose row or column
// falls in the pads masked off. Plane i is x + i * in_h * width, weights
// w + 9 i, bias[i], y + i * out_h * width.
struct DepthwiseFlatArgs {
  int64_t planes = 0;
  const float* x = nullptr;
  int64_t in_h = 0, width = 0;
  const float* w = nullptr;
  const float* bias = nullptr;
  float* y = nullptr;
  int64_t out_h = 0;
  int64_t pad_top = 0, pad_left = 0;
  float lo = 0.0f;
  float hi = 0.0f;
};

// The max over taps of a flat run: y[j] = max over t < taps of x[offsets[t] + j].
struct MaxPoolArgs {
  int64_t taps = 0;
  const float* x = nullptr;
  const int64_t* offsets = nullptr;
  int64_t n = 0;
  float* y = nullptr;
};

// A 3x3, stride 2, dilation 1 max-pool plane read straight from x (in_h x
// in_w), no copy:
//   y[oh, ow] = max over kh, kw < 3 of x[2 oh - pad_top + kh, 2 ow - pad_left + kw],
// taps outside the plane (pads, and ceil_mode's windows that run past the
// end pad) left out, i.e. -infinity. An all-pad window gives -infinity.
struct MaxPool3x3Args {
  const float* x = nullptr;
  int64_t in_h = 0, in_w = 0;
  float* y = nullptr;
  int64_t out_h = 0, out_w = 0;
  int64_t pad_top = 0, pad_left = 0;
};

// A tile of a dense Conv with the filters as the vector dimension (the
// transpose of GemmTileArgs' roles), for output planes too small for the
// wide-row tile: pixels are any `np` output pixels, each with its own base
// in x, so no wide columns are computed and dropped.
//   sums[p * NF + f] (+)= sum over t < k of w[t * NF + f] * x[pixels[p] + offsets[t]]
// for p < np <= PR and every f < NF (the panel holds NF filters, zero-padded).
// With `accumulate` the sums start from sums' values (the depth is split
// into chunks whose panel slice stays in L2), else from 0.
struct PixelTileArgs {
  int64_t k = 0;
  const float* w = nullptr;
  const float* x = nullptr;
  const int64_t* pixels = nullptr;
  const int64_t* offsets = nullptr;
  int64_t np = 0;
  float* sums = nullptr;
  bool accumulate = false;
};

struct PixelTileKernel {
  int pr = 0;  // pixels per tile, at most
  int nf = 0;  // filters per tile
  void (*tile)(const PixelTileArgs& args) = nullptr;
};

struct GemmKernel {
  int mr = 0;
  int nr = 0;
  void (*tile)(const GemmTileArgs& args) = nullptr;
};

struct NativeKernels {
  Isa isa = Isa::kScalar;
  GemmKernel gemm;     // the main MR x NR tile
  GemmKernel gemm_m1;  // a single row (GEMV: classifier layers at batch 1)
  // Loads past the last column (tails) are masked: kernels read nothing
  // beyond x[offsets[t] + nr - 1].
  void (*depthwise)(const DepthwiseArgs& args) = nullptr;
  void (*max_pool)(const MaxPoolArgs& args) = nullptr;
  void (*depthwise_3x3s1)(const Depthwise3x3Args& args) = nullptr;
  // Null where a level has none; the operator then takes the phase path.
  void (*depthwise_3x3s2)(const Depthwise3x3Args& args) = nullptr;
  void (*depthwise_3x3s1_flat)(const DepthwiseFlatArgs& args) = nullptr;
  // Planes that depthwise_3x3s1_flat can take and whose rows are narrower
  // than this go to it rather than to depthwise_3x3s1 (measured per level).
  int64_t depthwise_flat_below = 16;
  // Null where a level has none; MaxPool then takes the phase path.
  void (*max_pool_3x3s2)(const MaxPool3x3Args& args) = nullptr;
  // Null tile where a level has none; dense Convs then keep the wide tile.
  PixelTileKernel pixel_tile;
};

// The table for `isa`; call only with a level SelectIsa allowed.
const NativeKernels& KernelsFor(Isa isa);

// KernelsFor(isa) with a GEMM tile of more rows for convolutions on small
// output planes: their X is read from L2 (512 padded 7x7 planes: 166 KB), and
// more rows per tile load each X vector for more FMAs (AVX-512 12x32: ResNet-18's
// 3x3 512@7 ~10% faster than 8x32 here). KernelsFor(isa) itself where a level
// has no such tile. A dense Conv plan packs its panels for the gemm of the
// table it keeps.
const NativeKernels& SmallPlaneKernelsFor(Isa isa);

// Defined by the per-ISA translation units.
const NativeKernels& ScalarKernels();
#if defined(__x86_64__) || defined(__i386__)
const NativeKernels& Avx2Kernels();
const NativeKernels& Avx512Kernels();
const NativeKernels& Avx512SmallPlaneKernels();
#endif
#if defined(__aarch64__)
const NativeKernels& NeonKernels();
#endif

}  // namespace edgebench::native
