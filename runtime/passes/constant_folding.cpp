#include "runtime/passes/constant_folding.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "runtime/ops/op_registry.h"
#include "runtime/quant/onnx_graph_edit.h"
#include "runtime/quant/onnx_model_edit.h"
#include "runtime/session/session.h"

namespace edgebench {
namespace {

bool HasSubgraph(const onnx::NodeProto& node) {
  for (const auto& attr : node.attribute()) {
    if (attr.has_g() || attr.graphs_size() > 0) return true;
  }
  return false;
}

bool Foldable(const onnx::NodeProto& node) {
  static const std::set<std::string> kNever = {
      "QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear",  // QDQ fusion reads them
      "RandomNormal",   "RandomNormalLike", "RandomUniform",       "RandomUniformLike", "Multinomial", "Bernoulli"};
  const bool default_domain = node.domain().empty() || node.domain() == "ai.onnx";
  if (!default_domain || kNever.count(node.op_type()) > 0 || HasSubgraph(node)) return false;
  if (node.input_size() == 0 && node.op_type() != "Constant") return false;
  return FindRefOp("", node.op_type()) != nullptr;
}

// The node's outputs, computed by a session over a model of this one node
// with its constant inputs as initializers; the session folds it at creation.
// An error (unsupported types, too large, ...) means: leave the node alone.
Expected<std::vector<Tensor>> Evaluate(const onnx::ModelProto& model, const onnx::NodeProto& node,
                                       const std::map<std::string, int>& constants, size_t max_bytes) {
  onnx::ModelProto one;
  one.set_ir_version(model.ir_version());
  *one.mutable_opset_import() = model.opset_import();
  onnx::GraphProto& g = *one.mutable_graph();
  g.set_name("fold");
  *g.add_node() = node;
  std::set<std::string> added;
  for (const std::string& in : node.input()) {
    if (in.empty() || !added.insert(in).second) continue;
    *g.add_initializer() = model.graph().initializer(constants.at(in));
  }
  for (const std::string& out : node.output()) {
    if (!out.empty()) g.add_output()->set_name(out);
  }
  LoadOptions load;
  load.run_checker = false;
  load.run_shape_inference = false;
  EB_ASSIGN_OR_RETURN(auto loaded, LoadModelFromBytes(one.SerializeAsString(), "", DescribeNode(node), load));
  SessionOptions options;
  options.max_memory_bytes = max_bytes;
  EB_ASSIGN_OR_RETURN(auto session, Session::Create(loaded, options));
  if (session->num_steps() != 0) return Internal(DescribeNode(node) + " was not folded at session creation");
  std::vector<Tensor> values;
  size_t bytes = 0;
  for (int o = 0; o < session->num_outputs(); ++o) {
    bytes += session->output(o).num_bytes();
    EB_ASSIGN_OR_RETURN(Tensor copy, session->output(o).Clone());
    values.push_back(std::move(copy));
  }
  if (bytes > max_bytes) return ResourceExhausted(DescribeNode(node) + ": folded outputs exceed the size cap");
  return values;
}

size_t InitializerBytes(const onnx::TensorProto& proto) {
  size_t elements = 1;
  for (int64_t d : proto.dims()) elements *= static_cast<size_t>(std::max<int64_t>(d, 0));
  const size_t item = proto.data_type() == onnx::TensorProto::STRING
                          ? 1
                          : DTypeSize(static_cast<DType>(proto.data_type()));
  return elements * std::max<size_t>(item, 1);
}

}  // namespace

Expected<int> FoldConstants(onnx::ModelProto& model, const ConstantFoldingOptions& options) {
  onnx::GraphProto& graph = *model.mutable_graph();
  std::set<std::string> overridable;
  for (const auto& in : graph.input()) overridable.insert(in.name());
  std::set<std::string> graph_outputs;
  for (const auto& out : graph.output()) graph_outputs.insert(out.name());
  // Constant values by name: index into graph.initializer(). Appending keeps the indices.
  std::map<std::string, int> constants;
  for (int i = 0; i < graph.initializer_size(); ++i) {
    if (overridable.count(graph.initializer(i).name()) == 0) constants[graph.initializer(i).name()] = i;
  }

  std::vector<bool> remove(graph.node_size(), false);
  std::set<std::string> read;
  int folded = 0;
  // ONNX lists nodes in topological order, so one pass in order also folds
  // chains: a node's constant inputs were folded before it.
  for (int n = 0; n < graph.node_size(); ++n) {
    const onnx::NodeProto& node = graph.node(n);
    if (!Foldable(node)) continue;
    bool all_constant = true;
    size_t input_bytes = 0;
    for (const std::string& in : node.input()) {
      if (in.empty()) continue;
      auto it = constants.find(in);
      all_constant = all_constant && it != constants.end();
      if (it != constants.end()) input_bytes += InitializerBytes(graph.initializer(it->second));
    }
    bool output_kept = false;
    for (const std::string& out : node.output()) output_kept = output_kept || graph_outputs.count(out) > 0;
    if (!all_constant || output_kept) continue;

    const size_t cap = std::max(static_cast<size_t>(options.max_growth * static_cast<double>(input_bytes)),
                                options.always_fold_bytes);
    auto values = Evaluate(model, node, constants, cap);
    if (!values.ok()) continue;
    for (int o = 0; o < node.output_size(); ++o) {
      if (node.output(o).empty()) continue;
      AddInitializer(graph, node.output(o), (*values)[o]);
      constants[node.output(o)] = graph.initializer_size() - 1;
    }
    for (const std::string& in : node.input()) {
      if (!in.empty()) read.insert(in);
    }
    remove[n] = true;
    ++folded;
  }
  RemoveNodes(graph, remove);
  RemoveOrphanedInitializers(graph, read);
  PruneValueInfo(graph);
  return folded;
}

}  // namespace edgebench
