// Runs one ONNX node through the loader and a ref Session, for the nn op
// tests. Inputs are graph inputs (data arrives at Run, so the kernel runs in
// the plan) or initializers (known at creation). Outputs may be skipped, as
// optional outputs are in ONNX. A second run is made under an
// AllocationCounter to prove the kernel does not allocate.
#pragma once

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runtime/core/tensor.h"
#include "runtime/onnx/model_loader.h"
#include "runtime/ops/op.h"
#include "runtime/ops/op_registry.h"
#include "runtime/session/session.h"
#include "tests/support/allocation_counter.h"

namespace edgebench::testing::nn_ops {

inline Tensor FloatTensor(const Shape& shape, const std::vector<float>& values) {
  Tensor t = Tensor::Allocate(DType::kFloat32, shape).value();
  EXPECT_EQ(static_cast<int64_t>(values.size()), t.num_elements()) << "values for " << ShapeToString(shape);
  std::copy_n(values.begin(), std::min<int64_t>(t.num_elements(), static_cast<int64_t>(values.size())),
              t.data<float>());
  return t;
}

// Deterministic values in [-1, 1) (a 32-bit LCG), for shape grids.
inline std::vector<float> RandomValues(int64_t n, uint32_t seed) {
  std::vector<float> values(static_cast<size_t>(n));
  uint32_t state = seed * 2654435761u + 1u;
  for (float& v : values) {
    state = state * 1664525u + 1013904223u;
    v = static_cast<float>(state >> 8) / static_cast<float>(1u << 24) * 2.0f - 1.0f;
  }
  return values;
}

inline onnx::TensorProto ToProto(const Tensor& t, const std::string& name) {
  onnx::TensorProto proto;
  proto.set_name(name);
  proto.set_data_type(static_cast<int>(t.dtype()));
  for (int64_t d : t.shape()) proto.add_dims(d);
  proto.set_raw_data(std::string(static_cast<const char*>(t.raw_data()), t.num_bytes()));
  return proto;
}

class NnOpTester {
 public:
  NnOpTester(const std::string& op_type, int64_t opset) {
    model_.set_ir_version(8);
    model_.set_producer_name("edgebench-tests");
    model_.add_opset_import()->set_version(opset);
    model_.mutable_graph()->set_name("nn_op_test");
    node_ = model_.mutable_graph()->add_node();
    node_->set_op_type(op_type);
    node_->set_name("node");
  }

  // A graph input: its data arrives at Run.
  NnOpTester& Input(const Tensor& value) {
    const std::string name = NextInputName();
    node_->add_input(name);
    auto* input = model_.mutable_graph()->add_input();
    input->set_name(name);
    auto* tensor_type = input->mutable_type()->mutable_tensor_type();
    tensor_type->set_elem_type(static_cast<int>(value.dtype()));
    auto* shape = tensor_type->mutable_shape();
    for (int64_t d : value.shape()) shape->add_dim()->set_dim_value(d);
    inputs_.push_back(value.Clone().value());
    return *this;
  }
  NnOpTester& Input(const Shape& shape, const std::vector<float>& values) { return Input(FloatTensor(shape, values)); }
  // An initializer: known at session creation, as weights are.
  NnOpTester& Known(const Shape& shape, const std::vector<float>& values) {
    const std::string name = NextInputName();
    node_->add_input(name);
    *model_.mutable_graph()->add_initializer() = ToProto(FloatTensor(shape, values), name);
    return *this;
  }
  // A skipped optional input ("" in ONNX).
  NnOpTester& NoInput() {
    node_->add_input("");
    return *this;
  }

  NnOpTester& Attr(const std::string& name, int64_t value) {
    AddAttr(name, onnx::AttributeProto::INT)->set_i(value);
    return *this;
  }
  NnOpTester& Attr(const std::string& name, float value) {
    AddAttr(name, onnx::AttributeProto::FLOAT)->set_f(value);
    return *this;
  }
  NnOpTester& Attr(const std::string& name, const std::string& value) {
    AddAttr(name, onnx::AttributeProto::STRING)->set_s(value);
    return *this;
  }
  NnOpTester& Ints(const std::string& name, const std::vector<int64_t>& values) {
    auto* a = AddAttr(name, onnx::AttributeProto::INTS);
    for (int64_t v : values) a->add_ints(v);
    return *this;
  }

