// QLinearConv on the INT8 pixel tile (int8_kernels.h, Int8PixelTileArgs):
// each tile takes a few output pixels of the interleaved copy and a panel of
// NF filters, so a plane the gemm tile's NR columns do not divide wastes no
// work, and each panel step is a few whole-register loads.
#include <algorithm>

#include "runtime/backends/native/int8_conv_plan.h"
#include "runtime/ops/nn/window.h"

namespace edgebench::native {
namespace {

using ops::CeilDiv;

// Output pixels per task: a task's bytes stay in one stack buffer before
// they are scattered into the NCHW planes.
constexpr int64_t kMaxTaskPixels = 48;
constexpr int64_t kMaxTileFilters = 64;

}  // namespace

bool Int8PixelTilesFit(const Int8Kernels& kernels) {
  const Int8PixelTileKernel& tile = kernels.pixel_tile;
  return tile.tile && tile.nf <= kMaxTileFilters && tile.pr <= kMaxTaskPixels;
}

bool Int8PixelTilesPay(const Int8ConvParams& p, const Int8Kernels& kernels) {
  if (!Int8PixelTilesFit(kernels)) return false;
  const Int8PixelTileKernel& tile = kernels.pixel_tile;
  const Int8GemmKernel& gemm = kernels.gemm;
  const int64_t plane = p.out_h * p.out_w;
  const int64_t filters = p.filters / p.group;
  const int64_t depth = p.channels / p.group * p.kernel_h * p.kernel_w;
  const double gemm_use = static_cast<double>(plane) / static_cast<double>(CeilDiv(plane, gemm.nr) * gemm.nr) *
                          static_cast<double>(filters) / static_cast<double>(CeilDiv(filters, gemm.mr) * gemm.mr);
  const double pixel_use = static_cast<double>(filters) / static_cast<double>(CeilDiv(filters, tile.nf) * tile.nf);
  // Relative cost per output: the share of each tile's work that is wasted,
  // and for the pixel tile its output step (a scalar scatter of each pixel's
  // NF bytes into NF planes), worth about kOutputStepDepth depth values.
  // Fitted to this machine's kernel_bench runs (AVX-512 VNNI, 1 thread, us,
  // gemm vs pixel): 3x3 512@7 (depth 4608) 532 vs 337, 3x3 256@14 (2304) 371
  // vs 335, 3x3 64@56 (576) 338 vs 395, 1x1 320->1280@7 88 vs 72, 1x1
  // 24->144@56 54 vs 225, 1x1 s2 64->128@28 30 vs 63.
  constexpr double kOutputStepDepth = 150.0;
  const double pixel_cost = (1.0 + kOutputStepDepth / static_cast<double>(depth)) / pixel_use;
  return pixel_cost < 1.0 / gemm_use;
}

void RunInt8PixelTiles(const Int8ConvPlan& plan, int64_t g, const uint8_t* columns, const int32_t* col_sums,
                       uint8_t* y, ThreadPool* pool) {
  const Int8ConvParams& p = plan.p;
  const Int8PixelTileKernel& kernel = plan.kernels->pixel_tile;
  const int64_t nf = kernel.nf;
  const int64_t plane = p.out_h * p.out_w;
  const int64_t cout_g = p.filters / p.group;
  // Tasks of about equal size, tiles of about equal size within them: a
  // 1-pixel tile has too few accumulators to hide the vpdpbusd latency.
  const int64_t task_pixels = CeilDiv(plane, CeilDiv(plane, kMaxTaskPixels));
  ParallelFor2D(pool, plan.blocks_per_group, plane, 1, task_pixels, 2.0 * static_cast<double>(plan.k),
                [&](int64_t b0, int64_t b1, int64_t p0, int64_t p1) {
                  alignas(64) uint8_t bytes[kMaxTaskPixels * kMaxTileFilters];
                  const int64_t count = p1 - p0;
                  const int64_t tiles = CeilDiv(count, kernel.pr);
                  for (int64_t b = b0; b < b1; ++b) {
                    const int64_t blk = g * plan.blocks_per_group + b;
                    Int8OutputStep out = plan.step_template;
                    out.row_offset = plan.row_offset.data() + blk * nf;
                    out.row_w_zp = plan.w_zero_points ? plan.row_w_zp.data() + blk * nf : nullptr;
                    out.multiplier = plan.multiplier.data() + blk * nf;
                    Int8PixelTileArgs a;
                    a.k4 = plan.k4;
                    a.x_stride = plan.columns * 4;
                    a.w = plan.packed_w.data() + blk * plan.k4 * nf * 4;
                    a.ld_y = nf;
                    a.out = &out;
                    for (int64_t i = 0; i < tiles; ++i) {
                      const int64_t first = p0 + i * count / tiles;
                      a.np = p0 + (i + 1) * count / tiles - first;
                      a.x = columns + first * 4;
                      a.y = bytes + (first - p0) * nf;
                      out.col_sums = col_sums + first;
                      kernel.tile(a);
                    }
                    // The NCHW output: each filter's pixels are one run.
                    const int64_t m0 = b * nf;
                    const int64_t filters = std::min(nf, cout_g - m0);
                    for (int64_t f = 0; f < filters; ++f) {
                      uint8_t* __restrict yf = y + (g * cout_g + m0 + f) * plane + p0;
                      for (int64_t j = 0; j < count; ++j) yf[j] = bytes[j * nf + f];
                    }
                  }
                });
}

}  // namespace edgebench::native
