#include "runtime/ops/nn/window.h"

#include <string>
#include <vector>

namespace edgebench::ops {
namespace {

// Reads an ints attribute of `expected` values, or `fallback` for each when absent.
Status ReadPerDim(const InferContext& ctx, const char* name, int expected, int64_t fallback, int64_t min_value,
                  int64_t* out) {
  const std::vector<int64_t> values = ctx.attributes().GetInts(name);
  if (values.empty()) {
    for (int i = 0; i < expected; ++i) out[i] = fallback;
    return Status::Ok();
  }
  if (static_cast<int>(values.size()) != expected) {
    return ctx.Error(std::string(name) + " has " + std::to_string(values.size()) + " values, expected " +
                     std::to_string(expected));
  }
  for (int i = 0; i < expected; ++i) {
    if (values[i] < min_value) {
      return ctx.Error(std::string(name) + " " + ShapeToString(values) + " has a value below " +
                       std::to_string(min_value));
    }
    out[i] = values[i];
  }
  return Status::Ok();
}

}  // namespace

Status ParseWindowAttributes(const InferContext& ctx, int spatial_rank, const int64_t* kernel_from_weights,
                             WindowGeometry* geometry) {
  if (spatial_rank < 1 || spatial_rank > kMaxRank - 2) {
    return ctx.Error("needs 1 to " + std::to_string(kMaxRank - 2) + " spatial dims, got " +
                     std::to_string(spatial_rank));
  }
  geometry->rank = spatial_rank;

  const std::string auto_pad = ctx.attributes().GetString("auto_pad", "NOTSET");
  if (auto_pad == "NOTSET" || auto_pad.empty()) {
    geometry->auto_pad = AutoPad::kNotSet;
  } else if (auto_pad == "SAME_UPPER") {
    geometry->auto_pad = AutoPad::kSameUpper;
  } else if (auto_pad == "SAME_LOWER") {
    geometry->auto_pad = AutoPad::kSameLower;
  } else if (auto_pad == "VALID") {
    geometry->auto_pad = AutoPad::kValid;
  } else {
    return ctx.Error("auto_pad '" + auto_pad + "' is not NOTSET, SAME_UPPER, SAME_LOWER or VALID");
  }

  if (ctx.attributes().Has("kernel_shape")) {
    EB_RETURN_IF_ERROR(ReadPerDim(ctx, "kernel_shape", spatial_rank, 1, 1, geometry->kernel));
    if (kernel_from_weights) {
      for (int d = 0; d < spatial_rank; ++d) {
        if (geometry->kernel[d] != kernel_from_weights[d]) {
          return ctx.Error("kernel_shape " + ShapeToString(ctx.attributes().GetInts("kernel_shape")) +
                           " does not match the spatial dims of the weights");
        }
      }
    }
  } else if (kernel_from_weights) {
    for (int d = 0; d < spatial_rank; ++d) {
      if (kernel_from_weights[d] < 1) return ctx.Error("weights have an empty spatial dim");
      geometry->kernel[d] = kernel_from_weights[d];
    }
  } else {
    return ctx.Error("kernel_shape is required");
  }

  EB_RETURN_IF_ERROR(ReadPerDim(ctx, "strides", spatial_rank, 1, 1, geometry->stride));
  EB_RETURN_IF_ERROR(ReadPerDim(ctx, "dilations", spatial_rank, 1, 1, geometry->dilation));
  int64_t pads[2 * kMaxRank] = {};
  EB_RETURN_IF_ERROR(ReadPerDim(ctx, "pads", 2 * spatial_rank, 0, 0, pads));
  for (int d = 0; d < spatial_rank; ++d) {
    geometry->pad_begin[d] = pads[d];
    geometry->pad_end[d] = pads[spatial_rank + d];
  }
  return Status::Ok();
}

Status ComputeForwardWindow(const InferContext& ctx, const int64_t* in_spatial, bool ceil_mode,
                            WindowGeometry* geometry) {
  WindowGeometry& g = *geometry;
  for (int d = 0; d < g.rank; ++d) {
    const int64_t in = in_spatial[d];
    const int64_t stride = g.stride[d];
    const int64_t extent = g.DilatedKernel(d);
    g.in[d] = in;
    int64_t out = 0;
    switch (g.auto_pad) {
      case AutoPad::kNotSet: {
        const int64_t span = in + g.pad_begin[d] + g.pad_end[d] - extent;
        out = (ceil_mode ? CeilDiv(span, stride) : FloorDiv(span, stride)) + 1;
        if (ceil_mode && out > 0 && (out - 1) * stride >= in + g.pad_begin[d]) --out;
        break;
      }
      case AutoPad::kValid:
        g.pad_begin[d] = g.pad_end[d] = 0;
        out = FloorDiv(in - extent, stride) + 1;
        break;
      case AutoPad::kSameUpper:
      case AutoPad::kSameLower: {
        out = CeilDiv(in, stride);
        int64_t total = (out - 1) * stride + extent - in;
        if (total < 0) total = 0;
        const int64_t smaller = total / 2;
        g.pad_begin[d] = g.auto_pad == AutoPad::kSameUpper ? smaller : total - smaller;
        g.pad_end[d] = total - g.pad_begin[d];
        break;
      }
    }
    if (out < 1) {
      return ctx.Error("spatial dim " + std::to_string(d) + " of size " + std::to_string(in) +
                       " is too small for a window of extent " + std::to_string(extent) + " with pads " +
                       std::to_string(g.pad_begin[d]) + "+" + std::to_string(g.pad_end[d]));
    }
    g.out[d] = out;
  }
  return Status::Ok();
}

Shape WindowOutputShape(int64_t batch, int64_t channels, const WindowGeometry& geometry) {
  Shape y = {batch, channels};
  for (int d = 0; d < geometry.rank; ++d) y.push_back(geometry.out[d]);
  return y;
}

Status InferPoolWindow(const InferContext& ctx, WindowGeometry* geometry, Shape* y_shape) {
  if (ctx.num_inputs() < 1 || !ctx.has_input(0)) return ctx.Error("needs input X");
  const Shape& x = ctx.input_shape(0);
  const int rank = ctx.input_rank(0);
  if (rank < 3 || rank > kMaxRank) {
    return ctx.Error("X must have rank 3 to " + std::to_string(kMaxRank) + ", got " + ShapeToString(x));
  }
  const int64_t ceil_mode = ctx.attributes().GetInt("ceil_mode", 0);
  if (ceil_mode != 0 && ceil_mode != 1) return ctx.Error("ceil_mode must be 0 or 1");
  EB_RETURN_IF_ERROR(ParseWindowAttributes(ctx, rank - 2, nullptr, geometry));
  EB_RETURN_IF_ERROR(ComputeForwardWindow(ctx, x.data() + 2, ceil_mode == 1, geometry));
  *y_shape = WindowOutputShape(x[0], x[1], *geometry);
  return Status::Ok();
}

OpCost PoolCost(const CostContext& ctx) {
  OpCost cost = ElementwiseCost(ctx);
  int64_t window = 1;
  for (int64_t k : ctx.node->attributes.GetInts("kernel_shape")) window *= k;
  cost.flops = ctx.outputs[0]->num_elements() * window;
  return cost;
}

Status CheckConvInputs(const InferContext& ctx) {
  if (ctx.num_inputs() < 2 || !ctx.has_input(0) || !ctx.has_input(1)) return ctx.Error("needs inputs X and W");
  for (int i = 0; i < (ctx.has_input(2) ? 3 : 2); ++i) {
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
  return Status::Ok();
}

Status CheckConvBias(const InferContext& ctx, int64_t filters) {
  if (ctx.has_input(2) && ctx.input_shape(2) != Shape{filters}) {
    return ctx.Error("B " + ShapeToString(ctx.input_shape(2)) + " must have shape [" + std::to_string(filters) + "]");
  }
  return Status::Ok();
}

OpCost ConvCost(const CostContext& ctx, int64_t positions) {
  OpCost cost = ElementwiseCost(ctx);
  const Tensor& w = *ctx.inputs[1];
  int64_t kernel_size = 1;
  for (int d = 2; d < w.rank(); ++d) kernel_size *= w.dim(d);
  cost.macs = positions * w.dim(1) * kernel_size;
  const bool has_bias = ctx.inputs.size() > 2 && ctx.inputs[2] != nullptr;
  cost.flops = 2 * cost.macs + (has_bias ? ctx.outputs[0]->num_elements() : 0);
  return cost;
}

}  // namespace edgebench::ops
