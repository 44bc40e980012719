// The native QLinearConv (2-D, NCHW) as a plan built once at infer: weights
// packed into the int8 tile's panels with their zero-point terms folded into
// one int32 per filter, requantization multipliers, scratch sizes. Two ways
// to run, both with pads holding x's zero point (so they contribute 0):
// - the pixel tile (int8_conv_pixel_tiles.cpp), an indirect GEMM: X is
//   copied once into a padded NHWC uint8 copy, the same bytes as X, and the
//   tile reads each pixel's taps there in place;
// - the gemm tile, pixels as the vector dimension: each group of 4 depth
//   values per output pixel is gathered into the 4 bytes a tile column reads
//   (for a 1x1 convolution that is the GEMM's packing of X; for k x k an
//   interleaved im2col, K x pixels bytes, run only where a test or a
//   benchmark forces the gemm tile: every level has a pixel tile).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "runtime/backends/native/int8_kernels.h"
#include "runtime/core/thread_pool.h"

namespace edgebench::native {

struct Int8ConvParams {
  int64_t batch = 0, channels = 0, in_h = 0, in_w = 0;
  int64_t filters = 0, group = 1, kernel_h = 0, kernel_w = 0;
  int64_t out_h = 0, out_w = 0;
  int64_t pads[4] = {};  // top, left, bottom, right
  int64_t strides[2] = {1, 1};
  int64_t dilations[2] = {1, 1};
  bool x_signed = false;  // int8 X is read +128 as uint8, its zero point likewise
  bool y_signed = false;
};

// The quantization parameters, as read from the node's constants.
struct Int8ConvQuant {
  int32_t x_zp = 0;  // as stored (int8 or uint8 value)
  float x_scale = 1.0f, y_scale = 1.0f;
  int32_t y_zp = 0;
  std::vector<float> w_scale;    // 1 or filters
  std::vector<int32_t> w_zp;     // 1 or filters, as stored; empty: 0
  bool w_signed = true;          // uint8 W is read -128 as int8, its zero point likewise
  const void* w = nullptr;       // filters x channels/group x kh x kw
  const int32_t* bias = nullptr;  // filters, or null
};

// Which tile a plan runs: the cheaper one by Int8PixelTilesPay, or one forced
// (tests, benchmarks). kPixel falls back to kGemm where the level has no
// pixel tile.
enum class Int8Tile { kCheapest, kGemm, kPixel };

struct Int8ConvPlan {
  Int8ConvParams p;
  const Int8Kernels* kernels = nullptr;
  bool pixel_tiles = false;  // a pixel tile (int8_kernels.h), NF filters per block, instead of the gemm tile
  Int8PixelTileKernel pixel_tile;  // which one (Int8PixelTileFor)
  int64_t k = 0, k4 = 0;     // depth per group, and its groups of 4 in the panel
  int64_t blocks_per_group = 0;
  int64_t columns = 0;       // the gemm tile's: output pixels padded to NR
  int64_t padded_h = 0, padded_w = 0;
  bool copy_x = false;       // the gemm tile's: pads or int8 X send X through the padded NCHW copy
  bool w_zero_points = false;  // some weight zero point is not 0: the column sums are needed
  uint8_t x_zp_unsigned = 0;
  // The pixel tile's runs (Int8PixelTileArgs): each one's offset from a
  // pixel's first byte in the NHWC copy, its real bytes and groups of 4.
  std::vector<int64_t> run_offsets;
  int64_t run_bytes = 0, run_k4 = 0;
  std::vector<uint8_t> packed_w;       // [group][block][k4][MR][group bytes]
  std::vector<int32_t> row_offset;     // [group][block][MR]
  std::vector<int32_t> row_w_zp;       // [group][block][MR]
  std::vector<float> multiplier;       // [group][block][MR]
  Int8OutputStep step_template;
  float y_zp = 0.0f;
  // Scratch: the padded copy (NCHW, or NHWC for the pixel tile), the
  // interleaved columns (gemm tile), the column sums, a zero row (gemm tile).
  size_t scratch_copy = 0, scratch_columns = 0, scratch_sums = 0, scratch_zero = 0, scratch_total = 0;
};

Int8ConvPlan MakeInt8ConvPlan(const Int8ConvParams& p, const Int8ConvQuant& q, const Int8Kernels& kernels,
                              Int8Tile tile = Int8Tile::kCheapest);
void RunInt8Conv(const Int8ConvPlan& plan, const void* x, void* y, void* scratch, ThreadPool* pool);

// Whether `kernels` has a pixel tile RunInt8PixelTiles can run, and whether
// it is expected to be faster than the gemm tile for p.
bool Int8PixelTilesFit(const Int8Kernels& kernels);
bool Int8PixelTilesPay(const Int8ConvParams& p, const Int8Kernels& kernels);
// The level's pixel tile for p: the narrow one where p's filters fit in it.
const Int8PixelTileKernel& Int8PixelTileFor(const Int8ConvParams& p, const Int8Kernels& kernels);

// int8_conv_pixel_tiles.cpp: the pixel tile's runs into plan (run_offsets,
// run_bytes, run_k4, k4), where in the packed depth W's depth index k (its
// channel-major order) goes, and its scratch (from plan.scratch_total on).
void LayOutInt8PixelTileRuns(Int8ConvPlan& plan);
int64_t Int8PixelTileDepthSlot(const Int8ConvPlan& plan, int64_t k);
void AddInt8PixelTileScratch(Int8ConvPlan& plan);

// One image on the pixel tile: x its NCHW input, y its output.
void RunInt8PixelTiles(const Int8ConvPlan& plan, const uint8_t* x, uint8_t* y, uint8_t* scratch, ThreadPool* pool);

}  // namespace edgebench::native
