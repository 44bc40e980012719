#include "harness/zoo/zoo.h"

#include <onnx/checker.h>
#include <onnx/shape_inference/implementation.h>

#include <exception>
#include <filesystem>

#include "runtime/core/file_io.h"

namespace edgebench::zoo {

const std::vector<ZooModel>& Models() {
  static const std::vector<ZooModel> kModels = {
      {"mobilenet_v2", "image classification",
       "MobileNetV2 1.0 (BN folded, ReLU6 as Clip), 224x224 RGB, 1000 classes", BuildMobileNetV2},
      {"resnet18", "image classification", "ResNet-18 (BN not folded), 224x224 RGB, 1000 classes", BuildResNet18},
      {"squeezenet1_1", "image classification", "SqueezeNet 1.1, 224x224 RGB, 1000 classes", BuildSqueezeNet11},
      {"ds_cnn_kws", "keyword spotting", "DS-CNN small (Hello Edge), 49x10 MFCC, 12 classes", BuildDsCnnKws},
      {"accel_cnn1d", "human activity recognition",
       "1-D CNN, 3-axis accelerometer window of 128 samples, 6 classes", BuildAccelCnn1d},
      {"gru_kws", "keyword spotting", "2-layer GRU (hidden 64), 49x10 MFCC, 12 classes", BuildGruKws},
      {"mlp_autoencoder", "anomaly detection", "MLP autoencoder 64-32-16-8-16-32-64, 64 sensor features",
       BuildMlpAutoencoder},
      {"transformer_encoder", "sequence encoding",
       "2-layer transformer encoder (d_model 64, 4 heads, FFN 256, GELU), 64x64 tokens", BuildTransformerEncoder},
  };
  return kModels;
}

const ZooModel* FindModel(const std::string& name) {
  for (const ZooModel& model : Models()) {
    if (name == model.name) return &model;
  }
  return nullptr;
}

Status CheckModel(const onnx::ModelProto& model) {
  try {
    onnx::checker::check_model(model);
    // Strict inference catches shape mistakes the checker does not, including
    // declared output shapes that disagree with the graph.
    onnx::ModelProto inferred = model;
    onnx::shape_inference::InferShapes(inferred, onnx::OpSchemaRegistry::Instance(),
                                       onnx::ShapeInferenceOptions(/*check_type_val=*/true, /*strict_mode_val=*/1));
  } catch (const std::exception& e) {  // ValidationError, InferenceError, ...
    return InvalidArgument(std::string("ONNX check failed: ") + e.what());
  }
  return Status::Ok();
}

namespace {

Expected<std::string> BuildOne(const ZooModel& entry, const std::string& out_dir, uint64_t seed) {
  EB_ASSIGN_OR_RETURN(onnx::ModelProto model, entry.build(seed));
  EB_RETURN_IF_ERROR(CheckModel(model));
  std::string bytes;
  if (!model.SerializeToString(&bytes)) return Internal("serializing the model failed");
  const std::string path = (std::filesystem::path(out_dir) / (std::string(entry.name) + ".onnx")).string();
  EB_RETURN_IF_ERROR(WriteFileBytes(path, bytes));
  return path;
}

std::string ModelNames() {
  std::string names;
  for (const ZooModel& model : Models()) names += (names.empty() ? "" : ", ") + std::string(model.name);
  return names;
}

}  // namespace

Expected<std::vector<std::string>> BuildZoo(const std::string& out_dir, const std::vector<std::string>& names,
                                            uint64_t seed) {
  std::vector<const ZooModel*> selected;
  for (const std::string& name : names) {
    const ZooModel* model = FindModel(name);
    if (model == nullptr) return NotFound("no zoo model named '" + name + "' (models: " + ModelNames() + ")");
    selected.push_back(model);
  }
  if (names.empty()) {
    for (const ZooModel& model : Models()) selected.push_back(&model);
  }

  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) return IoError("cannot create '" + out_dir + "': " + ec.message());

  std::vector<std::string> paths;
  for (const ZooModel* model : selected) {
    Expected<std::string> path = BuildOne(*model, out_dir, seed);
    if (!path.ok()) return path.status().WithContext("zoo model '" + std::string(model->name) + "'");
    paths.push_back(std::move(path).value());
  }
  return paths;
}

}  // namespace edgebench::zoo
