// Conv (opsets 1, 11): Y[n, m] = B[m] + sum over the input channels c of
// group g(m) and kernel taps k of W[m, c, k] * X[n, c, o * stride + k * dilation - pad_begin],
// for 1 to kMaxRank - 2 spatial dims.
#include <memory>

#include "runtime/ops/nn/conv_attributes.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {
namespace {

Status Infer(InferContext& ctx) {
  auto state = std::make_shared<ConvAttributes>();
  EB_RETURN_IF_ERROR(ParseConvAttributes(ctx, state.get()));
  ctx.set_output(0, DType::kFloat32, ConvOutputShape(*state));
  ctx.set_state(state);
  return Status::Ok();
}

// Adds w * x over one output row of the innermost spatial dim:
// out[o] += w * in[o * stride + offset] for o in [lo, hi), where every index
// is in bounds. The unit-stride case is split out so that the compiler vectorizes it.
void AccumulateRow(float* out, const float* in, int64_t offset, int64_t stride, int64_t lo, int64_t hi, float w) {
  if (stride == 1) {
    for (int64_t o = lo; o < hi; ++o) out[o] += w * in[o + offset];
  } else {
    for (int64_t o = lo; o < hi; ++o) out[o] += w * in[o * stride + offset];
  }
}

Status Run(const KernelContext& ctx) {
  const ConvAttributes& state = ctx.get_state<ConvAttributes>();
  const WindowGeometry& g = state.geometry;
  const Tensor& x = *ctx.inputs[0];
  const Tensor& w = *ctx.inputs[1];
  const Tensor* bias = ctx.input(2);
  Tensor& y = *ctx.outputs[0];

  const int r = g.rank;
  const int last = r - 1;
  const int64_t batch = x.dim(0);
  const int64_t channels = x.dim(1);
  const int64_t filters = w.dim(0);
  const int64_t channels_per_group = channels / state.group;
  const int64_t filters_per_group = filters / state.group;
  const int64_t in_plane = Product(g.in, r);
  const int64_t out_plane = Product(g.out, r);
  const int64_t out_row = g.out[last];
  const int64_t kernel_size = Product(g.kernel, r);

  const float* x_data = x.data<float>();
  const float* w_data = w.data<float>();
  const float* b_data = bias ? bias->data<float>() : nullptr;
  float* y_data = y.data<float>();

  // Loop order: one output plane at a time (it stays in cache); per kernel
  // tap and output row, the bounds are worked out once and then reused by
  // every input channel of the group; the innermost loop runs along
  // contiguous memory of the last spatial dim.
  const int64_t rows = out_plane / out_row;
  for (int64_t n = 0; n < batch; ++n) {
    for (int64_t m = 0; m < filters; ++m) {
      float* y_plane = y_data + (n * filters + m) * out_plane;
      const float init = b_data ? b_data[m] : 0.0f;
      for (int64_t i = 0; i < out_plane; ++i) y_plane[i] = init;

      const int64_t first_channel = (m / filters_per_group) * channels_per_group;
      const float* x_group = x_data + (n * channels + first_channel) * in_plane;
      const float* w_filter = w_data + m * channels_per_group * kernel_size;  // W[m, cg, tap]

      int64_t k[kMaxRank] = {};
      for (int64_t tap = 0; tap < kernel_size; ++tap, NextIndex(k, g.kernel, r)) {
        const int64_t offset_last = k[last] * g.dilation[last] - g.pad_begin[last];
        int64_t lo = 0;
        int64_t hi = 0;
        ValidRange(offset_last, g.stride[last], g.in[last], out_row, &lo, &hi);
        if (lo >= hi) continue;

        // Every output row (all spatial dims but the last).
        int64_t o[kMaxRank] = {};
        for (int64_t row = 0; row < rows; ++row, NextIndex(o, g.out, last)) {
          int64_t in_row = 0;
          if (!TapRow(g, o, k, g.in, &in_row)) continue;
          float* y_row = y_plane + row * out_row;
          const float* x_row = x_group + in_row * g.in[last];
          for (int64_t cg = 0; cg < channels_per_group; ++cg) {
            AccumulateRow(y_row, x_row + cg * in_plane, offset_last, g.stride[last], lo, hi,
                          w_filter[cg * kernel_size + tap]);
          }
        }
      }
    }
  }
  return Status::Ok();
}

// MACs = N * M * prod(out_spatial) * (C / group) * prod(kernel); FLOPs = 2 * MACs (+ N * M * prod(out) with bias).
OpCost Cost(const CostContext& ctx) { return ConvCost(ctx, ctx.outputs[0]->num_elements()); }

}  // namespace

extern const OpDef kConv = {"Conv", Infer, Run, Cost, false};

}  // namespace edgebench::ops
