#include "runtime/passes/activation_fusion.h"

#include <onnx/onnx_pb.h>

#include <limits>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "runtime/core/float16.h"
#include "runtime/passes/graph_constants.h"
#include "runtime/quant/onnx_graph_edit.h"
#include "runtime/quant/onnx_model_edit.h"

namespace edgebench {
namespace {

constexpr char kMsDomain[] = "com.microsoft";

bool IsDefaultDomain(const onnx::NodeProto& node) { return node.domain().empty() || node.domain() == "ai.onnx"; }

// An activation's parameters by name, in ONNX Runtime's FusedConv order.
using Params = std::vector<std::pair<std::string, float>>;

// A Clip bound from an input: absent means unbounded; it must be a float
// constant (float16 in converted models) with one element.
std::optional<float> ClipBound(const onnx::NodeProto& clip, int input, const GraphConstants& constants,
                               float unbounded) {
  if (clip.input_size() <= input || clip.input(input).empty()) return unbounded;
  auto value = constants.Read(clip.input(input));
  if (!value.ok() || value->num_elements() != 1) return std::nullopt;
  if (value->dtype() == DType::kFloat32) return *value->data<float>();
  if (value->dtype() == DType::kFloat16) return Float16ToFloat32(*value->data<uint16_t>());
  return std::nullopt;
}

// The activation's parameters with its defaults stated, or nullopt when it
// is not one this pass fuses.
std::optional<Params> ActivationParams(const onnx::NodeProto& act, const GraphConstants& constants,
                                       int64_t opset) {
  if (!IsDefaultDomain(act) || act.input_size() < 1) return std::nullopt;
  const std::string& op = act.op_type();
  if (op == "Relu" || op == "Sigmoid" || op == "HardSwish") return Params{};
  if (op == "LeakyRelu") return Params{{"alpha", FloatAttribute(act, "alpha", 0.01f)}};
  if (op == "HardSigmoid") {
    return Params{{"alpha", FloatAttribute(act, "alpha", 0.2f)}, {"beta", FloatAttribute(act, "beta", 0.5f)}};
  }
  if (op != "Clip") return std::nullopt;
  const float lowest = std::numeric_limits<float>::lowest();
  const float highest = std::numeric_limits<float>::max();
  if (opset < 11) return Params{{"min", FloatAttribute(act, "min", lowest)}, {"max", FloatAttribute(act, "max", highest)}};
  const auto lo = ClipBound(act, 1, constants, lowest);
  const auto hi = ClipBound(act, 2, constants, highest);
  if (!lo || !hi) return std::nullopt;
  return Params{{"min", *lo}, {"max", *hi}};
}

void SetString(onnx::NodeProto& node, const std::string& name, const std::string& value) {
  onnx::AttributeProto* a = node.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s(value);
}

void SetFloat(onnx::NodeProto& node, const std::string& name, float value) {
  onnx::AttributeProto* a = node.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::FLOAT);
  a->set_f(value);
}

// A node the activation fuses into: a Conv or Gemm, or a FusedConv the
// residual Add fusion wrote (residual_add_fusion.h) that has no activation
// yet; its Z is added before the activation, as ONNX Runtime's FusedConv does.
bool TakesActivation(const onnx::NodeProto& node) {
  if (IsDefaultDomain(node)) return node.op_type() == "Conv" || node.op_type() == "Gemm";
  return node.domain() == kMsDomain && node.op_type() == "FusedConv" && !FindAttribute(node, "activation");
}

// Conv (or FusedConv) -> FusedConv with activation_params in order; Gemm ->
// FusedGemm with activation_<name> per parameter.
void MakeFused(onnx::NodeProto& node, const std::string& activation, const Params& params) {
  const bool conv = node.op_type() == "Conv" || node.op_type() == "FusedConv";
  node.set_op_type(conv ? "FusedConv" : "FusedGemm");
  node.set_domain(kMsDomain);
  SetString(node, "activation", activation);
  if (conv) {
    if (params.empty()) return;
    onnx::AttributeProto* a = node.add_attribute();
    a->set_name("activation_params");
    a->set_type(onnx::AttributeProto::FLOATS);
    for (const auto& p : params) a->add_floats(p.second);
  } else {
    for (const auto& [name, value] : params) SetFloat(node, "activation_" + name, value);
  }
}

}  // namespace

Expected<int> FuseActivations(onnx::ModelProto& model) {
  onnx::GraphProto& graph = *model.mutable_graph();
  const int64_t opset = DefaultOpset(model);
  const GraphIndex index(graph);
  const GraphConstants constants(graph);
  const std::set<std::string> subgraph_reads = SubgraphReads(graph);
  std::vector<bool> remove(graph.node_size(), false);
  std::set<std::string> replaced;
  int fused = 0;
  // Each activation has one producer and each producer's output one reader,
  // so the pairs are disjoint and one index serves the whole pass.
  for (int n = 0; n < graph.node_size(); ++n) {
    const onnx::NodeProto& act = graph.node(n);
    const auto params = ActivationParams(act, constants, opset);
    if (!params) continue;
    const std::string& y = act.input(0);
    const int p = index.producer(y);
    if (p < 0) continue;
    onnx::NodeProto& producer = *graph.mutable_node(p);
    if (!TakesActivation(producer)) continue;
    if (index.consumers(y).size() != 1 || index.is_graph_output(y) || subgraph_reads.count(y) > 0) continue;
    MakeFused(producer, act.op_type(), *params);
    producer.set_output(0, act.output(0));
    for (int i = 1; i < act.input_size(); ++i) replaced.insert(act.input(i));
    remove[n] = true;
    ++fused;
  }
  if (fused == 0) return 0;
  RemoveNodes(graph, remove);
  RemoveOrphanedInitializers(graph, replaced);
  PruneValueInfo(graph);
  EnsureOpsetImport(model, kMsDomain, 1);
  return fused;
}

}  // namespace edgebench
