#include "runtime/quant/onnx_graph_edit.h"

#include <onnx/onnx_pb.h>

#include <algorithm>

namespace edgebench {
namespace {

int StatedType(const onnx::ValueInfoProto& info) {
  return info.type().has_tensor_type() ? info.type().tensor_type().elem_type() : 0;
}

void CollectReads(const onnx::GraphProto& graph, std::set<std::string>& reads) {
  for (const auto& node : graph.node()) {
    for (const auto& in : node.input()) {
      if (!in.empty()) reads.insert(in);
    }
    for (const auto& attr : node.attribute()) {
      if (attr.has_g()) CollectReads(attr.g(), reads);
      for (const auto& g : attr.graphs()) CollectReads(g, reads);
    }
  }
}

}  // namespace

NameGenerator::NameGenerator(const onnx::GraphProto& graph) {
  for (const auto& init : graph.initializer()) used_.insert(init.name());
  for (const auto& in : graph.input()) used_.insert(in.name());
  for (const auto& out : graph.output()) used_.insert(out.name());
  for (const auto& node : graph.node()) {
    used_.insert(node.name());
    used_.insert(node.output().begin(), node.output().end());
  }
}

std::string NameGenerator::Make(const std::string& base) {
  std::string name = base;
  for (int k = 1; used_.count(name) > 0; ++k) name = base + "_" + std::to_string(k);
  used_.insert(name);
  return name;
}

std::map<std::string, int> StatedElemTypes(const onnx::GraphProto& graph) {
  std::map<std::string, int> types;
  for (const auto& init : graph.initializer()) types[init.name()] = init.data_type();
  for (const auto* list : {&graph.input(), &graph.output(), &graph.value_info()}) {
    for (const auto& info : *list) {
      if (StatedType(info) != 0) types.emplace(info.name(), StatedType(info));
    }
  }
  return types;
}

std::set<std::string> SubgraphReads(const onnx::GraphProto& graph) {
  std::set<std::string> reads;
  for (const auto& node : graph.node()) {
    for (const auto& attr : node.attribute()) {
      if (attr.has_g()) CollectReads(attr.g(), reads);
      for (const auto& g : attr.graphs()) CollectReads(g, reads);
    }
  }
  return reads;
}

const onnx::AttributeProto* FindAttribute(const onnx::NodeProto& node, const std::string& name) {
  for (const auto& attr : node.attribute()) {
    if (attr.name() == name) return &attr;
  }
  return nullptr;
}

int RemoveNodes(onnx::GraphProto& graph, const std::vector<bool>& remove) {
  auto* nodes = graph.mutable_node();
  int kept = 0;
  for (int n = 0; n < nodes->size(); ++n) {
    if (n < static_cast<int>(remove.size()) && remove[n]) continue;
    if (kept != n) nodes->SwapElements(kept, n);
    ++kept;
  }
  const int removed = nodes->size() - kept;
  nodes->DeleteSubrange(kept, removed);
  return removed;
}

int RemoveOrphanedInitializers(onnx::GraphProto& graph, const std::set<std::string>& candidates) {
  std::set<std::string> used;
  CollectReads(graph, used);
  for (const auto& out : graph.output()) used.insert(out.name());
  for (const auto& in : graph.input()) used.insert(in.name());
  auto* inits = graph.mutable_initializer();
  int kept = 0;
  for (int i = 0; i < inits->size(); ++i) {
    const std::string& name = inits->Get(i).name();
    if (candidates.count(name) > 0 && used.count(name) == 0) continue;
    if (kept != i) inits->SwapElements(kept, i);
    ++kept;
  }
  const int removed = inits->size() - kept;
  inits->DeleteSubrange(kept, removed);
  return removed;
}

void PruneValueInfo(onnx::GraphProto& graph) {
  std::set<std::string> produced;
  for (const auto& node : graph.node()) produced.insert(node.output().begin(), node.output().end());
  auto* infos = graph.mutable_value_info();
  int kept = 0;
  for (int i = 0; i < infos->size(); ++i) {
    if (produced.count(infos->Get(i).name()) == 0) continue;
    if (kept != i) infos->SwapElements(kept, i);
    ++kept;
  }
  infos->DeleteSubrange(kept, infos->size() - kept);
}

void EnsureOpsetImport(onnx::ModelProto& model, const std::string& domain, int64_t version) {
  for (const auto& op : model.opset_import()) {
    if (op.domain() == domain) return;
  }
  auto* op = model.add_opset_import();
  op->set_domain(domain);
  op->set_version(version);
}

}  // namespace edgebench
