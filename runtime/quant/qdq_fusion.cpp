#include "runtime/quant/qdq_fusion.h"

#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <algorithm>
#include <map>
#include <set>

#include "runtime/quant/qdq_fusion_fuser.h"

namespace edgebench {
namespace qdq_fusion_detail {
namespace {

// Ops that only move or select elements: on equal input and output
// quantization parameters, running them on the quantized tensor gives exactly
// what DQ -> op -> Q gives.
const std::set<std::string> kDataMovementOps = {"MaxPool", "Reshape", "Flatten", "Transpose", "Squeeze", "Unsqueeze"};

}  // namespace

Expected<Fusion> QdqFuser::Match(int n) {
  const onnx::NodeProto& op = node(n);
  if (!op.domain().empty() && op.domain() != "ai.onnx") return Unsupported("not in the default domain");
  if (op.op_type() == "Conv") return MatchConv(n);
  if (op.op_type() == "MatMul") return MatchMatMul(n);
  if (op.op_type() == "Gemm") return MatchGemm(n);
  if (op.op_type() == "Concat") return MatchConcat(n);
  if (kDataMovementOps.count(op.op_type()) > 0) return MatchDataMovement(n);
  return Unsupported("no integer kernel for " + op.op_type());
}

bool QdqFuser::InQdqForm(int n) const {
  const onnx::NodeProto& op = node(n);
  if (IsOp(op, kDequantize) || IsOp(op, kQuantize)) return false;
  for (const std::string& in : op.input()) {
    const int producer = in.empty() ? -1 : index_.producer(in);
    if (producer >= 0 && IsOp(node(producer), kDequantize)) return true;
  }
  for (const std::string& out : op.output()) {
    for (const auto& use : index_.consumers(out)) {
      if (IsOp(node(use.first), kQuantize)) return true;
    }
  }
  return false;
}

void QdqFuser::Run(QdqFusionReport* report) {
  const int num_nodes = graph_.node_size();
  std::vector<bool> remove(num_nodes, false);
  std::vector<bool> replaced(num_nodes, false);
  std::set<int> dequantizers;           // DQs some fused node read from
  std::set<std::string> maybe_orphaned;  // inputs of removed or replaced nodes
  std::map<std::string, QdqFusionReport::OpCount> counts;
  bool made_qgemm = false;

  for (int n = 0; n < num_nodes; ++n) {
    if (remove[n] || !InQdqForm(n)) continue;
    auto& count = counts[node(n).op_type()];
    count.op_type = node(n).op_type();
    auto fusion = Match(n);
    if (!fusion.ok()) {
      ++count.kept_float;
      count.reasons.push_back(DescribeNode(node(n)) + ": " + fusion.status().message());
      continue;
    }
    ++count.fused;
    for (const auto& [name, value] : fusion->initializers) AddInitializer(graph_, name, value);
    for (int a : fusion->absorbed) {
      remove[a] = true;
      maybe_orphaned.insert(node(a).input().begin(), node(a).input().end());
    }
    dequantizers.insert(fusion->dequantizers.begin(), fusion->dequantizers.end());
    maybe_orphaned.insert(node(n).input().begin(), node(n).input().end());
    made_qgemm = made_qgemm || fusion->node.domain() == kMicrosoftDomain;
    graph_.mutable_node(n)->Swap(&fusion->node);
    replaced[n] = true;
  }

  // A DQ goes once every node that read it became an integer kernel.
  for (int dq : dequantizers) {
    const std::string& out = node(dq).output(0);
    if (index_.is_graph_output(out) || subgraph_reads_.count(out) > 0) continue;
    const auto& uses = index_.consumers(out);
    if (std::all_of(uses.begin(), uses.end(), [&](const auto& use) { return replaced[use.first]; })) {
      remove[dq] = true;
      maybe_orphaned.insert(node(dq).input().begin(), node(dq).input().end());
    }
  }

  const int removed = RemoveNodes(graph_, remove);
  RemoveOrphanedInitializers(graph_, maybe_orphaned);
  PruneValueInfo(graph_);
  if (made_qgemm) EnsureOpsetImport(model_, kMicrosoftDomain, 1);

  if (report == nullptr) return;
  report->ops.clear();
  for (auto& [op_type, count] : counts) report->ops.push_back(std::move(count));
  report->removed_nodes = removed;
}

}  // namespace qdq_fusion_detail

using qdq_fusion_detail::IsOp;
using qdq_fusion_detail::kDequantize;
using qdq_fusion_detail::QdqFuser;

int QdqFusionReport::total_fused() const {
  int total = 0;
  for (const auto& op : ops) total += op.fused;
  return total;
}

int QdqFusionReport::total_kept_float() const {
  int total = 0;
  for (const auto& op : ops) total += op.kept_float;
  return total;
}

const QdqFusionReport::OpCount* QdqFusionReport::Find(const std::string& op_type) const {
  for (const auto& op : ops) {
    if (op.op_type == op_type) return &op;
  }
  return nullptr;
}

Status FuseQdq(onnx::ModelProto& model, QdqFusionReport* report) {
  if (!model.has_graph()) return InvalidArgument("model has no graph");
  QdqCanonicalFormReport canonical_form;
  EB_RETURN_IF_ERROR(CanonicalizeQdqConstants(model, &canonical_form));
  // A DequantizeLinear without a zero point leaves its input's type to the
  // graph; ONNX shape inference states it when the model does not.
  bool needs_types = false;
  for (const auto& node : model.graph().node()) {
    needs_types = needs_types || (IsOp(node, kDequantize) && (node.input_size() < 3 || node.input(2).empty()));
  }
  if (needs_types) {
    try {
      onnx::shape_inference::InferShapes(model);
    } catch (const std::exception&) {
      // Types stay unknown; those DQs' groups are reported as kept float.
    }
  }
  QdqFuser(model).Run(report);
  if (report != nullptr) report->canonical_form = canonical_form;
  return Status::Ok();
}

}  // namespace edgebench