// The model zoo: ONNX models with deterministic random weights, built in C++
// so that benchmarks and tests need no downloads. `edgebench zoo build` writes
// them; each model is one file beside this one.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/core/status.h"

namespace edgebench::zoo {

struct ZooModel {            // one entry of the zoo's single list
  const char* name;          // "mobilenet_v2", "resnet18", ...
  const char* task;          // "image classification", "keyword spotting", ...
  const char* description;   // architecture + input, e.g. "MobileNetV2 1.0, 224x224 RGB, 1000 classes"
  Expected<onnx::ModelProto> (*build)(uint64_t seed);
};

const std::vector<ZooModel>& Models();
// nullptr when no model has that name.
const ZooModel* FindModel(const std::string& name);

// onnx::checker::check_model plus strict shape inference, as a Status.
Status CheckModel(const onnx::ModelProto& model);

// Builds, checks with onnx::checker, and writes DIR/<name>.onnx for every
// model (or the selected ones). Creates DIR. Returns the written paths.
Expected<std::vector<std::string>> BuildZoo(const std::string& out_dir, const std::vector<std::string>& names = {},
                                            uint64_t seed = 42);

// The builders, one per file (harness/zoo/<name>.cpp).
Expected<onnx::ModelProto> BuildMobileNetV2(uint64_t seed);
Expected<onnx::ModelProto> BuildResNet18(uint64_t seed);
Expected<onnx::ModelProto> BuildSqueezeNet11(uint64_t seed);
Expected<onnx::ModelProto> BuildDsCnnKws(uint64_t seed);
Expected<onnx::ModelProto> BuildAccelCnn1d(uint64_t seed);
Expected<onnx::ModelProto> BuildGruKws(uint64_t seed);
Expected<onnx::ModelProto> BuildMlpAutoencoder(uint64_t seed);
Expected<onnx::ModelProto> BuildTransformerEncoder(uint64_t seed);

}  // namespace edgebench::zoo
