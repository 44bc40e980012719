// The native Conv (2-D, float32) as plans built once at infer: weights packed
// into the microkernel's panels, tap offsets into the phase copy
// (conv_layout.h), scratch sizes. Run only reads the plan.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/backends/native/conv_layout.h"
#include "runtime/backends/native/kernels.h"
#include "runtime/core/thread_pool.h"
#include "runtime/ops/nn/conv_attributes.h"

namespace edgebench::native {

// Shapes and attributes of one 2-D Conv, and the clamp of its output step.
struct ConvParams {
  int64_t batch = 0, channels = 0, in_h = 0, in_w = 0;
  int64_t filters = 0, group = 1, kernel_h = 0, kernel_w = 0;
  int64_t out_h = 0, out_w = 0;
  int64_t pads[4] = {};  // top, left, bottom, right
  int64_t strides[2] = {1, 1};
  int64_t dilations[2] = {1, 1};
  float lo = 0.0f, hi = 0.0f;  // activation clamp (+-infinity: none)
};

// Dense and grouped Conv as implicit GEMM: per group, the filters are the
// GEMM rows (MR-row panels of K = channels/group * kh * kw) and the output
// pixels its columns.
struct DenseConvPlan {
  ConvParams p;
  // The table whose gemm the panels are packed for: the caller's, or its
  // SmallPlaneKernelsFor table on small output planes (conv_dense.cpp).
  const NativeKernels* kernels = nullptr;
  int64_t k = 0;                // GEMM depth per group
  int64_t blocks_per_group = 0;
  std::vector<float> packed_w;     // [group][block][k][MR]
  std::vector<float> packed_bias;  // [group][block][MR]
  std::vector<int64_t> offsets;    // [group][k], into the phase copy (or X itself when direct)
  bool direct = false;             // 1x1, stride 1, no pads: the GEMM reads X, no copy
  // The kernels' pixel tile instead of the gemm (panels of pixel_tile.nf
  // filters), where the wide rows would waste more (conv_dense.cpp).
  bool pixel_tiles = false;
  std::vector<int64_t> pixels;     // [out_h * out_w]: pixel (oh, ow)'s index in the layout
  // X, Z and Y in NHWC (conv_nhwc.cpp): pixel tiles only, taps ordered
  // (kh, kw, channel), the phase layout unused; X is read in place without
  // pads (`direct`), else from its zero-padded copy of nhwc_h x nhwc_w pixels.
  bool nhwc = false;
  int64_t nhwc_h = 0, nhwc_w = 0;
  PhaseLayout layout;
  size_t scratch_bytes() const;
};

// How a depthwise plan runs (conv_depthwise.cpp): the phase copy takes any
// shape; the others read X in place with a 3x3 kernel of their own.
enum class DepthwisePath { kPhase, kDirect3x3S1, kDirect3x3S2, kFlat3x3S1 };

// Depthwise Conv (group == channels == filters): one channel at a time into a
// per-thread phase copy, vectorized over its output pixels, or straight from
// X (DepthwisePath).
struct DepthwisePlan {
  ConvParams p;
  const NativeKernels* kernels = nullptr;
  int64_t taps = 0;
  std::vector<float> w;     // [channel][taps]
  std::vector<float> bias;  // [channel]
  std::vector<int64_t> offsets;  // [taps], into one channel's phase copy
  PhaseLayout layout;            // of one channel
  int slots = 1;                 // per-thread scratch areas
  DepthwisePath path = DepthwisePath::kPhase;
  int64_t slot_floats() const { return layout.floats() + layout.wide_outputs(); }
  size_t scratch_bytes() const {
    return path != DepthwisePath::kPhase ? 0 : sizeof(float) * static_cast<size_t>(slot_floats()) * slots;
  }
};

// Which tile a dense plan runs: the cheaper one (PixelTilesPay), or the
// wide gemm tile always (float16 runs its panels through its own gemm), or the
// pixel tile wherever the table has one (tests).
enum class DenseTile { kCheapest, kWide, kPixel };

// `w` is Conv's W (filters x channels/group x kh x kw), `bias` null or [filters].
DenseConvPlan MakeDenseConvPlan(const ConvParams& p, const NativeKernels& kernels, const float* w, const float* bias,
                                DenseTile tile = DenseTile::kCheapest);
DepthwisePlan MakeDepthwisePlan(const ConvParams& p, const NativeKernels& kernels, const float* w, const float* bias,
                                int threads);

// `z` (null or Y's shape) is FusedConv's residual, added before the clamp.
void RunDenseConv(const DenseConvPlan& plan, const float* x, float* y, void* scratch, ThreadPool* pool,
                  const float* z = nullptr);
void RunDepthwise(const DepthwisePlan& plan, const float* x, float* y, void* scratch, ThreadPool* pool);

// conv_dense_pixel_tiles.cpp: whether the table's pixel tile can run a dense
// Conv, whether it runs one on `layout` faster than the gemm does, and that
// run over one image (`x` its layout: X itself or the phase copy; `z` null or
// its residual).
bool PixelTilesFit(const ConvParams& p, const NativeKernels& kernels);
bool PixelTilesPay(const ConvParams& p, const PhaseLayout& layout, const NativeKernels& kernels);
void RunPixelTiles(const DenseConvPlan& plan, const float* x, float* y, const float* z, ThreadPool* pool);

// conv_nhwc.cpp: a dense Conv (group 1) on NHWC X, Z and Y, on the table's
// pixel tile (call only where PixelTilesFit); `w` in Conv's own layout.
DenseConvPlan MakeNhwcConvPlan(const ConvParams& p, const NativeKernels& kernels, const float* w, const float* bias);
void RunNhwcConv(const DenseConvPlan& plan, const float* x, float* y, void* scratch, ThreadPool* pool,
                 const float* z = nullptr);

// The geometry of a 2-D Conv as the native kernels take it, with no
// activation clamp (+-infinity); shared by the float32 and float16 ops.
ConvParams ConvParamsFrom(const ops::ConvAttributes& attributes);

}  // namespace edgebench::native
