// Fuses an activation that follows a Conv or a Gemm into one com.microsoft
// FusedConv or FusedGemm node (ONNX Runtime's contrib ops; attributes in
// runtime/ops/fused_activation.h), so a backend can apply it in the output
// step instead of a second pass over memory.
//
// Activations: Relu, Clip (bounds constant), HardSigmoid, HardSwish (an
// edgebench extension of ONNX Runtime's list), Sigmoid, LeakyRelu. A Conv,
// a Gemm, or a FusedConv that residual-add fusion made and that has no
// activation yet, fuses only when its output feeds the activation alone and
// is not a graph output.
#pragma once

#include "runtime/core/status.h"

namespace onnx {
class ModelProto;
}

namespace edgebench {

// Returns how many activations it fused.
Expected<int> FuseActivations(onnx::ModelProto& model);

}  // namespace edgebench
