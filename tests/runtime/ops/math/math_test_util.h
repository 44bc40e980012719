// Helpers for the math op tests: a single-node ONNX model run through the
// loader and a ref Session (a second run under an AllocationCounter proves the
// kernel allocates nothing), direct Infer calls for validation errors, and
// tolerance-aware checks. Values travel as doubles.
#pragma once

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "runtime/core/tensor.h"
#include "runtime/onnx/model_loader.h"
#include "runtime/ops/op.h"
#include "runtime/ops/op_registry.h"
#include "runtime/session/session.h"
#include "tests/support/allocation_counter.h"

namespace edgebench::testing::math_ops {

inline Tensor MakeTensor(DType dtype, const Shape& shape, const std::vector<double>& values) {
  Tensor t = Tensor::Allocate(dtype, shape).value();
  EXPECT_EQ(static_cast<int64_t>(values.size()), t.num_elements()) << ShapeToString(shape);
  for (int64_t i = 0; i < t.num_elements() && i < static_cast<int64_t>(values.size()); ++i) {
    const double v = values[i];
    switch (dtype) {
      case DType::kFloat32: t.data<float>()[i] = static_cast<float>(v); break;
      case DType::kInt32: t.data<int32_t>()[i] = static_cast<int32_t>(v); break;
      case DType::kInt64: t.data<int64_t>()[i] = static_cast<int64_t>(v); break;
      case DType::kInt8: t.data<int8_t>()[i] = static_cast<int8_t>(v); break;
      case DType::kUInt8: t.data<uint8_t>()[i] = static_cast<uint8_t>(v); break;
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
      default: ADD_FAILURE() << "Values: unhandled dtype " << DTypeName(t.dtype());
    }
  }
  return values;
}

// 0, 1, ..., n-1.
inline std::vector<double> Iota(int64_t n) {
  std::vector<double> v(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) v[i] = static_cast<double>(i);
  return v;
}

// n values in [-1, 1) from a fixed linear congruential sequence.
inline std::vector<double> RandomValues(int64_t n, uint32_t seed) {
  std::vector<double> v(static_cast<size_t>(n));
  uint32_t state = seed * 2654435761u + 12345u;
  for (auto& x : v) {
    state = state * 1664525u + 1013904223u;
    x = static_cast<double>(state >> 8) / static_cast<double>(1u << 24) * 2.0 - 1.0;
  }
  return v;
}

// One node in an ONNX model of the given opset.
class MathOpTester {
 public:
  MathOpTester(const std::string& op_type, int64_t opset) {
    model_.set_ir_version(8);
    model_.set_producer_name("edgebench-tests");
    model_.add_opset_import()->set_version(opset);
    model_.mutable_graph()->set_name("math_op_test");
    node_ = model_.mutable_graph()->add_node();
    node_->set_op_type(op_type);
    node_->set_name("node");
  }

  // A graph input: its data arrives at Run.
  MathOpTester& Input(DType dtype, const Shape& shape, const std::vector<double>& values) {
    const std::string name = "in" + std::to_string(node_->input_size());
    node_->add_input(name);
    auto* value = model_.mutable_graph()->add_input();
    value->set_name(name);
    auto* type = value->mutable_type()->mutable_tensor_type();
    type->set_elem_type(static_cast<int>(dtype));
    auto* proto_shape = type->mutable_shape();
    for (int64_t d : shape) proto_shape->add_dim()->set_dim_value(d);
    inputs_.push_back(MakeTensor(dtype, shape, values));
    return *this;
  }
  // An initializer: known at session creation, as shape-deciding inputs must be.
  MathOpTester& Known(DType dtype, const Shape& shape, const std::vector<double>& values) {
    const std::string name = "in" + std::to_string(node_->input_size());
    node_->add_input(name);
    const Tensor t = MakeTensor(dtype, shape, values);
    onnx::TensorProto* proto = model_.mutable_graph()->add_initializer();
    proto->set_name(name);
    proto->set_data_type(static_cast<int>(dtype));
    for (int64_t d : shape) proto->add_dims(d);
    proto->set_raw_data(std::string(static_cast<const char*>(t.raw_data()), t.num_bytes()));
    return *this;
  }
  // A skipped optional input ("" in ONNX).
  MathOpTester& NoInput() {
    node_->add_input("");
    return *this;
  }

