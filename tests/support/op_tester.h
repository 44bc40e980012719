// Drives one ONNX op through the real loader and a ref Session, for the op
// tests under tests/runtime/ops. OpTester builds a one-node model (inputs of
// any dtype and shape, each arriving at Run, fixed at creation or stored as an
// initializer; attributes of every kind; skipped optional inputs and outputs),
// creates the session, runs it twice and checks that the second run allocates
// nothing. InferOp calls an op's Infer directly, for validation the ONNX
// checker would catch before the op sees it.
#pragma once

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "runtime/core/status.h"
#include "runtime/core/tensor.h"
#include "runtime/ir/attribute.h"
#include "runtime/session/session.h"
#include "tests/support/tensor_values.h"

namespace edgebench::testing {

class OpTester {
 public:
  OpTester(const std::string& op_type, int64_t opset);

  // Inputs, in the node's order. A graph input: its data arrives at Run, so
  // the kernel runs in the plan.
  OpTester& Input(DType dtype, const Shape& shape, const std::vector<double>& values);
  OpTester& Input(const Tensor& value);
  // An initializer: known at creation, as weights and shape-deciding inputs are.
  OpTester& Known(DType dtype, const Shape& shape, const std::vector<double>& values);
  // A graph input whose data is fixed at session creation
  // (SessionOptions::fixed_inputs) and passed again at Run.
  OpTester& Fixed(DType dtype, const Shape& shape, const std::vector<double>& values);
  // A skipped optional input ("" in ONNX).
  OpTester& NoInput();

  OpTester& Attr(const std::string& name, int64_t value);
  OpTester& Attr(const std::string& name, float value);
  OpTester& Attr(const std::string& name, const std::string& value);
  OpTester& Ints(const std::string& name, const std::vector<int64_t>& values);
  OpTester& Floats(const std::string& name, const std::vector<float>& values);
  OpTester& Strings(const std::string& name, const std::vector<std::string>& values);
  OpTester& TensorAttr(const std::string& name, DType dtype, const Shape& shape, const std::vector<double>& values);

  // A graph output of `dtype` whose shape ONNX shape inference fills in
  // before the load, as the ONNX checker wants one (edgebench infers its own).
  OpTester& Output(DType dtype);
  // A graph output declared with its expected shape.
  OpTester& Output(DType dtype, const Shape& shape);
  // A skipped optional output.
  OpTester& NoOutput();

  // Loads the model and creates the session; the error, if any.
  Status Create();
  // Creates the session if needed, runs twice (the second time counting heap
  // allocations, which must be none) and returns a copy of graph output i.
  Tensor Run(int i = 0);
  // Creates the session if needed and runs once: for errors only a run sees.
  Status TryRun();

  const Session& session() const { return *session_; }

 private:
  std::string NextInputName() const;
  onnx::AttributeProto* AddAttr(const std::string& name, onnx::AttributeProto::AttributeType type);

  onnx::ModelProto model_;
  onnx::NodeProto* node_ = nullptr;
  bool outputs_need_shapes_ = false;
  std::vector<Tensor> inputs_;  // graph inputs, in order
  std::map<std::string, Tensor> fixed_inputs_;
  std::unique_ptr<Session> session_;
};

// Calls `op_type`'s Infer on inputs given as tensors: those with data count
// as known before the run, Info() ones do not, and a default Tensor() is a
// skipped optional input.
Status InferOp(const std::string& op_type, int64_t opset, const std::vector<Tensor>& inputs,
               const Attributes& attributes = {}, int num_outputs = 1);

// Attributes for InferOp.
Attribute IntAttribute(int64_t value);
Attribute IntsAttribute(const std::vector<int64_t>& values);
Attribute StringAttribute(const std::string& value);
Attribute StringsAttribute(const std::vector<std::string>& values);

// Passes when `status` failed with `code` and its message contains
// `substring`: EXPECT_TRUE(IsError(t.Create(), ErrorCode::kUnsupported, "...")).
::testing::AssertionResult IsError(const Status& status, ErrorCode code, const std::string& substring = "");

}  // namespace edgebench::testing
