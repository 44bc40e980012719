// Hand-built ONNX protos for tests: well-formed ones and deliberately broken ones.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>
#include <vector>

namespace edgebench::testing {

// An empty opset-13 model with one float input "x" of shape `dims`
// (-1 makes a symbolic "batch" dim).
onnx::ModelProto MakeModel(const std::vector<int64_t>& x_dims);
void AddNode(onnx::ModelProto& model, const std::string& op, const std::vector<std::string>& inputs,
             const std::vector<std::string>& outputs, const std::string& name = "");
// The ONNX checker requires graph outputs to carry a shape; -1 is "batch".
void AddOutput(onnx::ModelProto& model, const std::string& name, const std::vector<int64_t>& dims);
void AddFloatInitializer(onnx::ModelProto& model, const std::string& name, const std::vector<int64_t>& dims,
                         const std::vector<float>& values);

// x -> Relu -> a; a + x -> b; Relu(b) -> y: a chain with an in-place candidate.
onnx::ModelProto MakeChainModel(const std::vector<int64_t>& x_dims = {1, 8});

std::string Serialize(const onnx::ModelProto& model);
// A fresh temporary folder, removed by the caller (or left for inspection).
std::string MakeTempDir(const std::string& prefix);
void WriteFile(const std::string& path, const std::string& bytes);

}  // namespace edgebench::testing
