// Conv's input checks, attributes and output shape (ONNX Conv-1, -11), shared
// by the ref kernel and the fast backends' Conv kernels so that every
// backend accepts the same nodes and agrees on the geometry.
#pragma once

#include <cstdint>

#include "runtime/core/shape.h"
#include "runtime/core/status.h"
#include "runtime/ops/nn/window.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {

struct ConvAttributes {
  WindowGeometry geometry;  // spatial dims: kernel, strides, dilations, pads, in and out sizes
  int64_t group = 1;
  int64_t batch = 0;
  int64_t channels = 0;  // input channels, all groups
  int64_t filters = 0;   // output channels, all groups
};

// Checks X, W and the optional B (float32, ranks, group divides channels and
// filters, W's channels per group) and reads the window attributes, with the
// output sizes and the pads auto_pad implies. Errors name the node.
Status ParseConvAttributes(const InferContext& ctx, ConvAttributes* attrs);

// Y's shape: (N, filters, out...).
Shape ConvOutputShape(const ConvAttributes& attrs);

// The same for ai.edgebench NhwcFusedConv, whose X is (N, H, W, C) (2-D
// only): `attrs` describe the convolution in Conv's terms, and its Y is
// (N, out_h, out_w, filters).
Status ParseNhwcConvAttributes(const InferContext& ctx, ConvAttributes* attrs);
Shape NhwcConvOutputShape(const ConvAttributes& attrs);

}  // namespace edgebench::ops
