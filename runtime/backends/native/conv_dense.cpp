#include <algorithm>

#include "runtime/backends/native/conv_plan.h"

namespace edgebench::native {
namespace {

// Rows of a group's filters padded to whole MR-row panels.
int64_t PaddedRows(int64_t rows, int64_t mr) { return (rows + mr - 1) / mr * mr; }

// The small-plane tile (kernels.h) where a panel meets at most two column
// tiles (7x7 planes: 63 wide or 49 direct columns): there X comes from L2 and
// a taller tile loads it for more FMAs, while on larger planes the main tile's
// panel serves many column tiles from L1. Not where the taller panels would
// pad the filters by more than ~2% over the main tile's (64 -> 72 rows).
const NativeKernels& TableFor(const ConvParams& p, const PhaseLayout& l, const NativeKernels& kernels) {
  const NativeKernels& small = SmallPlaneKernelsFor(kernels.isa);
  if (small.gemm.tile == kernels.gemm.tile || l.wide_outputs() > 2 * small.gemm.nr) return kernels;
  const int64_t cout_g = p.filters / p.group;
  const int64_t rows_small = PaddedRows(cout_g, small.gemm.mr);
  const int64_t rows_main = PaddedRows(cout_g, kernels.gemm.mr);
  return 50 * rows_small <= 51 * rows_main ? small : kernels;
}

}  // namespace

size_t DenseConvPlan::scratch_bytes() const {
  if (direct) return 0;
  if (nhwc) return sizeof(float) * static_cast<size_t>(nhwc_h * nhwc_w * p.channels);
  return sizeof(float) * static_cast<size_t>(layout.floats());
}

DenseConvPlan MakeDenseConvPlan(const ConvParams& p, const NativeKernels& kernels, const float* w, const float* bias,
                                DenseTile tile) {
  DenseConvPlan plan;
  plan.p = p;
  plan.direct = p.kernel_h * p.kernel_w == 1 && p.strides[0] == 1 && p.strides[1] == 1 && p.pads[0] == 0 &&
                p.pads[1] == 0 && p.pads[2] == 0 && p.pads[3] == 0;
  if (plan.direct) {
    // X itself is the layout: wq = in_w = out_w, one plane per channel.
    const int64_t no_pads[4] = {0, 0, 0, 0};
    const int64_t ones[2] = {1, 1};
    plan.layout = MakePhaseLayout(p.channels, p.in_h, p.in_w, no_pads, ones, ones, p.out_h, p.out_w);
  } else {
    plan.layout = MakePhaseLayout(p.channels, p.in_h, p.in_w, p.pads, p.strides, p.dilations, p.out_h, p.out_w);
  }
  plan.kernels = &TableFor(p, plan.layout, kernels);
  switch (tile) {
    case DenseTile::kCheapest:
      plan.pixel_tiles = PixelTilesPay(p, plan.layout, *plan.kernels);
      break;
    case DenseTile::kWide:
      break;
    case DenseTile::kPixel:
      plan.pixel_tiles = PixelTilesFit(p, *plan.kernels);
      break;
  }
  // The pixel tile's panels are the gemm's with NF filters for MR rows.
  const int64_t mr = plan.pixel_tiles ? plan.kernels->pixel_tile.nf : plan.kernels->gemm.mr;
  const int64_t cin_g = p.channels / p.group;
  const int64_t cout_g = p.filters / p.group;
  const int64_t taps = p.kernel_h * p.kernel_w;
  plan.k = cin_g * taps;
  plan.blocks_per_group = (cout_g + mr - 1) / mr;
  const int64_t blocks = p.group * plan.blocks_per_group;

  // Panels: block b of group g holds filters g * cout_g + b * MR + r at [t][r].
  plan.packed_w.assign(static_cast<size_t>(blocks * plan.k * mr), 0.0f);
  plan.packed_bias.assign(static_cast<size_t>(blocks * mr), 0.0f);
  for (int64_t g = 0; g < p.group; ++g) {
    for (int64_t b = 0; b < plan.blocks_per_group; ++b) {
      float* panel = plan.packed_w.data() + (g * plan.blocks_per_group + b) * plan.k * mr;
      for (int64_t r = 0; r < mr && b * mr + r < cout_g; ++r) {
        const int64_t m = g * cout_g + b * mr + r;
        for (int64_t t = 0; t < plan.k; ++t) panel[t * mr + r] = w[m * plan.k + t];
        if (bias) plan.packed_bias[(g * plan.blocks_per_group + b) * mr + r] = bias[m];
      }
    }
  }

  plan.offsets.resize(static_cast<size_t>(p.group * plan.k));
  for (int64_t g = 0; g < p.group; ++g) {
    for (int64_t c = 0; c < cin_g; ++c) {
      for (int64_t kh = 0; kh < p.kernel_h; ++kh) {
        for (int64_t kw = 0; kw < p.kernel_w; ++kw) {
          plan.offsets[g * plan.k + (c * p.kernel_h + kh) * p.kernel_w + kw] =
              plan.layout.TapOffset(g * cin_g + c, kh, kw);
        }
      }
    }
  }
  if (plan.pixel_tiles) {
    plan.pixels.reserve(static_cast<size_t>(p.out_h * p.out_w));
    for (int64_t oh = 0; oh < p.out_h; ++oh) {
      for (int64_t ow = 0; ow < p.out_w; ++ow) plan.pixels.push_back(oh * plan.layout.wq + ow);
    }
  }
  return plan;
}

void RunDenseConv(const DenseConvPlan& plan, const float* x, float* y, void* scratch, ThreadPool* pool,
                  const float* z) {
  const ConvParams& p = plan.p;
  const PhaseLayout& l = plan.layout;
  const GemmKernel& gemm = plan.kernels->gemm;
  const int64_t mr = gemm.mr;
  const int64_t cout_g = p.filters / p.group;
  const int64_t out_plane = p.out_h * p.out_w;
  const int64_t columns = l.wide_outputs();
  const bool wide = l.wide();
  const int64_t blocks = p.group * plan.blocks_per_group;
  auto* copy = static_cast<float*>(scratch);

  for (int64_t n = 0; n < p.batch; ++n) {
    const float* xn = x + n * p.channels * p.in_h * p.in_w;
    float* yn = y + n * p.filters * out_plane;
    const float* zn = z ? z + n * p.filters * out_plane : nullptr;
    const float* base = xn;
    if (!plan.direct) {
      ParallelFor(pool, p.channels, static_cast<double>(l.plane() * l.stride_h * l.stride_w),
                  [&](int64_t c0, int64_t c1) { FillPhases(l, xn, c0, c1, copy); });
      ZeroSlack(l, copy);
      base = copy;
    }
    if (plan.pixel_tiles) {
      RunPixelTiles(plan, base, yn, zn, pool);
      continue;
    }
    // Tiles of one MR-row block x 8 column tiles: the panel stays in L1
    // while the columns stream from L2. Wide tiles store into dense rows
    // themselves (GemmTileArgs::wq).
    ParallelFor2D(pool, blocks, columns, 1, 8 * gemm.nr, 2.0 * static_cast<double>(plan.k),
                  [&](int64_t b0, int64_t b1, int64_t c0, int64_t c1) {
                    for (int64_t blk = b0; blk < b1; ++blk) {
                      const int64_t g = blk / plan.blocks_per_group;
                      const int64_t m0 = g * cout_g + (blk % plan.blocks_per_group) * mr;
                      OutputStep out;
                      out.bias = plan.packed_bias.data() + blk * mr;
                      out.lo = p.lo;
                      out.hi = p.hi;
                      out.ld_add = out_plane;
                      GemmTileArgs a;
                      a.k = plan.k;
                      a.w = plan.packed_w.data() + blk * plan.k * mr;
                      a.offsets = plan.offsets.data() + g * plan.k;
                      a.mr = std::min(mr, g * cout_g + cout_g - m0);
                      a.ld_y = out_plane;
                      a.out = &out;
                      if (wide) {
                        a.wq = l.wq;
                        a.out_w = p.out_w;
                      }
                      for (int64_t c = c0; c < c1; c += gemm.nr) {
                        a.x = base + c;
                        a.nr = std::min<int64_t>(gemm.nr, c1 - c);
                        // Where column c lands in the dense plane (were it kept).
                        int64_t dense = c;
                        if (wide) {
                          a.first_ow = c % l.wq;
                          dense = c / l.wq * p.out_w + a.first_ow;
                        }
                        a.y = yn + m0 * out_plane + dense;
                        if (zn) out.add = zn + m0 * out_plane + dense;
                        gemm.tile(a);
                      }
                    }
                  });
  }
}

}  // namespace edgebench::native
