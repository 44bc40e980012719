// Folds an inference-mode BatchNormalization into the Conv before it:
// W'[m] = W[m] * s[m], B'[m] = (B[m] - mean[m]) * s[m] + beta[m] with
// s = gamma / sqrt(var + epsilon). Done before quantization so that the
// folded Conv, its ReLU and its requantization become one integer kernel
// (a BatchNormalization left between them would run in float).
#pragma once

#include "runtime/core/status.h"

namespace onnx {
class ModelProto;
}

namespace edgebench {

// Folds every Conv -> BatchNormalization pair where the Conv's output feeds
// only the BatchNormalization, every parameter is a float constant, and the
// BatchNormalization has one output (inference mode). Float16 parameters (a
// model converted to float16) fold in float32 and are rounded back once.
// Returns how many it folded. The BatchNormalization's output name is kept.
Expected<int> FoldBatchNormIntoConv(onnx::ModelProto& model);

}  // namespace edgebench
