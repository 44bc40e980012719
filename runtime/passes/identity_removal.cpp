#include "runtime/passes/identity_removal.h"

#include <onnx/onnx_pb.h>

#include <set>
#include <string>
#include <vector>

#include "runtime/passes/graph_constants.h"
#include "runtime/quant/onnx_graph_edit.h"
#include "runtime/quant/onnx_model_edit.h"

namespace edgebench {
namespace {

bool IsDefaultDomain(const onnx::NodeProto& node) { return node.domain().empty() || node.domain() == "ai.onnx"; }

// Dropout is the identity at inference: before opset 12 always (is_test in
// opsets < 7 only picked the mode), from 12 unless training_mode is true.
bool DropoutIsIdentity(const onnx::NodeProto& node, const GraphIndex& index, const GraphConstants& constants,
                       int64_t opset) {
  if (opset < 7 && IntAttribute(node, "is_test", 0) == 0) return false;
  if (node.output_size() > 1 && !node.output(1).empty()) {
    if (!index.consumers(node.output(1)).empty() || index.is_graph_output(node.output(1))) return false;
  }
  if (node.input_size() > 2 && !node.input(2).empty()) {
    auto mode = constants.Read(node.input(2));
    if (!mode.ok() || mode->num_elements() != 1 || mode->dtype() != DType::kBool || *mode->data<bool>()) {
      return false;
    }
  }
  return true;
}

bool Removable(const onnx::NodeProto& node, const GraphIndex& index, const GraphConstants& constants,
               int64_t opset) {
  if (!IsDefaultDomain(node) || node.input_size() < 1 || node.input(0).empty() || node.output_size() < 1) {
    return false;
  }
  if (node.op_type() == "Identity") return true;
  return node.op_type() == "Dropout" && DropoutIsIdentity(node, index, constants, opset);
}

// Removes node `n` (input x, output y) by rewiring; false when it must stay.
bool Rewire(onnx::GraphProto& graph, const GraphIndex& index, const std::set<std::string>& subgraph_reads, int n) {
  const std::string x = graph.node(n).input(0);
  const std::string y = graph.node(n).output(0);
  if (subgraph_reads.count(y) > 0) return false;
  if (!index.is_graph_output(y)) {
    for (const auto& [c, slot] : index.consumers(y)) graph.mutable_node(c)->set_input(slot, x);
    return true;
  }
  // y names a graph output: x's producer writes y directly, and x's other readers read y.
  const int p = index.producer(x);
  if (p < 0 || index.is_graph_output(x) || subgraph_reads.count(x) > 0) return false;
  onnx::NodeProto& producer = *graph.mutable_node(p);
  for (int o = 0; o < producer.output_size(); ++o) {
    if (producer.output(o) == x) producer.set_output(o, y);
  }
  for (const auto& [c, slot] : index.consumers(x)) {
    if (c != n) graph.mutable_node(c)->set_input(slot, y);
  }
  return true;
}

}  // namespace

Expected<int> RemoveIdentityAndDropout(onnx::ModelProto& model) {
  onnx::GraphProto& graph = *model.mutable_graph();
  const int64_t opset = DefaultOpset(model);
  const std::set<std::string> subgraph_reads = SubgraphReads(graph);
  int removed = 0;
  // One node at a time, re-indexing after each edit: renames change what the
  // index says about the nodes after it.
  for (int n = 0; n < graph.node_size();) {
    const std::string& op = graph.node(n).op_type();
    if (op != "Identity" && op != "Dropout") {
      ++n;
      continue;
    }
    const GraphIndex index(graph);
    const GraphConstants constants(graph);
    if (!Removable(graph.node(n), index, constants, opset) || !Rewire(graph, index, subgraph_reads, n)) {
      ++n;
      continue;
    }
    std::vector<bool> remove(graph.node_size(), false);
    remove[n] = true;
    std::set<std::string> inputs(graph.node(n).input().begin(), graph.node(n).input().end());
    RemoveNodes(graph, remove);
    RemoveOrphanedInitializers(graph, inputs);
    ++removed;
  }
  PruneValueInfo(graph);
  return removed;
}

}  // namespace edgebench
