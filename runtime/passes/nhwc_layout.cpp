#include "runtime/passes/nhwc_layout.h"

#include <onnx/onnx_pb.h>

#include <map>
#include <numeric>
#include <set>
#include <string>
#include <vector>

#include "runtime/quant/onnx_graph_edit.h"
#include "runtime/quant/onnx_model_edit.h"

namespace edgebench {
namespace {

constexpr char kEdgebenchDomain[] = "ai.edgebench";
constexpr int64_t kToNhwc[] = {0, 2, 3, 1};
constexpr int64_t kToNchw[] = {0, 3, 1, 2};

bool IsDefaultDomain(const onnx::NodeProto& node) { return node.domain().empty() || node.domain() == "ai.onnx"; }

// The input slots that carry activations in NCHW: X, and FusedConv's Z.
std::vector<int> LayoutSlots(const onnx::NodeProto& node) {
  std::vector<int> slots = {0};
  if (node.op_type() == "FusedConv" && node.input_size() > 3 && !node.input(3).empty()) slots.push_back(3);
  return slots;
}

bool IsCandidate(const onnx::NodeProto& node, const GraphIndex& index, const std::set<std::string>& subgraph_reads) {
  const bool conv = IsDefaultDomain(node) && node.op_type() == "Conv";
  const bool fused = node.domain() == "com.microsoft" && node.op_type() == "FusedConv";
  if ((!conv && !fused) || node.output_size() != 1 || node.input_size() < 2) return false;
  if (IntAttribute(node, "group", 1) != 1 || subgraph_reads.count(node.output(0)) > 0) return false;
  const onnx::TensorProto* w = index.initializer(node.input(1));
  return w != nullptr && w->dims_size() == 4 && w->data_type() == onnx::TensorProto::FLOAT;
}

// Union-find over node indices.
class Chains {
 public:
  explicit Chains(int n) : parent_(static_cast<size_t>(n)) { std::iota(parent_.begin(), parent_.end(), 0); }
  int Find(int i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  void Join(int a, int b) { parent_[Find(a)] = Find(b); }

 private:
  std::vector<int> parent_;
};

onnx::NodeProto MakeTranspose(const std::string& name, const std::string& in, const std::string& out,
                              const int64_t (&perm)[4]) {
  onnx::NodeProto node = MakeNode("Transpose", name, {in}, {out});
  onnx::AttributeProto* attr = node.add_attribute();
  attr->set_name("perm");
  attr->set_type(onnx::AttributeProto::INTS);
  for (int64_t p : perm) attr->add_ints(p);
  return node;
}

// What moving one chain costs and where its values go.
struct ChainPlan {
  std::vector<int> nodes;
  std::set<std::string> entries;  // values from outside read as X or Z
  std::set<std::string> exits;    // chain outputs read outside it (or graph outputs)
  int transposes() const { return static_cast<int>(entries.size() + exits.size()); }
};

}  // namespace

Expected<int> TransformToNhwc(onnx::ModelProto& model) {
  onnx::GraphProto& graph = *model.mutable_graph();
  const GraphIndex index(graph);
  const std::set<std::string> subgraph_reads = SubgraphReads(graph);
  const int n = graph.node_size();
  std::vector<bool> candidate(static_cast<size_t>(n), false);
  for (int i = 0; i < n; ++i) candidate[i] = IsCandidate(graph.node(i), index, subgraph_reads);

  Chains chains(n);
  for (int i = 0; i < n; ++i) {
    if (!candidate[i]) continue;
    for (int slot : LayoutSlots(graph.node(i))) {
      const int p = index.producer(graph.node(i).input(slot));
      if (p >= 0 && candidate[p]) chains.Join(i, p);
    }
  }
  std::map<int, ChainPlan> plans;  // by chain root
  for (int i = 0; i < n; ++i) {
    if (candidate[i]) plans[chains.Find(i)].nodes.push_back(i);
  }
  std::vector<bool> moved(static_cast<size_t>(n), false);
  for (auto& [root, plan] : plans) {
    for (int i : plan.nodes) {
      const onnx::NodeProto& node = graph.node(i);
      for (int slot : LayoutSlots(node)) {
        const int p = index.producer(node.input(slot));
        if (p < 0 || chains.Find(p) != root || !candidate[p]) plan.entries.insert(node.input(slot));
      }
      const std::string& out = node.output(0);
      bool outside = index.is_graph_output(out);
      for (const auto& [consumer, slot] : index.consumers(out)) {
        const bool layout_slot = slot == 0 || (slot == 3 && graph.node(consumer).op_type() == "FusedConv");
        outside |= !candidate[consumer] || chains.Find(consumer) != root || !layout_slot;
      }
      if (outside) plan.exits.insert(out);
    }
    if (plan.nodes.size() < 2 || 2 * plan.transposes() > static_cast<int>(plan.nodes.size())) continue;
    for (int i : plan.nodes) moved[i] = true;
  }

  // The NHWC name of every value a moved node reads or writes in its
  // layout slots; entries are transposed right before their first reader.
  NameGenerator names(graph);
  std::map<std::string, std::string> nhwc;
  auto nhwc_name = [&](const std::string& value) -> const std::string& {
    auto it = nhwc.find(value);
    if (it == nhwc.end()) it = nhwc.emplace(value, names.Make(value + "_nhwc")).first;
    return it->second;
  };
  std::set<std::string> entries_done;
  google::protobuf::RepeatedPtrField<onnx::NodeProto> rewritten;
  int count = 0;
  for (int i = 0; i < n; ++i) {
    const onnx::NodeProto& node = graph.node(i);
    if (!moved[i]) {
      *rewritten.Add() = node;
      continue;
    }
    const ChainPlan& plan = plans[chains.Find(i)];
    onnx::NodeProto converted = node;
    converted.set_op_type("NhwcFusedConv");
    converted.set_domain(kEdgebenchDomain);
    for (int slot : LayoutSlots(node)) {
      const std::string& value = node.input(slot);
      if (plan.entries.count(value) > 0 && entries_done.insert(value).second) {
        *rewritten.Add() = MakeTranspose(names.Make(value + "_to_nhwc"), value, nhwc_name(value), kToNhwc);
      }
      converted.set_input(slot, nhwc_name(value));
    }
    const std::string out = node.output(0);
    converted.set_output(0, nhwc_name(out));
    *rewritten.Add() = std::move(converted);
    if (plan.exits.count(out) > 0) {
      *rewritten.Add() = MakeTranspose(names.Make(out + "_to_nchw"), nhwc_name(out), out, kToNchw);
    }
    ++count;
  }
  if (count == 0) return 0;
  graph.mutable_node()->Swap(&rewritten);
  PruneValueInfo(graph);
  EnsureOpsetImport(model, kEdgebenchDomain, 1);
  return count;
}

}  // namespace edgebench
