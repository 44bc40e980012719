// Dense Conv with the filters as the vector dimension (kernels.h,
// PixelTileArgs): for output planes where the wide-row gemm tile computes
// many columns it then drops (7x7: 63 wide columns in two 32-column tiles
// for 49 outputs), each tile takes a few output pixels wherever they are and
// a panel of NF filters.
#include <algorithm>

#include "runtime/backends/native/conv_plan.h"
#include "runtime/ops/nn/window.h"

namespace edgebench::native {
namespace {

using ops::CeilDiv;

// Output pixels per task: a task's sums stay in one stack buffer.
constexpr int64_t kMaxTaskPixels = 48;
constexpr int64_t kMaxTileFilters = 64;
// The panel slice that one depth chunk reads for every pixel tile of a task,
// so that it is read from memory once and from L2 after (ResNet-18's layer4
// panels are 1.2 MB: 64 filters x 4608).
constexpr int64_t kChunkPanelBytes = 256 * 1024;

// The fraction of a tile's work that lands in outputs.
double WideTileUse(const ConvParams& p, const PhaseLayout& l, const GemmKernel& gemm) {
  const int64_t columns = CeilDiv(l.wide_outputs(), gemm.nr) * gemm.nr;
  const int64_t rows = CeilDiv(p.filters, gemm.mr) * gemm.mr;
  return static_cast<double>(p.out_h * p.out_w) / static_cast<double>(columns) * static_cast<double>(p.filters) /
         static_cast<double>(rows);
}

double PixelTileUse(const ConvParams& p, const PixelTileKernel& tile) {
  return static_cast<double>(p.filters) / static_cast<double>(CeilDiv(p.filters, tile.nf) * tile.nf);
}

// clamp(sums + bias + z) into y for the pixels [p0, p0 + count) of one
// NF-filter block: in NCHW a filter's pixels are one strided run per filter;
// in NHWC (plan.nhwc) a pixel's filters are one contiguous run.
void StoreTile(const DenseConvPlan& plan, int64_t block, const float* sums, int64_t p0, int64_t count, float* y,
               const float* z) {
  const ConvParams& p = plan.p;
  const int64_t nf = plan.kernels->pixel_tile.nf;
  const int64_t plane = p.out_h * p.out_w;
  const int64_t m0 = block * nf;
  const int64_t filters = std::min(nf, p.filters - m0);
  const float* bias = plan.packed_bias.data() + block * nf;
  if (plan.nhwc) {
    for (int64_t j = 0; j < count; ++j) {
      float* yj = y + (p0 + j) * p.filters + m0;
      const float* zj = z ? z + (p0 + j) * p.filters + m0 : nullptr;
      const float* sj = sums + j * nf;
      for (int64_t f = 0; f < filters; ++f) {
        const float s = sj[f] + bias[f] + (zj ? zj[f] : 0.0f);
        yj[f] = std::min(std::max(s, p.lo), p.hi);
      }
    }
    return;
  }
  for (int64_t f = 0; f < filters; ++f) {
    float* yf = y + (m0 + f) * plane + p0;
    const float* zf = z ? z + (m0 + f) * plane + p0 : nullptr;
    for (int64_t j = 0; j < count; ++j) {
      float s = sums[j * nf + f] + bias[f];
      if (zf) s += zf[j];
      yf[j] = std::min(std::max(s, p.lo), p.hi);
    }
  }
}

}  // namespace

bool PixelTilesFit(const ConvParams& p, const NativeKernels& kernels) {
  const PixelTileKernel& tile = kernels.pixel_tile;
  return tile.tile && tile.nf <= kMaxTileFilters && tile.pr <= kMaxTaskPixels && p.group == 1;
}

bool PixelTilesPay(const ConvParams& p, const PhaseLayout& layout, const NativeKernels& kernels) {
  if (!PixelTilesFit(p, kernels)) return false;
  const PixelTileKernel& tile = kernels.pixel_tile;
  // Relative cost per output: the share of each tile's work that is wasted,
  // and for the pixel tile its output step, scalar and strided, which a shallow
  // depth does not amortize. kOutputStepDepth fits this machine's kernel_bench
  // runs (AVX-512, 1 thread, us, wide vs pixel): 24->144 1x1@56 (depth 24)
  // 130 vs 219, 64->128 1x1 s2@28 (64) 123 vs 142, 3x3 64@56 (576) 1140 vs
  // 1084, 3x3 512@7 (4608) 1631 vs 1136, 1x1 320->1280@7 236 vs 193.
  constexpr double kOutputStepDepth = 12.0;
  const double pixel_cost = (1.0 + kOutputStepDepth / static_cast<double>(p.channels * p.kernel_h * p.kernel_w)) /
                            PixelTileUse(p, tile);
  return pixel_cost < 1.0 / WideTileUse(p, layout, kernels.gemm);
}

void RunPixelTiles(const DenseConvPlan& plan, const float* x, float* y, const float* z, ThreadPool* pool) {
  const ConvParams& p = plan.p;
  const PixelTileKernel& kernel = plan.kernels->pixel_tile;
  const int64_t nf = kernel.nf;
  const int64_t plane = p.out_h * p.out_w;
  // Tasks of about equal size, tiles of about equal size within them: a
  // 1-pixel tile has too few accumulators to hide the FMA latency.
  const int64_t task_pixels = CeilDiv(plane, CeilDiv(plane, kMaxTaskPixels));
  const int64_t chunk = std::max<int64_t>(1, kChunkPanelBytes / static_cast<int64_t>(sizeof(float) * nf));
  ParallelFor2D(pool, plan.blocks_per_group, plane, 1, task_pixels, 2.0 * static_cast<double>(plan.k),
                [&](int64_t b0, int64_t b1, int64_t p0, int64_t p1) {
                  alignas(64) float sums[kMaxTaskPixels * kMaxTileFilters];
                  const int64_t count = p1 - p0;
                  const int64_t tiles = CeilDiv(count, kernel.pr);
                  for (int64_t block = b0; block < b1; ++block) {
                    const float* panel = plan.packed_w.data() + block * plan.k * nf;
                    for (int64_t t0 = 0; t0 < plan.k; t0 += chunk) {
                      PixelTileArgs a;
                      a.k = std::min(chunk, plan.k - t0);
                      a.w = panel + t0 * nf;
                      a.x = x;
                      a.offsets = plan.offsets.data() + t0;
                      a.accumulate = t0 > 0;
                      for (int64_t i = 0; i < tiles; ++i) {
                        const int64_t first = i * count / tiles;
                        a.pixels = plan.pixels.data() + p0 + first;
                        a.np = (i + 1) * count / tiles - first;
                        a.sums = sums + first * nf;
                        kernel.tile(a);
                      }
                    }
                    StoreTile(plan, block, sums, p0, count, y, z);
                  }
                });
}

}  // namespace edgebench::native
