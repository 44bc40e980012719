#include "runtime/passes/residual_add_fusion.h"

#include <onnx/defs/schema.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <exception>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "runtime/quant/onnx_graph_edit.h"
#include "runtime/quant/onnx_model_edit.h"

namespace edgebench {
namespace {

constexpr char kMsDomain[] = "com.microsoft";

bool IsDefaultDomain(const onnx::NodeProto& node) { return node.domain().empty() || node.domain() == "ai.onnx"; }

// A value's element type and dims, when every dim is a number or a named
// symbol ("batch": two values with the same symbol have the same size).
struct StaticType {
  int elem_type = 0;
  std::vector<std::string> dims;  // "7" or "$batch"
  bool operator==(const StaticType& o) const { return elem_type == o.elem_type && dims == o.dims; }
};

void Record(const onnx::ValueInfoProto& value, std::map<std::string, StaticType>* types) {
  if (!value.type().has_tensor_type() || !value.type().tensor_type().has_shape()) return;
  const onnx::TypeProto::Tensor& t = value.type().tensor_type();
  StaticType s;
  s.elem_type = t.elem_type();
  for (const auto& dim : t.shape().dim()) {
    if (dim.has_dim_value()) {
      s.dims.push_back(std::to_string(dim.dim_value()));
    } else if (dim.has_dim_param() && !dim.dim_param().empty()) {
      s.dims.push_back("$" + dim.dim_param());
    } else {
      return;
    }
  }
  (*types)[value.name()] = s;
}

// The static types of the graph's values after ONNX shape inference, run on
// a copy so that the model keeps the value_info it came with.
std::map<std::string, StaticType> StaticTypes(const onnx::ModelProto& model) {
  onnx::ModelProto copy = model;
  try {
    onnx::ShapeInferenceOptions options;
    options.check_type = false;
    options.error_mode = 0;  // keep going: what it could not infer stays unknown and is not fused
    onnx::shape_inference::InferShapes(copy, onnx::OpSchemaRegistry::Instance(), options);
  } catch (const std::exception&) {
    // The values inferred before it stopped are still recorded below.
  }
  std::map<std::string, StaticType> types;
  const onnx::GraphProto& g = copy.graph();
  for (const auto& v : g.input()) Record(v, &types);
  for (const auto& v : g.output()) Record(v, &types);
  for (const auto& v : g.value_info()) Record(v, &types);
  for (const auto& init : g.initializer()) {
    StaticType s{init.data_type(), {}};
    for (int64_t d : init.dims()) s.dims.push_back(std::to_string(d));
    types[init.name()] = s;
  }
  return types;
}

}  // namespace

Expected<int> FuseResidualAdds(onnx::ModelProto& model) {
  onnx::GraphProto& graph = *model.mutable_graph();
  const GraphIndex index(graph);
  const std::set<std::string> subgraph_reads = SubgraphReads(graph);
  std::map<std::string, StaticType> types;
  bool types_known = false;
  std::vector<bool> remove(graph.node_size(), false);
  int fused = 0;
  // Each Conv output has one reader, so each Conv fuses into at most one Add
  // and one index serves the whole pass; the Adds replaced in place become
  // FusedConv, which no later Add takes for a Conv.
  for (int n = 0; n < graph.node_size(); ++n) {
    const onnx::NodeProto& add = graph.node(n);
    if (!IsDefaultDomain(add) || add.op_type() != "Add" || add.input_size() != 2) continue;
    for (int side = 0; side < 2; ++side) {
      const std::string& c = add.input(side);
      const std::string& z = add.input(1 - side);
      const int p = index.producer(c);
      if (p < 0 || remove[p] || c == z) continue;
      const onnx::NodeProto& conv = graph.node(p);
      if (!IsDefaultDomain(conv) || conv.op_type() != "Conv" || conv.output_size() != 1) continue;
      if (index.consumers(c).size() != 1 || index.is_graph_output(c) || subgraph_reads.count(c) > 0) continue;
      if (!types_known) {
        types = StaticTypes(model);
        types_known = true;
      }
      const auto ct = types.find(c);
      const auto zt = types.find(z);
      if (ct == types.end() || zt == types.end() || !(ct->second == zt->second)) continue;

      onnx::NodeProto fused_node = conv;
      fused_node.set_op_type("FusedConv");
      fused_node.set_domain(kMsDomain);
      while (fused_node.input_size() < 3) fused_node.add_input("");  // B absent
      fused_node.add_input(z);
      fused_node.set_output(0, add.output(0));
      *graph.mutable_node(n) = std::move(fused_node);
      remove[p] = true;
      ++fused;
      break;
    }
  }
  if (fused == 0) return 0;
  RemoveNodes(graph, remove);
  PruneValueInfo(graph);
  EnsureOpsetImport(model, kMsDomain, 1);
  return fused;
}

}  // namespace edgebench
