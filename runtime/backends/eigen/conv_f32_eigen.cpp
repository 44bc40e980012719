// Conv (1-D and 2-D, float32) as one GEMM per group and tile:
//   Y_g[filters_g x pixels] = W_g[filters_g x K] * cols_g[K x pixels],
//   K = channels_g * kernel taps.
// W as stored ([filters, channels_g, taps...], row-major) already is W_g for
// every group. When W is an initializer it is packed once, at session
// creation, into Eigen's panels per group and filter block (PackedA);
// otherwise it is read in place and Eigen packs it per product.
// A 1x1 kernel with stride 1 and no pads reads X_g itself as cols_g; any other
// geometry gathers cols_g for one tile of output pixels (im2col) into the
// thread's scratch slot. The output step writes the bias (plus FusedConv's
// residual Z) before the product accumulates into Y, and applies FusedConv's
// activation after it: Y = activation(Conv(X, W, B) + Z), as ONNX Runtime.
#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "runtime/backends/eigen/eigen_gemm.h"
#include "runtime/backends/eigen/eigen_ops.h"
#include "runtime/backends/eigen/tile_activation.h"
#include "runtime/backends/eigen/tile_runner.h"
#include "runtime/ops/nn/conv_attributes.h"

namespace edgebench::ops {
extern const OpDef kFusedConv;
}  // namespace edgebench::ops

