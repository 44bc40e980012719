// Runs one ONNX node through the loader and a ref Session, for the tensor op
// tests. Inputs are either graph inputs (data arrives at Run, so the kernel
// runs in the plan) or initializers (known at creation, as shape-deciding
// inputs must be). A second run is made under an AllocationCounter to prove
// the kernel does not allocate. Values travel as doubles.
#pragma once

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "runtime/core/tensor.h"
#include "runtime/onnx/model_loader.h"
#include "runtime/ops/op.h"
#include "runtime/ops/op_registry.h"
#include "runtime/session/session.h"
#include "tests/support/allocation_counter.h"

namespace edgebench::testing::tensor_ops {

inline Tensor MakeTensor(DType dtype, const Shape& shape, const std::vector<double>& values) {
  Tensor t = Tensor::Allocate(dtype, shape).value();
  EXPECT_EQ(static_cast<int64_t>(values.size()), t.num_elements()) << "values for " << ShapeToString(shape);
  for (int64_t i = 0; i < t.num_elements() && i < static_cast<int64_t>(values.size()); ++i) {
    const double v = values[i];
    switch (dtype) {
      case DType::kFloat32: t.data<float>()[i] = static_cast<float>(v); break;
      case DType::kInt32: t.data<int32_t>()[i] = static_cast<int32_t>(v); break;
      case DType::kInt64: t.data<int64_t>()[i] = static_cast<int64_t>(v); break;
      case DType::kInt8: t.data<int8_t>()[i] = static_cast<int8_t>(v); break;
      case DType::kUInt8: t.data<uint8_t>()[i] = static_cast<uint8_t>(v); break;
      case DType::kBool: t.data<bool>()[i] = v != 0.0; break;
      default: ADD_FAILURE() << "MakeTensor: unhandled dtype " << DTypeName(dtype);
    }
  }
  return t;
}

inline std::vector<double> Values(const Tensor& t) {
  std::vector<double> values(static_cast<size_t>(t.num_elements()));
  for (size_t i = 0; i < values.size(); ++i) {
    switch (t.dtype()) {
      case DType::kFloat32: values[i] = t.data<float>()[i]; break;
      case DType::kInt32: values[i] = t.data<int32_t>()[i]; break;
      case DType::kInt64: values[i] = static_cast<double>(t.data<int64_t>()[i]); break;
      case DType::kInt8: values[i] = t.data<int8_t>()[i]; break;
      case DType::kUInt8: values[i] = t.data<uint8_t>()[i]; break;
      case DType::kBool: values[i] = t.data<bool>()[i] ? 1.0 : 0.0; break;
      default: ADD_FAILURE() << "Values: unhandled dtype " << DTypeName(t.dtype());
    }
  }
  return values;
}

// 0, 1, 2, ... n-1.
inline std::vector<double> Iota(int64_t n) {
  std::vector<double> v(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) v[i] = static_cast<double>(i);
  return v;
}

inline onnx::TensorProto ToProto(const Tensor& t, const std::string& name) {
  onnx::TensorProto proto;
  proto.set_name(name);
  proto.set_data_type(static_cast<int>(t.dtype()));
  for (int64_t d : t.shape()) proto.add_dims(d);
  proto.set_raw_data(std::string(static_cast<const char*>(t.raw_data()), t.num_bytes()));
  return proto;
}

class TensorOpTester {
 public:
  TensorOpTester(const std::string& op_type, int64_t opset) {
    model_.set_ir_version(8);
    model_.set_producer_name("edgebench-tests");
    model_.add_opset_import()->set_version(opset);
    model_.mutable_graph()->set_name("tensor_op_test");
    node_ = model_.mutable_graph()->add_node();
    node_->set_op_type(op_type);
    node_->set_name("node");
  }

  // A graph input: its data arrives at Run.
  TensorOpTester& Input(DType dtype, const Shape& shape, const std::vector<double>& values) {
    const std::string name = NextInputName();
    node_->add_input(name);
    SetType(model_.mutable_graph()->add_input(), name, dtype, shape);
    inputs_.push_back(MakeTensor(dtype, shape, values));
    return *this;
  }
  // An initializer: known at session creation.
  TensorOpTester& Known(DType dtype, const Shape& shape, const std::vector<double>& values) {
    const std::string name = NextInputName();
    node_->add_input(name);
    *model_.mutable_graph()->add_initializer() = ToProto(MakeTensor(dtype, shape, values), name);
    return *this;
  }
  // A skipped optional input ("" in ONNX).
  TensorOpTester& NoInput() {
    node_->add_input("");
    return *this;
  }

  TensorOpTester& Attr(const std::string& name, int64_t value) {
    auto* a = AddAttr(name, onnx::AttributeProto::INT);
    a->set_i(value);
    return *this;
  }
  TensorOpTester& Attr(const std::string& name, float value) {
    auto* a = AddAttr(name, onnx::AttributeProto::FLOAT);
    a->set_f(value);
    return *this;
  }
  TensorOpTester& Attr(const std::string& name, const std::string& value) {
    auto* a = AddAttr(name, onnx::AttributeProto::STRING);
    a->set_s(value);
    return *this;
  }
  TensorOpTester& Ints(const std::string& name, const std::vector<int64_t>& values) {
    auto* a = AddAttr(name, onnx::AttributeProto::INTS);
    for (int64_t v : values) a->add_ints(v);
    return *this;
  }
  TensorOpTester& Floats(const std::string& name, const std::vector<float>& values) {
    auto* a = AddAttr(name, onnx::AttributeProto::FLOATS);
    for (float v : values) a->add_floats(v);
    return *this;
  }
  TensorOpTester& TensorAttr(const std::string& name, DType dtype, const Shape& shape,
                             const std::vector<double>& values) {
    auto* a = AddAttr(name, onnx::AttributeProto::TENSOR);
    *a->mutable_t() = ToProto(MakeTensor(dtype, shape, values), "");
    return *this;
  }

