#include "runtime/passes/conv_add_mul_folding.h"

#include <onnx/onnx_pb.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "runtime/passes/graph_constants.h"
#include "runtime/quant/onnx_graph_edit.h"
#include "runtime/quant/onnx_model_edit.h"

namespace edgebench {
namespace {

bool IsDefault(const onnx::NodeProto& node, const char* op) {
  return node.op_type() == op && (node.domain().empty() || node.domain() == "ai.onnx");
}

// The constant's value per output channel when, broadcast against a Conv
// output of `rank` dims and `channels` channels, it varies along the channel
// axis only and leaves the output's shape as it is.
std::optional<std::vector<float>> PerChannel(const Tensor& c, int rank, int64_t channels) {
  if (c.dtype() != DType::kFloat32 || c.rank() > rank) return std::nullopt;
  int64_t along_channels = 1;
  for (int a = 0; a < c.rank(); ++a) {
    const int out_axis = rank - c.rank() + a;
    const int64_t d = c.dim(a);
    if (out_axis == 1) {
      if (d != 1 && d != channels) return std::nullopt;
      along_channels = d;
    } else if (d != 1) {
      return std::nullopt;
    }
  }
  std::vector<float> values(channels);
  for (int64_t m = 0; m < channels; ++m) values[m] = c.data<float>()[along_channels == 1 ? 0 : m];
  return values;
}

struct Candidate {
  int op = -1;    // the Add or Mul
  int conv = -1;
  std::vector<float> per_channel;
};

// The Conv feeding node n and the node's constant per channel, when they fold.
std::optional<Candidate> Match(const onnx::GraphProto& graph, const GraphIndex& index,
                               const GraphConstants& constants, const std::set<std::string>& subgraph_reads, int n) {
  const onnx::NodeProto& node = graph.node(n);
  if ((!IsDefault(node, "Add") && !IsDefault(node, "Mul")) || node.input_size() != 2) return std::nullopt;
  for (int side = 0; side < 2; ++side) {
    const std::string& y = node.input(side);
    const std::string& other = node.input(1 - side);
    const int c = index.producer(y);
    if (c < 0 || !IsDefault(graph.node(c), "Conv") || y == other) continue;
    const onnx::NodeProto& conv = graph.node(c);
    if (index.consumers(y).size() != 1 || index.is_graph_output(y) || subgraph_reads.count(y) > 0) continue;
    if (!constants.IsFloat(conv.input(1))) continue;
    const onnx::TensorProto* w = constants.Find(conv.input(1));
    if (conv.input_size() > 2 && !conv.input(2).empty() && !constants.IsFloat(conv.input(2))) continue;
    const onnx::TensorProto* k = constants.Find(other);
    if (!k || k->data_type() != w->data_type() || w->dims_size() < 3) continue;
    auto value = constants.ReadAsFloat32(other);
    if (!value.ok()) continue;
    auto per_channel = PerChannel(*value, w->dims_size(), w->dims(0));
    if (!per_channel) continue;
    return Candidate{n, c, std::move(*per_channel)};
  }
  return std::nullopt;
}

// Rewrites the Conv's weights and bias into fresh initializers (the old ones
// may have other readers) and gives the Conv the Add or Mul's output. Float16
// weights (a model converted before the passes) are folded in float32 and
// rounded once.
Status Fold(onnx::GraphProto& graph, const GraphConstants& constants, NameGenerator& names, const Candidate& f,
            std::set<std::string>* replaced) {
  onnx::NodeProto& conv = *graph.mutable_node(f.conv);
  const onnx::NodeProto& op = graph.node(f.op);
  const bool mul = op.op_type() == "Mul";
  const bool has_bias = conv.input_size() > 2 && !conv.input(2).empty();
  const int64_t filters = static_cast<int64_t>(f.per_channel.size());
  EB_ASSIGN_OR_RETURN(Tensor w, constants.ReadAsFloat32(conv.input(1)));
  const DType dtype = static_cast<DType>(constants.Find(conv.input(1))->data_type());
  EB_ASSIGN_OR_RETURN(Tensor bias, Tensor::Allocate(DType::kFloat32, {filters}));
  if (has_bias) {
    EB_ASSIGN_OR_RETURN(Tensor b, constants.ReadAsFloat32(conv.input(2)));
    if (b.num_elements() != filters) return InvalidArgument(DescribeNode(conv) + ": bias does not match W");
    for (int64_t m = 0; m < filters; ++m) bias.data<float>()[m] = b.data<float>()[m];
  } else {
    for (int64_t m = 0; m < filters; ++m) bias.data<float>()[m] = 0.0f;
  }
  for (int64_t m = 0; m < filters; ++m) {
    bias.data<float>()[m] = mul ? bias.data<float>()[m] * f.per_channel[m] : bias.data<float>()[m] + f.per_channel[m];
  }
  const std::string stem = op.name().empty() ? op.output(0) : op.name();
  if (mul) {
    EB_ASSIGN_OR_RETURN(Tensor scaled, w.Clone());
    const int64_t per_filter = w.num_elements() / filters;
    for (int64_t m = 0; m < filters; ++m) {
      for (int64_t k = 0; k < per_filter; ++k) scaled.data<float>()[m * per_filter + k] *= f.per_channel[m];
    }
    const std::string w_name = names.Make(conv.input(1) + "_" + stem);
    EB_ASSIGN_OR_RETURN(Tensor stored, NarrowFloat32(scaled, dtype));
    AddInitializer(graph, w_name, stored);
    replaced->insert(conv.input(1));
    conv.set_input(1, w_name);
  }
  if (mul && !has_bias) {
    // A missing bias stays missing: 0 * s is 0.
  } else {
    const std::string b_name = names.Make(stem + "_bias");
    EB_ASSIGN_OR_RETURN(Tensor stored, NarrowFloat32(bias, dtype));
    AddInitializer(graph, b_name, stored);
    if (has_bias) {
      replaced->insert(conv.input(2));
      conv.set_input(2, b_name);
    } else {
      conv.add_input(b_name);
    }
  }
  for (const std::string& in : op.input()) replaced->insert(in);
  conv.set_output(0, op.output(0));
  return Status::Ok();
}

}  // namespace

Expected<int> FoldAddMulIntoConv(onnx::ModelProto& model) {
  onnx::GraphProto& graph = *model.mutable_graph();
  const std::set<std::string> subgraph_reads = SubgraphReads(graph);
  int folded = 0;
  // Sweeps until nothing folds: a sweep folds each Conv at most once, since
  // folding renames its output and the index would go stale.
  for (bool again = true; again;) {
    again = false;
    const GraphIndex index(graph);
    const GraphConstants constants(graph);
    NameGenerator names(graph);
    std::vector<Candidate> found;
    std::set<int> convs;
    for (int n = 0; n < graph.node_size(); ++n) {
      auto candidate = Match(graph, index, constants, subgraph_reads, n);
      if (candidate && convs.insert(candidate->conv).second) found.push_back(std::move(*candidate));
    }
    std::vector<bool> remove(graph.node_size(), false);
    std::set<std::string> replaced;
    for (const Candidate& f : found) {
      EB_RETURN_IF_ERROR(Fold(graph, constants, names, f, &replaced));
      remove[f.op] = true;
      ++folded;
      again = true;
    }
    RemoveNodes(graph, remove);
    RemoveOrphanedInitializers(graph, replaced);
  }
  PruneValueInfo(graph);
  return folded;
}

}  // namespace edgebench