  MathOpTester& Attr(const std::string& name, int64_t value) {
    AddAttr(name, onnx::AttributeProto::INT)->set_i(value);
    return *this;
  }
  MathOpTester& Attr(const std::string& name, float value) {
    AddAttr(name, onnx::AttributeProto::FLOAT)->set_f(value);
    return *this;
  }
  MathOpTester& Attr(const std::string& name, const std::string& value) {
    AddAttr(name, onnx::AttributeProto::STRING)->set_s(value);
    return *this;
  }
  MathOpTester& Ints(const std::string& name, const std::vector<int64_t>& values) {
    auto* a = AddAttr(name, onnx::AttributeProto::INTS);
    for (int64_t v : values) a->add_ints(v);
    return *this;
  }
  MathOpTester& Floats(const std::string& name, const std::vector<float>& values) {
    auto* a = AddAttr(name, onnx::AttributeProto::FLOATS);
    for (float v : values) a->add_floats(v);
    return *this;
  }
  MathOpTester& Strings(const std::string& name, const std::vector<std::string>& values) {
    auto* a = AddAttr(name, onnx::AttributeProto::STRINGS);
    for (const std::string& v : values) a->add_strings(v);
    return *this;
  }

  // A graph output of this type. ONNX shape inference fills in its shape
  // before the load, as the checker wants one.
  MathOpTester& Output(DType dtype) {
    const std::string name = "out" + std::to_string(node_->output_size());
    node_->add_output(name);
    auto* value = model_.mutable_graph()->add_output();
    value->set_name(name);
    value->mutable_type()->mutable_tensor_type()->set_elem_type(static_cast<int>(dtype));
    return *this;
  }
  // A skipped optional output.
  MathOpTester& NoOutput() {
    node_->add_output("");
    return *this;
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

 private:
  Status Create() {
    try {
      onnx::shape_inference::InferShapes(model_);
    } catch (const std::exception& e) {
      return InvalidArgument(std::string("ONNX shape inference: ") + e.what());
    }
    auto model = LoadModelFromBytes(model_.SerializeAsString(), "/tmp", "math_op_test.onnx");
    if (!model.ok()) return model.status();
    auto session = Session::Create(*model);
    if (!session.ok()) return session.status();
    session_ = std::move(session).value();
    return Status::Ok();
  }

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

// Type and shape only: not known before the run.
inline Tensor Info(DType dtype, const Shape& shape) { return Tensor::View(dtype, shape, nullptr); }

// Calls `op_type`'s Infer directly, for validation errors the ONNX checker
// would catch first. Inputs with data count as known before the run; a
// default Tensor() is a skipped optional input.
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
    const bool present = inputs[i].dtype() != DType::kUndefined;
    node.inputs.push_back(present ? static_cast<int>(i) : kNoValue);
    infos.push_back(present ? &inputs[i] : nullptr);
    known.push_back(inputs[i].raw_data() != nullptr);
  }
  for (int i = 0; i < num_outputs; ++i) node.outputs.push_back(static_cast<int>(inputs.size()) + i);
  InferContext ctx(node, opset, infos, known);
  return op->infer(ctx);
}

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
inline Attribute StringsAttribute(const std::vector<std::string>& values) {
  Attribute a;
  a.kind = Attribute::Kind::kStrings;
  a.strings = values;
  return a;
}

// Checks dtype, shape and values exactly (integers).
inline void ExpectTensor(const Tensor& actual, DType dtype, const Shape& shape, const std::vector<double>& expected) {
  ASSERT_EQ(actual.dtype(), dtype) << DTypeName(actual.dtype());
  ASSERT_EQ(actual.shape(), shape) << ShapeToString(actual.shape());
  EXPECT_EQ(Values(actual), expected);
}

// Checks float32 dtype, shape and values to an absolute-plus-relative tolerance.
inline void ExpectNear(const Tensor& actual, const Shape& shape, const std::vector<double>& expected,
                       double tolerance = 1e-5) {
  ASSERT_EQ(actual.dtype(), DType::kFloat32) << DTypeName(actual.dtype());
  ASSERT_EQ(actual.shape(), shape) << ShapeToString(actual.shape());
  const std::vector<double> values = Values(actual);
  ASSERT_EQ(values.size(), expected.size());
  for (size_t i = 0; i < values.size(); ++i) {
    EXPECT_NEAR(values[i], expected[i], tolerance * std::max(1.0, std::abs(expected[i]))) << "element " << i;
  }
}

}  // namespace edgebench::testing::math_ops