  // A graph output whose shape is left to the session: the ONNX checker wants
  // a shape field, and an empty one passes (ONNX shape inference then only
  // warns of the difference; edgebench re-infers every shape).
  TensorOpTester& Output(DType dtype) {
    const std::string name = "out" + std::to_string(node_->output_size());
    node_->add_output(name);
    SetType(model_.mutable_graph()->add_output(), name, dtype, {});
    return *this;
  }
  // A graph output with its expected shape.
  TensorOpTester& Output(DType dtype, const Shape& shape) {
    const std::string name = "out" + std::to_string(node_->output_size());
    node_->add_output(name);
    SetType(model_.mutable_graph()->add_output(), name, dtype, shape);
    return *this;
  }
  // A skipped optional output.
  TensorOpTester& NoOutput() {
    node_->add_output("");
    return *this;
  }

  // Loads the model and creates the session; the error, if any.
  Status Create() {
    LoadOptions options;
    auto model = LoadModelFromBytes(model_.SerializeAsString(), "/tmp", "tensor_op_test.onnx", options);
    if (!model.ok()) return model.status();
    auto session = Session::Create(*model);
    if (!session.ok()) return session.status();
    session_ = std::move(session).value();
    return Status::Ok();
  }

  // Runs twice (the second time counting allocations) and returns output i.
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

  // One run's status, for errors only the run can see.
  Status TryRun() {
    if (!session_) EB_RETURN_IF_ERROR(Create());
    return session_->Run(inputs_);
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

  static void SetType(onnx::ValueInfoProto* value, const std::string& name, DType dtype, const Shape& shape) {
    value->set_name(name);
    auto* tensor_type = value->mutable_type()->mutable_tensor_type();
    tensor_type->set_elem_type(static_cast<int>(dtype));
    auto* proto_shape = tensor_type->mutable_shape();
    for (int64_t d : shape) proto_shape->add_dim()->set_dim_value(d);
  }

  onnx::ModelProto model_;
  onnx::NodeProto* node_ = nullptr;
  std::vector<Tensor> inputs_;
  std::unique_ptr<Session> session_;
};

// Calls `op_type`'s Infer directly: inputs with data are known before the
// run, those without (Info) are not. For validation errors the ONNX checker
// would catch first.
inline Status InferOp(const std::string& op_type, int64_t opset, const std::vector<Tensor>& inputs,
                      const Attributes& attributes = {}, int num_outputs = 1) {
  const OpDef* op = FindRefOp("", op_type);
  if (op == nullptr) return NotFound("no op " + op_type);
  Node node;
  node.name = "node";
  node.op_type = op_type;
  node.attributes = attributes;
  std::vector<const Tensor*> infos;
  std::vector<bool> known;
  for (size_t i = 0; i < inputs.size(); ++i) {
    node.inputs.push_back(static_cast<int>(i));
    infos.push_back(&inputs[i]);
    known.push_back(inputs[i].raw_data() != nullptr);
  }
  for (int i = 0; i < num_outputs; ++i) node.outputs.push_back(static_cast<int>(inputs.size()) + i);
  InferContext ctx(node, opset, infos, known);
  return op->infer(ctx);
}

// Type and shape only: not known before the run.
inline Tensor Info(DType dtype, const Shape& shape) { return Tensor::View(dtype, shape, nullptr); }

inline Attribute IntsAttribute(const std::vector<int64_t>& values) {
  Attribute a;
  a.kind = Attribute::Kind::kInts;
  a.ints = values;
  return a;
}
inline Attribute IntAttribute(int64_t value) {
  Attribute a;
  a.kind = Attribute::Kind::kInt;
  a.i = value;
  return a;
}

// Checks an output's dtype, shape and values (floats to a relative 1e-6).
inline void ExpectTensor(const Tensor& actual, DType dtype, const Shape& shape, const std::vector<double>& expected) {
  ASSERT_EQ(actual.dtype(), dtype) << DTypeName(actual.dtype());
  ASSERT_EQ(actual.shape(), shape) << ShapeToString(actual.shape());
  const std::vector<double> values = Values(actual);
  ASSERT_EQ(values.size(), expected.size());
  for (size_t i = 0; i < values.size(); ++i) {
    if (dtype == DType::kFloat32) {
      EXPECT_NEAR(values[i], expected[i], 1e-6 * std::max(1.0, std::abs(expected[i]))) << "element " << i;
    } else {
      EXPECT_EQ(values[i], expected[i]) << "element " << i;
    }
  }
}

// The data types every tensor op moves.
inline const std::vector<DType>& MovableTypes() {
  static const std::vector<DType> kTypes = {DType::kFloat32, DType::kInt64, DType::kInt32,
                                            DType::kInt8,    DType::kUInt8, DType::kBool};
  return kTypes;
}

// Values that survive a round trip through every movable type (bool: 0/1).
inline std::vector<double> SmallValues(DType dtype, int64_t n) {
  std::vector<double> v(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) v[i] = dtype == DType::kBool ? static_cast<double>(i % 3 == 1) : static_cast<double>(i + 1);
  return v;
}

}  // namespace edgebench::testing::tensor_ops
