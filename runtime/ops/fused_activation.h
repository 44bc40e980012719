// The activation a com.microsoft FusedConv or FusedGemm applies to its
// output. It runs the activation's own ref kernel (Relu, Clip, ...) in place
// on the output, so the element-wise math lives in one file per activation.
//
// Activations, as ONNX Runtime's contrib ops name them (fused_activation.cc),
// with FusedConv's positional `activation_params`:
//   Relu, Tanh, Sigmoid: none; LeakyRelu: alpha; Clip: min, max;
//   HardSigmoid: alpha, beta.
// FusedGemm carries the activation's attributes prefixed with "activation_"
// (activation_alpha, activation_beta, activation_gamma), as ONNX Runtime's
// Gemm fusion copies them; Clip's bounds travel the same way, as
// activation_min and activation_max (an edgebench extension: ONNX Runtime
// does not fuse Clip into Gemm).
// HardSwish (no parameters) is an edgebench extension to both: ONNX Runtime's
// list does not have it, so models fused by edgebench with it run only here.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "runtime/ir/graph.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {

struct FusedActivation {
  const OpDef* op = nullptr;  // null: no activation
  Node node;                  // the activation as a node of its own, with its attributes
  int64_t opset = 0;          // the opset its attributes follow (Clip: 6, min/max attributes)
  std::shared_ptr<void> state;
  // Built at infer; Run points it at the output, so nothing is allocated.
  mutable KernelContext ctx;
};

// Reads FusedConv's `activation` and `activation_params` attributes.
Status ParseConvActivation(const InferContext& ctx, FusedActivation* activation);
// Reads FusedGemm's `activation` and `activation_*` attributes.
Status ParseGemmActivation(const InferContext& ctx, FusedActivation* activation);
// Infers the activation on output `output` of `ctx` (already set), after parsing.
Status PrepareActivation(const InferContext& ctx, int output, FusedActivation* activation);
// Applies the activation in place on `y`; nothing when there is none.
Status RunActivation(const FusedActivation& activation, Tensor* y);

}  // namespace edgebench::ops
