// ConvTranspose (opsets 1, 11): the gradient of Conv with respect to its
// input. Each input element X[n, c, i] scatters X * W[c, m, k] to
// Y[n, m, i * stride + k * dilation - pad_begin] for the filters m of c's group.
// W has shape (C, M / group, k...); Y has M channels.
#include <memory>
#include <string>
#include <vector>

#include "runtime/ops/nn/window.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {
namespace {

struct ConvTransposeState {
  WindowGeometry geometry;  // `in` holds X's spatial sizes, `out` Y's
  int64_t group = 1;
};

// Output sizes and pads (ONNX Operators.md, ConvTranspose):
//   out = stride * (in - 1) + output_padding + dilated_kernel - pad_begin - pad_end,
// or, given output_shape (or SAME_*, where output_shape = in * stride), the
// total pad that yields it, split with the odd one at the end for SAME_UPPER
// and at the beginning otherwise.
Status ComputeTransposedWindow(const InferContext& ctx, const int64_t* in_spatial, WindowGeometry* geometry) {
  WindowGeometry& g = *geometry;
  const int r = g.rank;
  int64_t output_padding[kMaxRank] = {};
  const std::vector<int64_t> output_padding_attr = ctx.attributes().GetInts("output_padding");
  if (!output_padding_attr.empty()) {
    if (static_cast<int>(output_padding_attr.size()) != r) {
      return ctx.Error("output_padding has " + std::to_string(output_padding_attr.size()) + " values, expected " +
                       std::to_string(r));
    }
    for (int d = 0; d < r; ++d) {
      output_padding[d] = output_padding_attr[d];
      if (output_padding[d] < 0 || (output_padding[d] >= g.stride[d] && output_padding[d] >= g.dilation[d])) {
        return ctx.Error("output_padding " + ShapeToString(output_padding_attr) +
                         " must be non-negative and below the stride or the dilation");
      }
    }
  }

  // output_shape lists the spatial dims; some exporters write all of Y's dims.
  const std::vector<int64_t> output_shape = ctx.attributes().GetInts("output_shape");
  const int output_shape_size = static_cast<int>(output_shape.size());
  if (!output_shape.empty() && output_shape_size != r && output_shape_size != r + 2) {
    return ctx.Error("output_shape " + ShapeToString(output_shape) + " must have " + std::to_string(r) + " values");
  }
  const int64_t* requested = output_shape.empty() ? nullptr : output_shape.data() + (output_shape_size - r);

  for (int d = 0; d < r; ++d) {
    const int64_t in = in_spatial[d];
    g.in[d] = in;
    const int64_t full = g.stride[d] * (in - 1) + output_padding[d] + g.DilatedKernel(d);
    const bool same = g.auto_pad == AutoPad::kSameUpper || g.auto_pad == AutoPad::kSameLower;
    if (requested || same) {
      const int64_t out = requested ? requested[d] : in * g.stride[d];
      const int64_t total = full - out;
      const int64_t half = total / 2;
      // An output larger than the full one (negative total pad) is extended
      // at the end, as ONNX's test data and ONNX Runtime do.
      g.pad_begin[d] = total < 0 ? 0 : g.auto_pad == AutoPad::kSameUpper ? half : total - half;
      g.pad_end[d] = total - g.pad_begin[d];
      g.out[d] = out;
    } else {
      if (g.auto_pad == AutoPad::kValid) g.pad_begin[d] = g.pad_end[d] = 0;
      g.out[d] = full - g.pad_begin[d] - g.pad_end[d];
    }
    if (g.out[d] < 1) {
      return ctx.Error("spatial dim " + std::to_string(d) + " of the output would have size " +
                       std::to_string(g.out[d]));
    }
  }
  return Status::Ok();
}

Status Infer(InferContext& ctx) {
  EB_RETURN_IF_ERROR(CheckConvInputs(ctx));
  const Shape& x = ctx.input_shape(0);
  const Shape& w = ctx.input_shape(1);

  auto state = std::make_shared<ConvTransposeState>();
  state->group = ctx.attributes().GetInt("group", 1);
  const int64_t group = state->group;
  const int64_t channels = x[1];
  if (group < 1 || channels % group != 0) {
    return ctx.Error("group " + std::to_string(group) + " must divide the input channels " + std::to_string(channels));
  }
  if (w[0] != channels) {
    return ctx.Error("W " + ShapeToString(w) + " must have " + std::to_string(channels) +
                     " input channels as its first dim, like X " + ShapeToString(x));
  }
  const int64_t filters = w[1] * group;
  EB_RETURN_IF_ERROR(CheckConvBias(ctx, filters));

  EB_RETURN_IF_ERROR(ParseWindowAttributes(ctx, ctx.input_rank(0) - 2, w.data() + 2, &state->geometry));
  EB_RETURN_IF_ERROR(ComputeTransposedWindow(ctx, x.data() + 2, &state->geometry));
  ctx.set_output(0, DType::kFloat32, WindowOutputShape(x[0], filters, state->geometry));
  ctx.set_state(state);
  return Status::Ok();
}

// Scatters one input row of the innermost spatial dim:
// out[i * stride + offset] += w * in[i] for i in [lo, hi), where every index
// is in bounds. The unit-stride case is split out so that the compiler vectorizes it.
void ScatterRow(float* out, const float* in, int64_t offset, int64_t stride, int64_t lo, int64_t hi, float w) {
  if (stride == 1) {
    for (int64_t i = lo; i < hi; ++i) out[i + offset] += w * in[i];
  } else {
    for (int64_t i = lo; i < hi; ++i) out[i * stride + offset] += w * in[i];
  }
}

Status Run(const KernelContext& ctx) {
  const ConvTransposeState& state = ctx.get_state<ConvTransposeState>();
  const WindowGeometry& g = state.geometry;
  const Tensor& x = *ctx.inputs[0];
  const Tensor& w = *ctx.inputs[1];
  const Tensor* bias = ctx.input(2);
  Tensor& y = *ctx.outputs[0];

  const int r = g.rank;
  const int last = r - 1;
  const int64_t batch = x.dim(0);
  const int64_t channels = x.dim(1);
  const int64_t filters_per_group = w.dim(1);
  const int64_t filters = filters_per_group * state.group;
  const int64_t channels_per_group = channels / state.group;
  const int64_t in_plane = Product(g.in, r);
  const int64_t in_row_size = g.in[last];
  const int64_t out_plane = Product(g.out, r);
  const int64_t kernel_size = Product(g.kernel, r);

  const float* x_data = x.data<float>();
  const float* w_data = w.data<float>();
  const float* b_data = bias ? bias->data<float>() : nullptr;
  float* y_data = y.data<float>();

  // One output plane at a time (it stays in cache); per kernel tap and input
  // row, the bounds are worked out once and then reused by every input
  // channel of the group, each scattering its row into the output.
  const int64_t rows = in_plane / in_row_size;
  for (int64_t n = 0; n < batch; ++n) {
    for (int64_t m = 0; m < filters; ++m) {
      float* y_plane = y_data + (n * filters + m) * out_plane;
      const float init = b_data ? b_data[m] : 0.0f;
      for (int64_t i = 0; i < out_plane; ++i) y_plane[i] = init;

      const int64_t first_channel = (m / filters_per_group) * channels_per_group;
      const float* x_group = x_data + (n * channels + first_channel) * in_plane;
      // W[c, m % Mg, tap] for c = first_channel + cg sits at w_filter[cg * w_channel_stride + tap].
      const float* w_filter = w_data + (first_channel * filters_per_group + m % filters_per_group) * kernel_size;
      const int64_t w_channel_stride = filters_per_group * kernel_size;

      int64_t k[kMaxRank] = {};
      for (int64_t tap = 0; tap < kernel_size; ++tap, NextIndex(k, g.kernel, r)) {
        const int64_t offset_last = k[last] * g.dilation[last] - g.pad_begin[last];
        int64_t lo = 0;
        int64_t hi = 0;
        ValidRange(offset_last, g.stride[last], g.out[last], in_row_size, &lo, &hi);
        if (lo >= hi) continue;

        // Every input row (all spatial dims but the last).
        int64_t i[kMaxRank] = {};
        for (int64_t row = 0; row < rows; ++row, NextIndex(i, g.in, last)) {
          int64_t out_row = 0;
          if (!TapRow(g, i, k, g.out, &out_row)) continue;
          float* y_row = y_plane + out_row * g.out[last];
          const float* x_row = x_group + row * in_row_size;
          for (int64_t cg = 0; cg < channels_per_group; ++cg) {
            ScatterRow(y_row, x_row + cg * in_plane, offset_last, g.stride[last], lo, hi,
                       w_filter[cg * w_channel_stride + tap]);
          }
        }
      }
    }
  }
  return Status::Ok();
}

// MACs = N * C * prod(in_spatial) * (M / group) * prod(kernel); FLOPs = 2 * MACs (+ N * M * prod(out) with bias).
OpCost Cost(const CostContext& ctx) { return ConvCost(ctx, ctx.inputs[0]->num_elements()); }

}  // namespace

extern const OpDef kConvTranspose = {"ConvTranspose", Infer, Run, Cost, false};

}  // namespace edgebench::ops
