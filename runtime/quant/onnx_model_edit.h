// Reading and writing the parts of an onnx::GraphProto that quantization
// passes rewrite: initializers by name, who produces and who consumes a value,
// and new nodes and initializers.
#pragma once

#include <onnx/onnx_pb.h>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "runtime/core/status.h"
#include "runtime/core/tensor.h"

namespace edgebench {

// An .onnx file as a protobuf, for passes that rewrite it before loading.
Expected<onnx::ModelProto> ReadModelProto(const std::string& path);

// The version of the default ONNX domain the model imports; 0 when none.
int64_t DefaultOpset(const onnx::ModelProto& model);

// An index of a graph, valid until the graph is edited.
class GraphIndex {
 public:
  explicit GraphIndex(const onnx::GraphProto& graph);

  const onnx::TensorProto* initializer(const std::string& name) const;
  // The index of the node producing `name`, or -1 (a graph input or initializer).
  int producer(const std::string& name) const;
  // (node index, input slot) of each use.
  const std::vector<std::pair<int, int>>& consumers(const std::string& name) const;
  bool is_graph_output(const std::string& name) const { return outputs_.count(name) > 0; }
  bool is_graph_input(const std::string& name) const { return inputs_.count(name) > 0; }

 private:
  std::map<std::string, const onnx::TensorProto*> initializers_;
  std::map<std::string, int> producers_;
  std::map<std::string, std::vector<std::pair<int, int>>> consumers_;
  std::set<std::string> outputs_;
  std::set<std::string> inputs_;  // graph inputs that are not initializers
};

// An initializer's data, refusing external data (quantization reads weights
// from the model file itself).
Expected<Tensor> ReadInitializer(const onnx::TensorProto& proto);
void AddInitializer(onnx::GraphProto& graph, const std::string& name, const Tensor& value);
Status AddScalarInitializer(onnx::GraphProto& graph, const std::string& name, DType dtype, double value);

// A node of the default domain with the given inputs and outputs.
onnx::NodeProto MakeNode(const std::string& op_type, const std::string& name, const std::vector<std::string>& inputs,
                         const std::vector<std::string>& outputs);
void SetIntAttribute(onnx::NodeProto& node, const std::string& name, int64_t value);
// The node's int attribute, or `fallback` when absent.
int64_t IntAttribute(const onnx::NodeProto& node, const std::string& name, int64_t fallback);
float FloatAttribute(const onnx::NodeProto& node, const std::string& name, float fallback);

// Drops initializers that no node reads and that are not graph outputs.
void RemoveUnusedInitializers(onnx::GraphProto& graph);

// "Conv 'conv1'" for reports.
std::string DescribeNode(const onnx::NodeProto& node);

}  // namespace edgebench
