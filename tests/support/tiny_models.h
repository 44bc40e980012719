// Hand-built ONNX protos for tests: well-formed ones and deliberately broken ones.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>
#include <vector>

#include "runtime/core/tensor.h"

namespace edgebench::testing {

// A model with an empty graph that imports the default domain at `opset`.
onnx::ModelProto MakeEmptyModel(int64_t opset = 13);
// An empty opset-13 model with one float input "x" of shape `dims`
// (-1 makes a symbolic "batch" dim).
onnx::ModelProto MakeModel(const std::vector<int64_t>& x_dims);
onnx::NodeProto* AddNode(onnx::ModelProto& model, const std::string& op, const std::vector<std::string>& inputs,
                         const std::vector<std::string>& outputs, const std::string& name = "");
// An attribute of `type` on `node`, for the caller to fill in.
onnx::AttributeProto* AddAttribute(onnx::NodeProto* node, const std::string& name,
                                   onnx::AttributeProto::AttributeType type);
// Graph inputs and outputs of `dtype` and shape `dims`; -1 is "batch".
void AddInput(onnx::ModelProto& model, const std::string& name, DType dtype, const std::vector<int64_t>& dims);
void AddOutput(onnx::ModelProto& model, const std::string& name, DType dtype, const std::vector<int64_t>& dims);
// The ONNX checker requires graph outputs to carry a shape; -1 is "batch".
void AddOutput(onnx::ModelProto& model, const std::string& name, const std::vector<int64_t>& dims);
// A graph output with a type but no shape, for ONNX shape inference to fill in.
void AddOutputWithoutShape(onnx::ModelProto& model, const std::string& name, DType dtype);
void AddInitializer(onnx::ModelProto& model, const std::string& name, const Tensor& value);
void AddFloatInitializer(onnx::ModelProto& model, const std::string& name, const std::vector<int64_t>& dims,
                         const std::vector<float>& values);

// x -> Relu -> a; a + x -> b; Relu(b) -> y: a chain with an in-place candidate.
onnx::ModelProto MakeChainModel(const std::vector<int64_t>& x_dims = {1, 8});

std::string Serialize(const onnx::ModelProto& model);
// A fresh temporary folder, removed by the caller (or left for inspection).
std::string MakeTempDir(const std::string& prefix);
void WriteFile(const std::string& path, const std::string& bytes);

}  // namespace edgebench::testing