  // A graph output of this type and rank; the session infers its dims.
  NnOpTester& Output(int rank, DType dtype = DType::kFloat32) {
    const std::string name = "out" + std::to_string(node_->output_size());
    node_->add_output(name);
    auto* output = model_.mutable_graph()->add_output();
    output->set_name(name);
    auto* tensor_type = output->mutable_type()->mutable_tensor_type();
    tensor_type->set_elem_type(static_cast<int>(dtype));
    auto* shape = tensor_type->mutable_shape();
    for (int d = 0; d < rank; ++d) shape->add_dim();
    return *this;
  }
  // A skipped optional output.
  NnOpTester& NoOutput() {
    node_->add_output("");
    return *this;
  }

  // Loads the model and creates the session; the error, if any.
  Status Create() {
    auto model = LoadModelFromBytes(model_.SerializeAsString(), "/tmp", "nn_op_test.onnx", LoadOptions{});
    if (!model.ok()) return model.status();
    auto session = Session::Create(*model);
    if (!session.ok()) return session.status();
    session_ = std::move(session).value();
    return Status::Ok();
  }

  // Runs twice (the second time counting allocations) and returns graph output i.
  Tensor Run(int i = 0) {
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

  const Session& session() const { return *session_; }

 private:
  std::string NextInputName() const { return "in" + std::to_string(node_->input_size()); }
  onnx::AttributeProto* AddAttr(const std::string& name, onnx::AttributeProto::AttributeType type) {
    auto* a = node_->add_attribute();
    a->set_name(name);
    a->set_type(type);
    return a;
  }

  onnx::ModelProto model_;
  onnx::NodeProto* node_ = nullptr;
  std::vector<Tensor> inputs_;
  std::unique_ptr<Session> session_;
};

// Calls `op_type`'s Infer directly on inputs of the given types and shapes
// (none known before the run), for validation the ONNX checker would catch
// first or that a model cannot express.
inline Status InferOp(const std::string& op_type, int64_t opset, const std::vector<Tensor>& inputs,
                      const Attributes& attributes = {}, int num_outputs = 1) {
  const OpDef* op = FindRefOp("", op_type);
  if (op == nullptr) return NotFound("no op " + op_type);
  Node node;
  node.name = "node";
  node.op_type = op_type;
  node.attributes = attributes;
  std::vector<const Tensor*> infos;
  for (size_t i = 0; i < inputs.size(); ++i) {
    node.inputs.push_back(static_cast<int>(i));
    infos.push_back(&inputs[i]);
  }
  for (int i = 0; i < num_outputs; ++i) node.outputs.push_back(static_cast<int>(inputs.size()) + i);
  InferContext ctx(node, opset, infos, std::vector<bool>(inputs.size(), false));
  return op->infer(ctx);
}

// Type and shape only.
inline Tensor Info(DType dtype, const Shape& shape) { return Tensor::View(dtype, shape, nullptr); }

inline Attribute IntAttribute(int64_t value) {
  Attribute a;
  a.kind = Attribute::Kind::kInt;
  a.i = value;
  return a;
}
inline Attribute IntsAttribute(const std::vector<int64_t>& values) {
  Attribute a;
  a.kind = Attribute::Kind::kInts;
  a.ints = values;
  return a;
}
inline Attribute StringAttribute(const std::string& value) {
  Attribute a;
  a.kind = Attribute::Kind::kString;
  a.s = value;
  return a;
}

// Checks a float32 output's shape and values to `tolerance` (relative above 1).
inline void ExpectFloats(const Tensor& actual, const Shape& shape, const std::vector<float>& expected,
                         double tolerance = 1e-5) {
  ASSERT_EQ(actual.dtype(), DType::kFloat32) << DTypeName(actual.dtype());
  ASSERT_EQ(actual.shape(), shape) << ShapeToString(actual.shape());
  ASSERT_EQ(actual.num_elements(), static_cast<int64_t>(expected.size()));
  const float* values = actual.data<float>();
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_NEAR(values[i], expected[i], tolerance * std::max(1.0, std::abs(static_cast<double>(expected[i]))))
        << "element " << i;
  }
}

}  // namespace edgebench::testing::nn_ops
