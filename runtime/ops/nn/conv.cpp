// Conv (opsets 1, 11): Y[n, m] = B[m] + sum over the input channels c of
// group g(m) and kernel taps k of W[m, c, k] * X[n, c, o * stride + k * dilation - pad_begin],
// for 1 to kMaxRank - 2 spatial dims.
#include <memory>
#include <string>

#include "runtime/ops/nn/window.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {
namespace {

struct ConvState {
  WindowGeometry geometry;
  int64_t group = 1;
};

Status Infer(InferContext& ctx) {
  if (ctx.num_inputs() < 2 || !ctx.has_input(0) || !ctx.has_input(1)) return ctx.Error("needs inputs X and W");
  const bool has_bias = ctx.has_input(2);
  for (int i = 0; i < (has_bias ? 3 : 2); ++i) {
    if (ctx.input_dtype(i) != DType::kFloat32) {
      return ctx.UnsupportedError(std::string("input ") + std::to_string(i) + " has type " +
                                  DTypeName(ctx.input_dtype(i)) + "; only float32 is implemented");
    }
  }
  const Shape& x = ctx.input_shape(0);
  const Shape& w = ctx.input_shape(1);
  const int rank = ctx.input_rank(0);
  if (rank < 3 || rank > kMaxRank) {
    return ctx.Error("X must have rank 3 to " + std::to_string(kMaxRank) + ", got " + ShapeToString(x));
  }
  if (static_cast<int>(w.size()) != rank) {
    return ctx.Error("W " + ShapeToString(w) + " must have the rank of X " + ShapeToString(x));
  }

  auto state = std::make_shared<ConvState>();
  state->group = ctx.attributes().GetInt("group", 1);
  const int64_t group = state->group;
  const int64_t channels = x[1];
  const int64_t filters = w[0];
  if (group < 1 || channels % group != 0 || filters % group != 0) {
    return ctx.Error("group " + std::to_string(group) + " must divide the input channels " + std::to_string(channels) +
                     " and the filters " + std::to_string(filters));
  }
  if (w[1] * group != channels) {
    return ctx.Error("W " + ShapeToString(w) + " has " + std::to_string(w[1]) + " channels per group; X " +
                     ShapeToString(x) + " with group " + std::to_string(group) + " needs " +
                     std::to_string(channels / group));
  }
  if (has_bias && ctx.input_shape(2) != Shape{filters}) {
    return ctx.Error("B " + ShapeToString(ctx.input_shape(2)) + " must have shape [" + std::to_string(filters) + "]");
  }

  const int spatial_rank = rank - 2;
  EB_RETURN_IF_ERROR(ParseWindowAttributes(ctx, spatial_rank, w.data() + 2, &state->geometry));
  EB_RETURN_IF_ERROR(ComputeForwardWindow(ctx, x.data() + 2, /*ceil_mode=*/false, &state->geometry));

  Shape y = {x[0], filters};
  for (int d = 0; d < spatial_rank; ++d) y.push_back(state->geometry.out[d]);
  ctx.set_output(0, DType::kFloat32, y);
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
  const ConvState& state = ctx.get_state<ConvState>();
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
          bool inside = true;
          for (int d = 0; d < last; ++d) {
            const int64_t pos = o[d] * g.stride[d] + k[d] * g.dilation[d] - g.pad_begin[d];
            if (pos < 0 || pos >= g.in[d]) {
              inside = false;
              break;
            }
            in_row = in_row * g.in[d] + pos;
          }
          if (!inside) continue;
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
OpCost Cost(const CostContext& ctx) {
  OpCost cost = ElementwiseCost(ctx);
  const Tensor& w = *ctx.inputs[1];
  const Tensor& y = *ctx.outputs[0];
  int64_t kernel_size = 1;
  for (int d = 2; d < w.rank(); ++d) kernel_size *= w.dim(d);
  cost.macs = y.num_elements() * w.dim(1) * kernel_size;
  const bool has_bias = ctx.inputs.size() > 2 && ctx.inputs[2] != nullptr;
  cost.flops = 2 * cost.macs + (has_bias ? y.num_elements() : 0);
  return cost;
}

}  // namespace

extern const OpDef kConv = {"Conv", Infer, Run, Cost, false};

}  // namespace edgebench::ops
