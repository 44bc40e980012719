// One layer of layer_cases.h as a one-node ONNX model, built in memory and
// loaded through the runtime's own loader (checker and shape inference
// included), plus seeded inputs to run it with.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "bench/kernels/layer_cases.h"
#include "runtime/core/status.h"
#include "runtime/core/tensor.h"
#include "runtime/onnx/model_loader.h"
#include "runtime/session/session.h"

namespace edgebench::bench {

enum class LayerPrecision { kFp32, kInt8 };

const char* LayerPrecisionName(LayerPrecision precision);  // "fp32", "int8"

// FP32: Conv (with bias), Gemm (transB, bias) or MatMul. INT8: QLinearConv
// (uint8 activations, symmetric int8 weights per output channel, int32 bias)
// or QLinearMatMul (uint8 A, int8 B per tensor) for both Gemm and MatMul, the
// form a quantized Linear takes without com.microsoft ops. Weights come from
// `seed`.
Expected<std::shared_ptr<const Model>> MakeSingleNodeModel(const LayerCase& layer, LayerPrecision precision,
                                                           uint64_t seed);

// One tensor per graph input of `session`, in order, with its bound type and
// shape, filled from `seed`: float32 uniform in [-1, 1), uint8 over [0, 255].
Expected<std::vector<Tensor>> MakeRandomInputs(const Session& session, uint64_t seed);

}  // namespace edgebench::bench
