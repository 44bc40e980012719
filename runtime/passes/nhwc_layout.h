// The layout pass: chains of 2-D convolutions run in NHWC, with Transposes
// only at the chain boundaries (ONNX Runtime's NHWC transformer, for a
// backend whose convolution kernels want channels innermost: the native
// backend's pixel tile then reads a pixel's channels contiguously and stores
// a pixel's filters with vector stores, where NCHW needs a strided scalar
// output step).
//
// Candidates are float32 Conv (default domain) and com.microsoft FusedConv
// nodes with a 4-D constant W (2-D convolution), group 1 and one output read
// by no subgraph. Two candidates belong to one chain when one's output is
// the other's X or Z; a chain becomes ai.edgebench NhwcFusedConv nodes
// (runtime/ops/nn/nhwc_fused_conv.cpp) when it has at least two nodes and at
// most half as many boundary Transposes as nodes (SqueezeNet's fire modules,
// one squeeze and two expands whose outputs meet in a Concat, would pay three
// Transposes for three convolutions). A value entering a chain is transposed
// once, NCHW -> NHWC, however many nodes of the chain read it; a chain output
// that anything outside the chain reads (or a graph output) is transposed
// back under its own name, so the rest of the graph is unchanged.
//
// Shapes are not needed: W's rank fixes X's. Runs last at opt level "all",
// after residual-add and activation fusion made the FusedConvs, and only for
// backends that ask for it (GraphPassOptions::nhwc_layout).
#pragma once

#include "runtime/core/status.h"

namespace onnx {
class ModelProto;
}

namespace edgebench {

// Returns how many convolutions it moved to NHWC.
Expected<int> TransformToNhwc(onnx::ModelProto& model);

}  // namespace edgebench
