// AveragePool (opsets 1, 7, 10, 11): the mean of each window. Padding
// counts in the divisor only with count_include_pad (opset 7 on), and then
// only up to the end pad: with ceil_mode a window may reach past it, and those
// positions never count (as in PyTorch and ONNX Runtime).
#include <memory>
#include <string>
#include <vector>

#include "runtime/ops/nn/window.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {
namespace {

struct AveragePoolState {
  WindowGeometry geometry;
  bool count_include_pad = false;
};

Status Infer(InferContext& ctx) {
  auto state = std::make_shared<AveragePoolState>();
  Shape y;
  EB_RETURN_IF_ERROR(InferPoolWindow(ctx, &state->geometry, &y));
  if (ctx.input_dtype(0) != DType::kFloat32) {
    return ctx.UnsupportedError(std::string("X has type ") + DTypeName(ctx.input_dtype(0)) +
                                "; only float32 is implemented");
  }
  const int64_t count_include_pad = ctx.attributes().GetInt("count_include_pad", 0);
  if (count_include_pad != 0 && count_include_pad != 1) return ctx.Error("count_include_pad must be 0 or 1");
  state->count_include_pad = count_include_pad == 1;
  ctx.set_output(0, DType::kFloat32, y);
  ctx.set_state(state);
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  const AveragePoolState& state = ctx.get_state<AveragePoolState>();
  const WindowGeometry& g = state.geometry;
  const Tensor& x = *ctx.inputs[0];
  Tensor& y = *ctx.outputs[0];
  const int r = g.rank;
  const int64_t planes = x.dim(0) * x.dim(1);
  const int64_t in_plane = Product(g.in, r);
  const int64_t out_plane = Product(g.out, r);
  const float* x_data = x.data<float>();
  float* y_data = y.data<float>();

  for (int64_t p = 0; p < planes; ++p) {
    const float* x_plane = x_data + p * in_plane;
    int64_t o[kMaxRank] = {};
    for (int64_t out_pos = 0; out_pos < out_plane; ++out_pos, NextIndex(o, g.out, r)) {
      // Taps inside X or its pads are [padded_lo, padded_hi) per dim.
      WindowTaps taps;
      const int64_t inside_count = ClipWindow(g, o, &taps);
      int64_t padded_count = 1;
      for (int d = 0; d < r; ++d) {
        int64_t padded_lo = 0;
        int64_t padded_hi = 0;
        ValidRange(taps.start[d] + g.pad_begin[d], g.dilation[d], g.in[d] + g.pad_begin[d] + g.pad_end[d],
                   g.kernel[d], &padded_lo, &padded_hi);
        padded_count *= padded_hi - padded_lo;
      }

      double sum = 0.0;
      if (inside_count > 0) {
        int64_t k[kMaxRank];
        for (int d = 0; d < r; ++d) k[d] = taps.lo[d];
        do {
          sum += x_plane[TapOffset(g, taps, k)];
        } while (NextIndexInBox(k, taps.lo, taps.hi, r));
      }
      // A window entirely in padding (possible with dilation) averages to 0.
      const int64_t divisor = state.count_include_pad ? padded_count : inside_count;
      y_data[p * out_plane + out_pos] = divisor > 0 ? static_cast<float>(sum / static_cast<double>(divisor)) : 0.0f;
    }
  }
  return Status::Ok();
}

}  // namespace

// Cost: one add per tap; the divide is folded in.
extern const OpDef kAveragePool = {"AveragePool", Infer, Run, PoolCost, false};

}  // namespace edgebench::ops
