// QLinearConv on the INT8 pixel tile (int8_kernels.h, Int8PixelTileArgs), an
// indirect GEMM. X is copied once into a padded NHWC copy: the same bytes as
// X (an im2col has kernel_h x kernel_w times as many), channels innermost,
// so that one output pixel's taps along a kernel row are one contiguous run
// of kernel_w x channels bytes. Each tile takes a few output pixels and a
// panel of NF filters and reads those runs in place; a plane the gemm
// tile's NR columns do not divide wastes no work, and each panel step is a
// few whole-register loads.
#include <algorithm>
#include <cstring>

#include "runtime/backends/native/byte_transpose.h"
#include "runtime/backends/native/int8_conv_plan.h"
#include "runtime/ops/nn/window.h"

namespace edgebench::native {
namespace {

using ops::CeilDiv;

// Output pixels per task: a task's bytes stay in one stack buffer before
// they are transposed into the NCHW planes.
constexpr int64_t kMaxTaskPixels = 48;
constexpr int64_t kMaxTileFilters = 64;
// Readable bytes past the copy's end: a run's last group of 4 may read up
// to 3 bytes past the run.
constexpr int64_t kCopySlack = 64;

inline size_t Align64(size_t bytes) { return (bytes + 63) / 64 * 64; }

// Runs are whole kernel rows when a pixel's taps along a row are adjacent
// in the copy: one group, no horizontal dilation. Otherwise (grouped or
// dilated) each tap's channels of the group are a run.
bool RowRuns(const Int8ConvParams& p) { return p.group == 1 && p.dilations[1] == 1; }

// Padded rows [r0, r1) of image x into the NHWC copy: each row of X's
// planes transposed (channels x width into width x channels), pads = x's
// zero point.
void FillNhwcCopy(const Int8ConvPlan& plan, const uint8_t* x, int64_t r0, int64_t r1, uint8_t* copy) {
  const Int8ConvParams& p = plan.p;
  const uint8_t flip = p.x_signed ? 0x80 : 0x00;  // int8 + 128 as a byte is the sign bit flipped
  const uint8_t pad = plan.x_zp_unsigned;
  const int64_t c = p.channels, row_bytes = plan.padded_w * c;
  const int64_t top = p.pads[0], left = p.pads[1];
  for (int64_t r = r0; r < r1; ++r) {
    uint8_t* dst = copy + r * row_bytes;
    const int64_t h = r - top;
    if (h < 0 || h >= p.in_h) {
      std::memset(dst, pad, static_cast<size_t>(row_bytes));
      continue;
    }
    std::memset(dst, pad, static_cast<size_t>(left * c));
    TransposeBytes(x + h * p.in_w, p.in_h * p.in_w, c, p.in_w, dst + left * c, c, flip);
    const int64_t right_start = (left + p.in_w) * c;
    std::memset(dst + right_start, pad, static_cast<size_t>(row_bytes - right_start));
  }
}

// The first byte for group g in the copy of output pixels [p0, p0 + count),
// walked along the rows (one division per call, not per pixel).
void PixelBases(const Int8ConvPlan& plan, const uint8_t* copy, int64_t g, int64_t p0, int64_t count,
                const uint8_t** bases) {
  const Int8ConvParams& p = plan.p;
  const int64_t pixel_step = p.strides[1] * p.channels, row_step = p.strides[0] * plan.padded_w * p.channels;
  int64_t oh = p0 / p.out_w, ow = p0 % p.out_w;
  const uint8_t* row = copy + oh * row_step + g * (p.channels / p.group);
  for (int64_t j = 0; j < count; ++j) {
    bases[j] = row + ow * pixel_step;
    if (++ow == p.out_w) {
      ow = 0;
      row += row_step;
    }
  }
}

// Sum of x over the depth for output pixels [j0, j1) of group g (the
// column sums per-filter weight zero points need); only the runs' real bytes.
void SumPixels(const Int8ConvPlan& plan, const uint8_t* copy, int64_t g, int64_t j0, int64_t j1, int32_t* sums) {
  constexpr int64_t kChunk = 64;
  const uint8_t* bases[kChunk];
  for (int64_t j = j0; j < j1; ++j) {
    if ((j - j0) % kChunk == 0) PixelBases(plan, copy, g, j, std::min(kChunk, j1 - j), bases);
    const uint8_t* base = bases[(j - j0) % kChunk];
    uint32_t sum = 0;
    for (int64_t offset : plan.run_offsets) {
      for (int64_t b = 0; b < plan.run_bytes; ++b) sum += base[offset + b];
    }
    sums[j] = static_cast<int32_t>(sum);
  }
}

}  // namespace

bool Int8PixelTilesFit(const Int8Kernels& kernels) {
  auto fits = [](const Int8PixelTileKernel& tile) { return tile.nf <= kMaxTileFilters && tile.pr <= kMaxTaskPixels; };
  return kernels.pixel_tile.tile && fits(kernels.pixel_tile) &&
         (!kernels.narrow_pixel_tile.tile || fits(kernels.narrow_pixel_tile));
}

const Int8PixelTileKernel& Int8PixelTileFor(const Int8ConvParams& p, const Int8Kernels& kernels) {
  const Int8PixelTileKernel& narrow = kernels.narrow_pixel_tile;
  return narrow.tile && p.filters / p.group <= narrow.nf ? narrow : kernels.pixel_tile;
}

bool Int8PixelTilesPay(const Int8ConvParams& p, const Int8Kernels& kernels) {
  if (!Int8PixelTilesFit(kernels)) return false;
  // k x k: the gemm tile would need an im2col, K x pixels bytes written and
  // read again, where the pixel tile reads X's NHWC copy in place.
  if (p.kernel_h * p.kernel_w > 1) return true;
  const Int8PixelTileKernel& tile = Int8PixelTileFor(p, kernels);
  const Int8GemmKernel& gemm = kernels.gemm;
  const int64_t plane = p.out_h * p.out_w;
  const int64_t filters = p.filters / p.group;
  const int64_t depth = p.channels / p.group;
  const double gemm_use = static_cast<double>(plane) / static_cast<double>(CeilDiv(plane, gemm.nr) * gemm.nr) *
                          static_cast<double>(filters) / static_cast<double>(CeilDiv(filters, gemm.mr) * gemm.mr);
  const double pixel_use = static_cast<double>(filters) / static_cast<double>(CeilDiv(filters, tile.nf) * tile.nf);
  // A 1x1 packs X for either tile (NHWC or interleaved, the same bytes).
  // Relative cost per output: the share of each tile's work that is wasted,
  // and for the pixel tile its output step (each pixel's NF bytes transposed
  // into NF planes), worth about kOutputStepDepth depth values. Fitted to
  // this machine's kernel_bench runs (AVX-512 VNNI, 1 thread, us, gemm vs
  // pixel): 1x1 320->1280@7 88 vs 72, 1x1 24->144@56 54 vs 225, 1x1 s2
  // 64->128@28 30 vs 63. Those runs predate the NHWC copy (the pixel tile
  // then read the interleaved columns, and scattered its output byte by
  // byte) and were not refitted; 320->1280@7 on the current code: 61 us.
  constexpr double kOutputStepDepth = 150.0;
  const double pixel_cost = (1.0 + kOutputStepDepth / static_cast<double>(depth)) / pixel_use;
  return pixel_cost < 1.0 / gemm_use;
}

void LayOutInt8PixelTileRuns(Int8ConvPlan& plan) {
  const Int8ConvParams& p = plan.p;
  const int64_t cin_g = p.channels / p.group;
  const int64_t row_bytes = plan.padded_w * p.channels;
  plan.run_offsets.clear();
  for (int64_t kh = 0; kh < p.kernel_h; ++kh) {
    const int64_t row_offset = kh * p.dilations[0] * row_bytes;
    if (RowRuns(p)) {
      plan.run_offsets.push_back(row_offset);
      continue;
    }
    for (int64_t kw = 0; kw < p.kernel_w; ++kw) {
      plan.run_offsets.push_back(row_offset + kw * p.dilations[1] * p.channels);
    }
  }
  plan.run_bytes = RowRuns(p) ? p.kernel_w * cin_g : cin_g;
  plan.run_k4 = CeilDiv(plan.run_bytes, 4);
  plan.k4 = static_cast<int64_t>(plan.run_offsets.size()) * plan.run_k4;
}

int64_t Int8PixelTileDepthSlot(const Int8ConvPlan& plan, int64_t k) {
  const Int8ConvParams& p = plan.p;
  const int64_t taps = p.kernel_h * p.kernel_w;
  const int64_t c = k / taps, kh = (k % taps) / p.kernel_w, kw = k % p.kernel_w;
  const int64_t run_slots = 4 * plan.run_k4;
  if (RowRuns(p)) return kh * run_slots + kw * (p.channels / p.group) + c;
  return (kh * p.kernel_w + kw) * run_slots + c;
}

void AddInt8PixelTileScratch(Int8ConvPlan& plan) {
  const Int8ConvParams& p = plan.p;
  size_t bytes = plan.scratch_total;
  plan.scratch_copy = bytes;
  bytes += Align64(static_cast<size_t>(plan.padded_h * plan.padded_w * p.channels + kCopySlack));
  plan.scratch_sums = bytes;
  if (plan.w_zero_points) bytes += Align64(static_cast<size_t>(p.out_h * p.out_w) * sizeof(int32_t));
  plan.scratch_total = bytes;
}

void RunInt8PixelTiles(const Int8ConvPlan& plan, const uint8_t* x, uint8_t* y, uint8_t* scratch, ThreadPool* pool) {
  const Int8ConvParams& p = plan.p;
  const Int8PixelTileKernel& kernel = plan.pixel_tile;
  const int64_t nf = kernel.nf;
  const int64_t plane = p.out_h * p.out_w;
  const int64_t cout_g = p.filters / p.group;
  uint8_t* copy = scratch + plan.scratch_copy;
  auto* sums = reinterpret_cast<int32_t*>(scratch + plan.scratch_sums);
  const int64_t row_bytes = plan.padded_w * p.channels;
  ParallelFor(pool, plan.padded_h, static_cast<double>(row_bytes),
              [&](int64_t r0, int64_t r1) { FillNhwcCopy(plan, x, r0, r1, copy); });
  // The slack a run's last group may read: defined, and met by zero weights.
  std::memset(copy + plan.padded_h * row_bytes, 0, kCopySlack);

  // Tasks of about equal size, tiles of about equal size within them: a
  // 1-pixel tile has too few accumulators to hide the vpdpbusd latency.
  const int64_t task_pixels = CeilDiv(plane, CeilDiv(plane, kMaxTaskPixels));
  for (int64_t g = 0; g < p.group; ++g) {
    if (plan.w_zero_points) {
      ParallelFor(pool, plane, static_cast<double>(plan.k),
                  [&](int64_t j0, int64_t j1) { SumPixels(plan, copy, g, j0, j1, sums); });
    }
    ParallelFor2D(pool, plan.blocks_per_group, plane, 1, task_pixels, 2.0 * static_cast<double>(plan.k),
                  [&](int64_t b0, int64_t b1, int64_t p0, int64_t p1) {
                    alignas(64) uint8_t bytes[kMaxTaskPixels * kMaxTileFilters];
                    const uint8_t* pixels[kMaxTaskPixels];
                    const int64_t count = p1 - p0;
                    PixelBases(plan, copy, g, p0, count, pixels);
                    const int64_t tiles = CeilDiv(count, kernel.pr);
                    for (int64_t b = b0; b < b1; ++b) {
                      const int64_t blk = g * plan.blocks_per_group + b;
                      Int8OutputStep out = plan.step_template;
                      out.row_offset = plan.row_offset.data() + blk * nf;
                      out.row_w_zp = plan.w_zero_points ? plan.row_w_zp.data() + blk * nf : nullptr;
                      out.multiplier = plan.multiplier.data() + blk * nf;
                      Int8PixelTileArgs a;
                      a.offsets = plan.run_offsets.data();
                      a.segments = static_cast<int64_t>(plan.run_offsets.size());
                      a.segment_k4 = plan.run_k4;
                      a.w = plan.packed_w.data() + blk * plan.k4 * nf * 4;
                      a.ld_y = nf;
                      a.out = &out;
                      for (int64_t i = 0; i < tiles; ++i) {
                        const int64_t first = i * count / tiles;
                        a.np = (i + 1) * count / tiles - first;
                        a.pixels = pixels + first;
                        a.y = bytes + first * nf;
                        out.col_sums = sums + p0 + first;
                        kernel.tile(a);
                      }
                      // The NCHW output: each filter's pixels are one run.
                      const int64_t m0 = b * nf;
                      TransposeBytes(bytes, nf, count, std::min(nf, cout_g - m0), y + (g * cout_g + m0) * plane + p0,
                                     plane);
                    }
                  });
  }
}

}  // namespace edgebench::native
