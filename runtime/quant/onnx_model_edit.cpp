#include "runtime/quant/onnx_model_edit.h"

#include "runtime/core/file_io.h"
#include "runtime/onnx/tensor_proto.h"

namespace edgebench {

Expected<onnx::ModelProto> ReadModelProto(const std::string& path) {
  EB_ASSIGN_OR_RETURN(std::string bytes, ReadFileBytes(path));
  onnx::ModelProto proto;
  if (!proto.ParseFromString(bytes)) return InvalidArgument("'" + path + "' is not an ONNX model (protobuf parse failed)");
  return proto;
}

int64_t DefaultOpset(const onnx::ModelProto& model) {
  for (const auto& opset : model.opset_import()) {
    if (opset.domain().empty() || opset.domain() == "ai.onnx") return opset.version();
  }
  return 0;
}

GraphIndex::GraphIndex(const onnx::GraphProto& graph) {
  for (const auto& init : graph.initializer()) initializers_[init.name()] = &init;
  for (const auto& input : graph.input()) {
    if (!initializers_.count(input.name())) inputs_.insert(input.name());
  }
  for (const auto& output : graph.output()) outputs_.insert(output.name());
  for (int n = 0; n < graph.node_size(); ++n) {
    const onnx::NodeProto& node = graph.node(n);
    for (const std::string& out : node.output()) {
      if (!out.empty()) producers_[out] = n;
    }
    for (int i = 0; i < node.input_size(); ++i) {
      if (!node.input(i).empty()) consumers_[node.input(i)].push_back({n, i});
    }
  }
}

const onnx::TensorProto* GraphIndex::initializer(const std::string& name) const {
  auto it = initializers_.find(name);
  return it == initializers_.end() ? nullptr : it->second;
}

int GraphIndex::producer(const std::string& name) const {
  auto it = producers_.find(name);
  return it == producers_.end() ? -1 : it->second;
}

const std::vector<std::pair<int, int>>& GraphIndex::consumers(const std::string& name) const {
  static const std::vector<std::pair<int, int>> kNone;
  auto it = consumers_.find(name);
  return it == consumers_.end() ? kNone : it->second;
}

Expected<Tensor> ReadInitializer(const onnx::TensorProto& proto) { return TensorFromProto(proto, TensorReadOptions{}); }

void AddInitializer(onnx::GraphProto& graph, const std::string& name, const Tensor& value) {
  TensorToProto(value, name, graph.add_initializer());
}

Status AddScalarInitializer(onnx::GraphProto& graph, const std::string& name, DType dtype, double value) {
  EB_ASSIGN_OR_RETURN(Tensor t, Tensor::Allocate(dtype, {}));
  switch (dtype) {
    case DType::kFloat32: *t.data<float>() = static_cast<float>(value); break;
    case DType::kUInt8: *t.data<uint8_t>() = static_cast<uint8_t>(value); break;
    case DType::kInt8: *t.data<int8_t>() = static_cast<int8_t>(value); break;
    case DType::kInt32: *t.data<int32_t>() = static_cast<int32_t>(value); break;
    default: return InvalidArgument(std::string("no scalar initializer of type ") + DTypeName(dtype));
  }
  AddInitializer(graph, name, t);
  return Status::Ok();
}

onnx::NodeProto MakeNode(const std::string& op_type, const std::string& name, const std::vector<std::string>& inputs,
                         const std::vector<std::string>& outputs) {
  onnx::NodeProto node;
  node.set_op_type(op_type);
  node.set_name(name);
  for (const std::string& in : inputs) node.add_input(in);
  for (const std::string& out : outputs) node.add_output(out);
  return node;
}

void SetIntAttribute(onnx::NodeProto& node, const std::string& name, int64_t value) {
  onnx::AttributeProto* attr = node.add_attribute();
  attr->set_name(name);
  attr->set_type(onnx::AttributeProto::INT);
  attr->set_i(value);
}

int64_t IntAttribute(const onnx::NodeProto& node, const std::string& name, int64_t fallback) {
  for (const auto& attr : node.attribute()) {
    if (attr.name() == name) return attr.i();
  }
  return fallback;
}

float FloatAttribute(const onnx::NodeProto& node, const std::string& name, float fallback) {
  for (const auto& attr : node.attribute()) {
    if (attr.name() == name) return attr.f();
  }
  return fallback;
}

void RemoveUnusedInitializers(onnx::GraphProto& graph) {
  std::set<std::string> used;
  for (const auto& node : graph.node()) used.insert(node.input().begin(), node.input().end());
  for (const auto& output : graph.output()) used.insert(output.name());
  std::set<std::string> removed;
  auto* inits = graph.mutable_initializer();
  for (int i = inits->size() - 1; i >= 0; --i) {
    if (used.count(inits->Get(i).name())) continue;
    removed.insert(inits->Get(i).name());
    inits->DeleteSubrange(i, 1);
  }
  // An initializer also listed as a graph input (the IR < 4 style) leaves both lists.
  auto* inputs = graph.mutable_input();
  for (int i = inputs->size() - 1; i >= 0; --i) {
    if (removed.count(inputs->Get(i).name())) inputs->DeleteSubrange(i, 1);
  }
}

std::string DescribeNode(const onnx::NodeProto& node) {
  return node.op_type() + " '" + (node.name().empty() ? (node.output_size() ? node.output(0) : "") : node.name()) +
         "'";
}

}  // namespace edgebench
