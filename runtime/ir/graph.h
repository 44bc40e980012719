// edgebench's own IR: values (tensors), nodes and a graph in topological order.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/core/status.h"
#include "runtime/core/tensor.h"
#include "runtime/ir/attribute.h"

namespace edgebench {

// Index of a missing optional input ("" in ONNX).
constexpr int kNoValue = -1;

struct Value {
  std::string name;
  DType dtype = DType::kUndefined;
  // -1 marks a dim not known yet; dim_params holds its symbolic name, if any.
  Shape shape;
  std::vector<std::string> dim_params;
  bool has_shape = false;  // false when even the rank is unknown
  bool is_graph_input = false;
  bool is_graph_output = false;
  std::optional<Tensor> constant;  // initializer data
  int producer = kNoValue;         // node index
  std::vector<int> consumers;      // node indices, one entry per use
};

struct Node {
  std::string name;
  std::string op_type;
  std::string domain;  // "" for the default ONNX domain
  std::vector<int> inputs;   // value indices; kNoValue for a skipped optional input
  std::vector<int> outputs;  // value indices; kNoValue for a skipped optional output
  Attributes attributes;

  int num_inputs() const { return static_cast<int>(inputs.size()); }
  bool has_input(int i) const { return i < num_inputs() && inputs[i] != kNoValue; }
  // "Conv 'conv1'" for messages.
  std::string Describe() const;
};

class Graph {
 public:
  std::vector<Value> values;
  std::vector<Node> nodes;  // topological order once Finalize() succeeded
  std::vector<int> inputs;  // graph inputs that are not initializers
  std::vector<int> outputs;
  int64_t opset = 0;        // default-domain opset
  std::string name;

  // Index of the value named `name`, creating it when absent.
  int GetOrAddValue(const std::string& name);
  // Index of the value named `name`, or kNoValue.
  int FindValue(const std::string& name) const;

  // Links producers and consumers, rejects dangling inputs and values with two
  // producers, and sorts nodes topologically, rejecting cycles.
  Status Finalize();

 private:
  std::unordered_map<std::string, int> index_;
};

}  // namespace edgebench
