#include "runtime/ops/nn/conv_attributes.h"

#include <string>

namespace edgebench::ops {

namespace {

// The checks and geometry on X's dims in Conv's order (N, C, spatial...).
Status ParseWithDims(const InferContext& ctx, const Shape& x, ConvAttributes* attrs) {
  const Shape& w = ctx.input_shape(1);

  attrs->group = ctx.attributes().GetInt("group", 1);
  attrs->batch = x[0];
  attrs->channels = x[1];
  attrs->filters = w[0];
  const int64_t group = attrs->group;
  if (group < 1 || attrs->channels % group != 0 || attrs->filters % group != 0) {
    return ctx.Error("group " + std::to_string(group) + " must divide the input channels " +
                     std::to_string(attrs->channels) + " and the filters " + std::to_string(attrs->filters));
  }
  if (w[1] * group != attrs->channels) {
    return ctx.Error("W " + ShapeToString(w) + " has " + std::to_string(w[1]) + " channels per group; X " +
                     ShapeToString(x) + " with group " + std::to_string(group) + " needs " +
                     std::to_string(attrs->channels / group));
  }
  EB_RETURN_IF_ERROR(CheckConvBias(ctx, attrs->filters));

  EB_RETURN_IF_ERROR(ParseWindowAttributes(ctx, ctx.input_rank(0) - 2, w.data() + 2, &attrs->geometry));
  return ComputeForwardWindow(ctx, x.data() + 2, /*ceil_mode=*/false, &attrs->geometry);
}

}  // namespace

Status ParseConvAttributes(const InferContext& ctx, ConvAttributes* attrs) {
  EB_RETURN_IF_ERROR(CheckConvInputs(ctx));
  return ParseWithDims(ctx, ctx.input_shape(0), attrs);
}

Status ParseNhwcConvAttributes(const InferContext& ctx, ConvAttributes* attrs) {
  EB_RETURN_IF_ERROR(CheckConvInputs(ctx));
  const Shape& x = ctx.input_shape(0);
  if (x.size() != 4) return ctx.Error("X must be 4-D NHWC (a 2-D convolution), got " + ShapeToString(x));
  return ParseWithDims(ctx, Shape{x[0], x[3], x[1], x[2]}, attrs);
}

Shape NhwcConvOutputShape(const ConvAttributes& attrs) {
  const Shape nchw = ConvOutputShape(attrs);
  return {nchw[0], nchw[2], nchw[3], nchw[1]};
}

Shape ConvOutputShape(const ConvAttributes& attrs) {
  return WindowOutputShape(attrs.batch, attrs.filters, attrs.geometry);
}

}  // namespace edgebench::ops
