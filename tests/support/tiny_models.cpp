#include "tests/support/tiny_models.h"

#include <cstdlib>
#include <fstream>

#include "runtime/onnx/tensor_proto.h"

namespace edgebench::testing {

namespace {

void SetTensorType(onnx::ValueInfoProto* value, DType dtype, const std::vector<int64_t>& dims) {
  auto* tt = value->mutable_type()->mutable_tensor_type();
  tt->set_elem_type(static_cast<int>(dtype));
  auto* shape = tt->mutable_shape();
  for (int64_t d : dims) {
    auto* dim = shape->add_dim();
    if (d < 0) {
      dim->set_dim_param("batch");
    } else {
      dim->set_dim_value(d);
    }
  }
}

}  // namespace

onnx::ModelProto MakeEmptyModel(int64_t opset) {
  onnx::ModelProto model;
  model.set_ir_version(8);
  model.set_producer_name("edgebench-tests");
  model.add_opset_import()->set_version(opset);
  model.mutable_graph()->set_name("test");
  return model;
}

onnx::ModelProto MakeModel(const std::vector<int64_t>& x_dims) {
  onnx::ModelProto model = MakeEmptyModel(13);
  AddInput(model, "x", DType::kFloat32, x_dims);
  return model;
}

onnx::NodeProto* AddNode(onnx::ModelProto& model, const std::string& op, const std::vector<std::string>& inputs,
                         const std::vector<std::string>& outputs, const std::string& name) {
  auto* node = model.mutable_graph()->add_node();
  node->set_op_type(op);
  node->set_name(name.empty() ? op + "_" + std::to_string(model.graph().node_size()) : name);
  for (const auto& in : inputs) node->add_input(in);
  for (const auto& out : outputs) node->add_output(out);
  return node;
}

onnx::AttributeProto* AddAttribute(onnx::NodeProto* node, const std::string& name,
                                   onnx::AttributeProto::AttributeType type) {
  auto* attribute = node->add_attribute();
  attribute->set_name(name);
  attribute->set_type(type);
  return attribute;
}

void AddInput(onnx::ModelProto& model, const std::string& name, DType dtype, const std::vector<int64_t>& dims) {
  auto* in = model.mutable_graph()->add_input();
  in->set_name(name);
  SetTensorType(in, dtype, dims);
}

void AddOutput(onnx::ModelProto& model, const std::string& name, DType dtype, const std::vector<int64_t>& dims) {
  auto* out = model.mutable_graph()->add_output();
  out->set_name(name);
  SetTensorType(out, dtype, dims);
}

void AddOutput(onnx::ModelProto& model, const std::string& name, const std::vector<int64_t>& dims) {
  AddOutput(model, name, DType::kFloat32, dims);
}

void AddOutputWithoutShape(onnx::ModelProto& model, const std::string& name, DType dtype) {
  auto* out = model.mutable_graph()->add_output();
  out->set_name(name);
  out->mutable_type()->mutable_tensor_type()->set_elem_type(static_cast<int>(dtype));
}

void AddInitializer(onnx::ModelProto& model, const std::string& name, const Tensor& value) {
  TensorToProto(value, name, model.mutable_graph()->add_initializer());
}

void AddFloatInitializer(onnx::ModelProto& model, const std::string& name, const std::vector<int64_t>& dims,
                         const std::vector<float>& values) {
  auto* t = model.mutable_graph()->add_initializer();
  t->set_name(name);
  t->set_data_type(onnx::TensorProto::FLOAT);
  for (int64_t d : dims) t->add_dims(d);
  for (float v : values) t->add_float_data(v);
}

onnx::ModelProto MakeChainModel(const std::vector<int64_t>& x_dims) {
  onnx::ModelProto model = MakeModel(x_dims);
  AddNode(model, "Relu", {"x"}, {"a"}, "relu1");
  AddNode(model, "Add", {"a", "x"}, {"b"}, "add");
  AddNode(model, "Relu", {"b"}, {"y"}, "relu2");
  AddOutput(model, "y", x_dims);
  return model;
}

std::string Serialize(const onnx::ModelProto& model) { return model.SerializeAsString(); }

std::string MakeTempDir(const std::string& prefix) {
  std::string tmpl = "/tmp/" + prefix + "XXXXXX";
  char* dir = mkdtemp(tmpl.data());
  return dir ? std::string(dir) : std::string("/tmp");
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace edgebench::testing
