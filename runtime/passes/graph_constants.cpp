#include "runtime/passes/graph_constants.h"

#include "runtime/quant/onnx_model_edit.h"

namespace edgebench {

GraphConstants::GraphConstants(const onnx::GraphProto& graph) {
  for (const auto& init : graph.initializer()) initializers_[init.name()] = &init;
  for (const auto& input : graph.input()) inputs_.insert(input.name());
}

const onnx::TensorProto* GraphConstants::Find(const std::string& name) const {
  if (inputs_.count(name) > 0) return nullptr;
  auto it = initializers_.find(name);
  return it == initializers_.end() ? nullptr : it->second;
}

bool GraphConstants::IsFloat32(const std::string& name) const {
  const onnx::TensorProto* init = Find(name);
  return init && init->data_type() == onnx::TensorProto::FLOAT;
}

Expected<Tensor> GraphConstants::Read(const std::string& name) const {
  const onnx::TensorProto* init = Find(name);
  if (!init) return InvalidArgument("'" + name + "' is not a constant initializer");
  return ReadInitializer(*init);
}

}  // namespace edgebench
