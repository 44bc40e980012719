// Structural edits of an onnx::GraphProto for the passes that rewrite the
// protobuf before it becomes edgebench IR (QDQ fusion, QDQ insertion):
// removing nodes and what they leave behind, fresh names, element types, and
// the values subgraphs read. Lookups (producers, consumers, initializers by
// name) are GraphIndex in runtime/quant/onnx_model_edit.h; these complement it.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace onnx {
class AttributeProto;
class GraphProto;
class ModelProto;
class NodeProto;
}  // namespace onnx

namespace edgebench {

// Fresh names for nodes, values and initializers: `base` when the graph does
// not use it yet, else base_1, base_2, ... Each name it returns is reserved.
class NameGenerator {
 public:
  explicit NameGenerator(const onnx::GraphProto& graph);
  std::string Make(const std::string& base);

 private:
  std::set<std::string> used_;
};

// The ONNX element type (onnx::TensorProto::DataType number) of every value
// the graph states one for: initializers, graph inputs and outputs,
// value_info. Values missing from the map are unknown until ONNX shape
// inference has run.
std::map<std::string, int> StatedElemTypes(const onnx::GraphProto& graph);

// Names the nodes of the graph's subgraphs (If/Loop/Scan bodies, at any
// depth) read. A value of the outer graph in this set has a reader that
// GraphIndex::consumers() does not list, so it must not be removed or renamed.
// Names a subgraph defines itself are included too: over-counting only keeps
// more values alive.
std::set<std::string> SubgraphReads(const onnx::GraphProto& graph);

// The attribute `name` of `node`, or null.
const onnx::AttributeProto* FindAttribute(const onnx::NodeProto& node, const std::string& name);

// Removes the nodes marked in `remove` (indexed like graph.node()), keeping
// the order of the others. Returns how many were removed.
int RemoveNodes(onnx::GraphProto& graph, const std::vector<bool>& remove);

// Removes the initializers among `candidates` that nothing reads any more: no
// node, no subgraph, no graph output, and not listed as a graph input. Unlike
// RemoveUnusedInitializers (onnx_model_edit.h) it leaves initializers outside
// `candidates` alone, so a pass removes only what it orphaned. Returns how
// many were removed.
int RemoveOrphanedInitializers(onnx::GraphProto& graph, const std::set<std::string>& candidates);

// Drops value_info entries of values no node produces any more, so stale
// types of removed tensors do not reach shape inference.
void PruneValueInfo(onnx::GraphProto& graph);

// Adds `domain` at `version` to the model's opset imports unless it is there.
void EnsureOpsetImport(onnx::ModelProto& model, const std::string& domain, int64_t version);

}  // namespace edgebench
