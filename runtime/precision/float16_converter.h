// FP32 -> FP16 conversion of an ONNX model, at the protobuf level, before it
// becomes edgebench IR: float32 initializers and constants become float16,
// and so does every float32 tensor inside the graph, while the graph's inputs
// and outputs stay float32 (a Cast after each float input and before each
// float output, so users feed and read the same names and types).
//
// ONNX type constraints are respected: a node input or output whose schema
// does not allow tensor(float16) (Resize 'scales', Range, whose types have no float16, ops
// whose output type an attribute 'dtype' sets) keeps float32, with a Cast
// where it meets float16. The result passes onnx::checker and strict ONNX
// shape inference, which ConvertToFloat16 checks before returning.
//
// Graph inputs and outputs that are float16 already stay float16; a model
// with no float32 tensor converts to itself, unchanged.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "runtime/core/status.h"
#include "runtime/onnx/model_loader.h"

namespace onnx {
class ModelProto;
}

namespace edgebench {

struct Float16ConversionReport {
  int initializers_converted = 0;
  size_t initializer_bytes_before = 0;  // of the converted initializers, as float32
  size_t initializer_bytes_after = 0;   // the same, as float16
  int constants_converted = 0;          // Constant / ConstantOfShape values
  int casts_retargeted = 0;             // Cast(to=FLOAT) now Cast(to=FLOAT16)
  int casts_inserted = 0;               // at the graph's inputs and outputs, and where float32 must stay
  struct KeptValue {
    std::string name;
    std::string reason;  // "input 'scales' of Resize 'up' allows no float16"
  };
  // Float32 tensors inside the graph that stay float32, and why. Graph inputs
  // and outputs are not listed: they stay float32 by design.
  std::vector<KeptValue> kept_float32;

  bool changed() const {
    return initializers_converted + constants_converted + casts_retargeted + casts_inserted > 0;
  }
};

// Converts `model` in place. `report` may be null. Errors: control flow
// (subgraph attributes), external initializer data, a model that fails the
// ONNX checks after conversion (an Internal error: a converter bug).
Status ConvertToFloat16(onnx::ModelProto& model, Float16ConversionReport* report);

// Reads the .onnx file, converts it and loads the result as LoadModel does
// (checker, shape inference, IR, support check). The model's `path` is the
// file's; `report` may be null.
Expected<std::shared_ptr<const Model>> LoadModelAsFloat16(const std::string& path, Float16ConversionReport* report,
                                                          const LoadOptions& options = {});

}  // namespace edgebench
