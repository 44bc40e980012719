#include "tests/support/op_tester.h"

#include <onnx/shape_inference/implementation.h>

#include <exception>
#include <utility>

#include "runtime/onnx/model_loader.h"
#include "runtime/onnx/tensor_proto.h"
#include "runtime/ops/op.h"
#include "runtime/ops/op_registry.h"
#include "tests/support/allocation_counter.h"
#include "tests/support/tiny_models.h"

namespace edgebench::testing {

OpTester::OpTester(const std::string& op_type, int64_t opset) : model_(MakeEmptyModel(opset)) {
  node_ = AddNode(model_, op_type, {}, {}, "node");
}

OpTester& OpTester::Input(DType dtype, const Shape& shape, const std::vector<double>& values) {
  return Input(MakeTensor(dtype, shape, values));
}

OpTester& OpTester::Input(const Tensor& value) {
  const std::string name = NextInputName();
  node_->add_input(name);
  AddInput(model_, name, value.dtype(), value.shape());
  inputs_.push_back(value.Clone().value());
  return *this;
}

OpTester& OpTester::Known(DType dtype, const Shape& shape, const std::vector<double>& values) {
  const std::string name = NextInputName();
  node_->add_input(name);
  AddInitializer(model_, name, MakeTensor(dtype, shape, values));
  return *this;
}

OpTester& OpTester::Fixed(DType dtype, const Shape& shape, const std::vector<double>& values) {
  fixed_inputs_[NextInputName()] = MakeTensor(dtype, shape, values);
  return Input(dtype, shape, values);
}

OpTester& OpTester::NoInput() {
  node_->add_input("");
  return *this;
}

OpTester& OpTester::Attr(const std::string& name, int64_t value) {
  AddAttr(name, onnx::AttributeProto::INT)->set_i(value);
  return *this;
}

OpTester& OpTester::Attr(const std::string& name, float value) {
  AddAttr(name, onnx::AttributeProto::FLOAT)->set_f(value);
  return *this;
}

OpTester& OpTester::Attr(const std::string& name, const std::string& value) {
  AddAttr(name, onnx::AttributeProto::STRING)->set_s(value);
  return *this;
}

OpTester& OpTester::Ints(const std::string& name, const std::vector<int64_t>& values) {
  auto* a = AddAttr(name, onnx::AttributeProto::INTS);
  for (int64_t v : values) a->add_ints(v);
  return *this;
}

OpTester& OpTester::Floats(const std::string& name, const std::vector<float>& values) {
  auto* a = AddAttr(name, onnx::AttributeProto::FLOATS);
  for (float v : values) a->add_floats(v);
  return *this;
}

OpTester& OpTester::Strings(const std::string& name, const std::vector<std::string>& values) {
  auto* a = AddAttr(name, onnx::AttributeProto::STRINGS);
  for (const std::string& v : values) a->add_strings(v);
  return *this;
}

OpTester& OpTester::TensorAttr(const std::string& name, DType dtype, const Shape& shape,
                               const std::vector<double>& values) {
  TensorToProto(MakeTensor(dtype, shape, values), "", AddAttr(name, onnx::AttributeProto::TENSOR)->mutable_t());
  return *this;
}

OpTester& OpTester::Output(DType dtype) {
  const std::string name = "out" + std::to_string(node_->output_size());
  node_->add_output(name);
  AddOutputWithoutShape(model_, name, dtype);
  outputs_need_shapes_ = true;
  return *this;
}

OpTester& OpTester::Output(DType dtype, const Shape& shape) {
  const std::string name = "out" + std::to_string(node_->output_size());
  node_->add_output(name);
  AddOutput(model_, name, dtype, shape);
  return *this;
}

OpTester& OpTester::NoOutput() {
  node_->add_output("");
  return *this;
}

Status OpTester::Create() {
  if (outputs_need_shapes_) {
    try {
      onnx::shape_inference::InferShapes(model_);
    } catch (const std::exception& e) {
      return InvalidArgument(std::string("ONNX shape inference: ") + e.what());
    }
    // Where ONNX cannot infer one (ConvTranspose with a full-rank output_shape),
    // an empty shape satisfies the checker: the session infers every output itself.
    for (auto& out : *model_.mutable_graph()->mutable_output()) {
      out.mutable_type()->mutable_tensor_type()->mutable_shape();
    }
  }
  auto model = LoadModelFromBytes(Serialize(model_), "/tmp", "op_test.onnx");
  if (!model.ok()) return model.status();
  SessionOptions options;
  options.fixed_inputs = fixed_inputs_;
  auto session = Session::Create(*model, options);
  if (!session.ok()) return session.status();
  session_ = std::move(session).value();
  return Status::Ok();
}

Tensor OpTester::Run(int i) {
  if (!session_) {
    const Status s = Create();
    EXPECT_TRUE(s.ok()) << s.ToString();
    if (!s.ok()) return Tensor();
  }
  Status s = session_->Run(inputs_);
  EXPECT_TRUE(s.ok()) << s.ToString();
  {
    AllocationCounter counter;
    s = session_->Run(inputs_);
    EXPECT_EQ(counter.count(), 0) << "Run allocated";
  }
  EXPECT_TRUE(s.ok()) << s.ToString();
  return session_->output(i).Clone().value();
}

Status OpTester::TryRun() {
  if (!session_) EB_RETURN_IF_ERROR(Create());
  return session_->Run(inputs_);
}

std::string OpTester::NextInputName() const { return "in" + std::to_string(node_->input_size()); }

onnx::AttributeProto* OpTester::AddAttr(const std::string& name, onnx::AttributeProto::AttributeType type) {
  return AddAttribute(node_, name, type);
}

Status InferOp(const std::string& op_type, int64_t opset, const std::vector<Tensor>& inputs,
               const Attributes& attributes, int num_outputs) {
  const OpDef* op = FindRefOp("", op_type);
  if (op == nullptr) return NotFound("no op " + op_type);
  Node node;
  node.name = "node";
  node.op_type = op_type;
  node.attributes = attributes;
  std::vector<const Tensor*> infos;
  std::vector<bool> known;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const bool present = inputs[i].dtype() != DType::kUndefined;
    node.inputs.push_back(present ? static_cast<int>(i) : kNoValue);
    infos.push_back(present ? &inputs[i] : nullptr);
    known.push_back(inputs[i].raw_data() != nullptr);
  }
  for (int i = 0; i < num_outputs; ++i) node.outputs.push_back(static_cast<int>(inputs.size()) + i);
  InferContext ctx(node, opset, infos, known);
  return op->infer(ctx);
}

Attribute IntAttribute(int64_t value) {
  Attribute a;
  a.kind = Attribute::Kind::kInt;
  a.i = value;
  return a;
}

Attribute IntsAttribute(const std::vector<int64_t>& values) {
  Attribute a;
  a.kind = Attribute::Kind::kInts;
  a.ints = values;
  return a;
}

Attribute StringAttribute(const std::string& value) {
  Attribute a;
  a.kind = Attribute::Kind::kString;
  a.s = value;
  return a;
}

Attribute StringsAttribute(const std::vector<std::string>& values) {
  Attribute a;
  a.kind = Attribute::Kind::kStrings;
  a.strings = values;
  return a;
}

::testing::AssertionResult IsError(const Status& status, ErrorCode code, const std::string& substring) {
  if (status.code() != code) {
    return ::testing::AssertionFailure() << "expected " << ErrorCodeName(code) << ", got " << status.ToString();
  }
  if (status.message().find(substring) == std::string::npos) {
    return ::testing::AssertionFailure() << "message lacks \"" << substring << "\": " << status.ToString();
  }
  return ::testing::AssertionSuccess();
}

}  // namespace edgebench::testing