namespace edgebench::eigen {
namespace {

// Output pixels per tile: a few hundred keeps a tile's im2col block and Y
// block in L2 while the product is still large enough for Eigen's kernel.
constexpr int64_t kTilePixels = 256;
// Filter blocks are multiples of this (the AVX-512 kernel's register block
// is 48 rows of 16 floats; 16 keeps tails short on narrower ISAs too).
constexpr int64_t kFilterQuantum = 16;
constexpr size_t kAlignment = 64;

size_t AlignBytes(size_t bytes) { return (bytes + kAlignment - 1) & ~(kAlignment - 1); }

// The geometry as 2-D (1-D is a height of 1), with the GEMM's sizes and tiling.
struct ConvPlan {
  ops::ConvAttributes attrs;
  int64_t in_h = 1, in_w = 1, out_h = 1, out_w = 1;
  int64_t kernel_h = 1, kernel_w = 1, stride_h = 1, stride_w = 1;
  int64_t dilation_h = 1, dilation_w = 1, pad_h = 0, pad_w = 0;
  int64_t channels_g = 0, filters_g = 0;
  int64_t in_plane = 0, out_plane = 0, k = 0;
  bool direct = false;  // 1x1, stride 1, no pads: X_g is cols_g
  int64_t tile_pixels = 0, pixel_tiles = 0;
  int64_t tile_filters = 0, filter_blocks = 0;
  GemmBlocking blocking;
  size_t cols_bytes = 0;  // im2col block per slot (0 when direct)
  size_t slot_bytes = 0;
  int slots = 1;
  TileActivation activation;  // FusedConv's; inactive for Conv
  std::vector<PackedA> packed_weights;  // per group; empty when W is not known at creation
};

void SetGeometry(ConvPlan* p) {
  const ops::WindowGeometry& g = p->attrs.geometry;
  const int w = g.rank - 1;  // the last spatial dim is the width
  p->in_w = g.in[w];
  p->out_w = g.out[w];
  p->kernel_w = g.kernel[w];
  p->stride_w = g.stride[w];
  p->dilation_w = g.dilation[w];
  p->pad_w = g.pad_begin[w];
  if (g.rank == 2) {
    p->in_h = g.in[0];
    p->out_h = g.out[0];
    p->kernel_h = g.kernel[0];
    p->stride_h = g.stride[0];
    p->dilation_h = g.dilation[0];
    p->pad_h = g.pad_begin[0];
  }
  p->channels_g = p->attrs.channels / p->attrs.group;
  p->filters_g = p->attrs.filters / p->attrs.group;
  p->in_plane = p->in_h * p->in_w;
  p->out_plane = p->out_h * p->out_w;
  p->k = p->channels_g * p->kernel_h * p->kernel_w;
  bool no_pads = true;
  for (int d = 0; d < g.rank; ++d) no_pads = no_pads && g.pad_begin[d] == 0 && g.pad_end[d] == 0;
  p->direct = p->kernel_h == 1 && p->kernel_w == 1 && p->stride_h == 1 && p->stride_w == 1 && no_pads;
}

// Pixel tiles, and filter blocks when there are too few pixel tiles to give
// every thread a couple of tasks (late layers: 7x7 pixels, many filters).
void SetTiling(ConvPlan* p, int threads) {
  p->tile_pixels = std::min(p->out_plane, kTilePixels);
  p->pixel_tiles = (p->out_plane + p->tile_pixels - 1) / p->tile_pixels;
  const int64_t tasks = p->attrs.batch * p->attrs.group * p->pixel_tiles;
  int64_t blocks = 1;
  if (threads > 1 && tasks < 2 * threads) blocks = (2 * threads + tasks - 1) / tasks;
  const int64_t per_block = (p->filters_g + blocks - 1) / blocks;
  p->tile_filters = std::min(p->filters_g, (per_block + kFilterQuantum - 1) / kFilterQuantum * kFilterQuantum);
  p->filter_blocks = (p->filters_g + p->tile_filters - 1) / p->tile_filters;

  p->blocking = PlanGemm(p->tile_filters, p->tile_pixels, p->k);
  p->cols_bytes = p->direct ? 0 : AlignBytes(static_cast<size_t>(p->k * p->tile_pixels) * sizeof(float));
  p->slot_bytes = p->cols_bytes + AlignBytes(GemmScratchBytes(p->blocking));
  p->slots = threads;
}

Status InferConv(InferContext& ctx, bool fused) {
  auto plan = std::make_shared<ConvPlan>();
  EB_RETURN_IF_ERROR(ops::ParseConvAttributes(ctx, &plan->attrs));
  if (plan->attrs.geometry.rank > 2) return ctx.UnsupportedError("the eigen Conv runs 1-D and 2-D convolutions");
  SetGeometry(plan.get());
  SetTiling(plan.get(), std::max(1, ctx.num_threads()));
  ctx.set_output(0, DType::kFloat32, ops::ConvOutputShape(plan->attrs));
  if (const Tensor* w = ctx.input_value(1)) {
    for (int64_t g = 0; g < plan->attrs.group; ++g) {
      plan->packed_weights.push_back(PackedA::Pack(plan->blocking, w->data<float>() + g * plan->filters_g * plan->k,
                                                   plan->k, plan->filters_g, plan->k, plan->tile_filters));
    }
  }
  if (fused) {
    if (ctx.has_input(3) && ctx.input_shape(3) != ctx.outputs()[0].shape) {
      return ctx.Error("input Z must have the output's shape (no broadcast)");
    }
    const int64_t tail = plan->out_plane - (plan->pixel_tiles - 1) * plan->tile_pixels;
    EB_RETURN_IF_ERROR(plan->activation.Prepare(ctx, ActivationAttributes::kFusedConv, plan->slots,
                                                plan->tile_pixels, tail));
  }
  // The arena's offsets are 64-byte aligned; the slack covers a scratch base that is not.
  ctx.set_scratch_bytes(plan->slot_bytes * plan->slots + kAlignment);
  ctx.set_state(std::move(plan));
  return Status::Ok();
}

Status Infer(InferContext& ctx) { return InferConv(ctx, /*fused=*/false); }
Status InferFused(InferContext& ctx) { return InferConv(ctx, /*fused=*/true); }

// cols[(c, kh, kw), i] = X_g[c, oh * s_h + kh * d_h - p_h, ow * s_w + kw * d_w - p_w]
// for the tile's pixels i (flattened oh, ow from pixel p0 on), 0 in the pads.
void Im2Col(const ConvPlan& p, const float* x_g, int64_t p0, int64_t p1, float* cols) {
  const int64_t ld = p1 - p0;
  float* row = cols;
  for (int64_t c = 0; c < p.channels_g; ++c) {
    const float* x_c = x_g + c * p.in_plane;
    for (int64_t kh = 0; kh < p.kernel_h; ++kh) {
      for (int64_t kw = 0; kw < p.kernel_w; ++kw, row += ld) {
        const int64_t offset_w = kw * p.dilation_w - p.pad_w;
        int64_t lo = 0, hi = 0;
        ops::ValidRange(offset_w, p.stride_w, p.in_w, p.out_w, &lo, &hi);
        // One output row (fixed oh) at a time, clipped to the tile.
        for (int64_t pixel = p0; pixel < p1;) {
          const int64_t oh = pixel / p.out_w;
          const int64_t ow_begin = pixel - oh * p.out_w;
          const int64_t ow_end = std::min(p.out_w, ow_begin + (p1 - pixel));
          float* out = row + (pixel - p0);  // out[ow - ow_begin]
          const int64_t ih = oh * p.stride_h + kh * p.dilation_h - p.pad_h;
          if (ih < 0 || ih >= p.in_h || lo >= hi) {
            std::fill(out, out + (ow_end - ow_begin), 0.0f);
          } else {
            const float* x_row = x_c + ih * p.in_w;
            const int64_t a = std::clamp(lo, ow_begin, ow_end);
            const int64_t b = std::clamp(hi, a, ow_end);
            std::fill(out, out + (a - ow_begin), 0.0f);
            if (p.stride_w == 1) {
              std::memcpy(out + (a - ow_begin), x_row + a + offset_w, static_cast<size_t>(b - a) * sizeof(float));
            } else {
              for (int64_t ow = a; ow < b; ++ow) out[ow - ow_begin] = x_row[ow * p.stride_w + offset_w];
            }
            std::fill(out + (b - ow_begin), out + (ow_end - ow_begin), 0.0f);
          }
          pixel += ow_end - ow_begin;
        }
      }
    }
  }
}

float* AlignedScratch(void* scratch) {
  const auto address = reinterpret_cast<uintptr_t>(scratch);
  return reinterpret_cast<float*>((address + kAlignment - 1) & ~uintptr_t{kAlignment - 1});
}

struct ConvData {
  const float* x;
  const float* w;
  const float* b;  // null without a bias
  const float* z;  // FusedConv's residual (Y's shape), or null
  float* y;
};

// Tile t: filters [f0, f1) of one group by output pixels [p0, p1) of one image.
Status RunTile(const ConvPlan& p, const ConvData& d, int64_t t, int slot, void* slot_scratch) {
  const int64_t fb = t % p.filter_blocks;
  const int64_t pt = (t / p.filter_blocks) % p.pixel_tiles;
  const int64_t ng = t / (p.filter_blocks * p.pixel_tiles);  // n * group + g
  const int64_t n = ng / p.attrs.group;
  const int64_t g = ng % p.attrs.group;
  const int64_t f0 = fb * p.tile_filters;
  const int64_t f1 = std::min(p.filters_g, f0 + p.tile_filters);
  const int64_t p0 = pt * p.tile_pixels;
  const int64_t p1 = std::min(p.out_plane, p0 + p.tile_pixels);

  const int64_t y_offset = (n * p.attrs.filters + g * p.filters_g + f0) * p.out_plane + p0;
  float* y_tile = d.y + y_offset;
  for (int64_t f = f0; f < f1; ++f) {
    float* y_row = y_tile + (f - f0) * p.out_plane;
    const float b = d.b ? d.b[g * p.filters_g + f] : 0.0f;
    if (d.z) {
      const float* z_row = d.z + y_offset + (f - f0) * p.out_plane;
      for (int64_t i = 0; i < p1 - p0; ++i) y_row[i] = z_row[i] + b;
    } else {
      std::fill(y_row, y_row + (p1 - p0), b);
    }
  }

  const float* x_g = d.x + (n * p.attrs.channels + g * p.channels_g) * p.in_plane;
  GemmOperand cols{x_g + p0, p.in_plane, false};
  if (!p.direct) {
    auto* cols_data = static_cast<float*>(slot_scratch);
    Im2Col(p, x_g, p0, p1, cols_data);
    cols = {cols_data, p1 - p0, false};
  }
  void* pack_scratch = static_cast<unsigned char*>(slot_scratch) + p.cols_bytes;
  if (!p.packed_weights.empty()) {
    GemmAccumulatePacked(p.packed_weights[static_cast<size_t>(g)], fb, p1 - p0, 1.0f, cols, y_tile, p.out_plane,
                         pack_scratch);
  } else {
    const GemmOperand weights{d.w + (g * p.filters_g + f0) * p.k, p.k, false};
    GemmAccumulate(p.blocking, f1 - f0, p1 - p0, p.k, 1.0f, weights, cols, y_tile, p.out_plane, pack_scratch);
  }
  if (!p.activation.active()) return Status::Ok();
  for (int64_t f = f0; f < f1; ++f) {
    EB_RETURN_IF_ERROR(p.activation.Apply(slot, y_tile + (f - f0) * p.out_plane, p1 - p0));
  }
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const ConvPlan& p = ctx.get_state<ConvPlan>();
  const Tensor* bias = ctx.input(2);
  const Tensor* z = ctx.input(3);
  const ConvData d{ctx.inputs[0]->data<float>(), ctx.inputs[1]->data<float>(),
                   bias ? bias->data<float>() : nullptr, z ? z->data<float>() : nullptr,
                   ctx.outputs[0]->data<float>()};
  const int64_t tiles = p.attrs.batch * p.attrs.group * p.pixel_tiles * p.filter_blocks;
  const double flops = 2.0 * static_cast<double>(p.attrs.batch * p.attrs.filters * p.out_plane * p.k);
  return RunTiles(ctx.pool, p.slots, p.slot_bytes, AlignedScratch(ctx.scratch), tiles, flops,
                  [&](int64_t t, int slot, void* slot_scratch) { return RunTile(p, d, t, slot, slot_scratch); });
}

// The same work as the ref Conv, counted the same way.
OpCost Cost(const CostContext& ctx) { return ops::ConvCost(ctx, ctx.outputs[0]->num_elements()); }
OpCost FusedCost(const CostContext& ctx) { return ops::kFusedConv.cost(ctx); }

}  // namespace

const OpDef kConvF32Eigen = {"Conv", Infer, Run, Cost, false};
const OpDef kFusedConvF32Eigen = {"FusedConv", InferFused, Run, FusedCost, false, false, "com.microsoft"};

}  // namespace edgebench::eigen
