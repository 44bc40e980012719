#include "runtime/passes/graph_constants.h"

#include "runtime/core/float16.h"
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

bool GraphConstants::IsFloat(const std::string& name) const {
  const onnx::TensorProto* init = Find(name);
  return init && (init->data_type() == onnx::TensorProto::FLOAT || init->data_type() == onnx::TensorProto::FLOAT16);
}

Expected<Tensor> GraphConstants::ReadAsFloat32(const std::string& name) const {
  EB_ASSIGN_OR_RETURN(Tensor value, Read(name));
  if (value.dtype() == DType::kFloat32) return value;
  if (value.dtype() != DType::kFloat16) {
    return InvalidArgument("'" + name + "' has type " + DTypeName(value.dtype()) + ", not a float type");
  }
  EB_ASSIGN_OR_RETURN(Tensor wide, Tensor::Allocate(DType::kFloat32, value.shape()));
  Float16ToFloat32(value.data<uint16_t>(), wide.data<float>(), static_cast<size_t>(value.num_elements()));
  return wide;
}

Expected<Tensor> NarrowFloat32(const Tensor& value, DType dtype) {
  if (dtype == DType::kFloat32) return value.Clone();
  if (dtype != DType::kFloat16) return InvalidArgument(std::string("cannot narrow float32 to ") + DTypeName(dtype));
  EB_ASSIGN_OR_RETURN(Tensor narrow, Tensor::Allocate(DType::kFloat16, value.shape()));
  Float32ToFloat16(value.data<float>(), narrow.data<uint16_t>(), static_cast<size_t>(value.num_elements()));
  return narrow;
}

Expected<Tensor> GraphConstants::Read(const std::string& name) const {
  const onnx::TensorProto* init = Find(name);
  if (!init) return InvalidArgument("'" + name + "' is not a constant initializer");
  return ReadInitializer(*init);
}

}  // namespace edgebench
