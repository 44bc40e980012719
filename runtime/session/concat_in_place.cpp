#include "runtime/session/concat_in_place.h"

namespace edgebench {
namespace {

bool IsConcat(const Node& node) { return node.op_type == "Concat" && node.domain.empty(); }

// Whether `v` can be written straight into a Concat's output: made by a step
// that is not a Concat, read by that one Concat alone, and nobody else's.
bool CanWriteInPlace(const Graph& g, int v, const std::vector<bool>& known, const std::vector<bool>& runs) {
  const Value& value = g.values[v];
  if (known[v] || value.is_graph_input || value.is_graph_output || value.producer == kNoValue) return false;
  if (!runs[value.producer] || IsConcat(g.nodes[value.producer])) return false;
  return value.consumers.size() == 1;
}

// The byte offsets of a Concat's inputs in its output, or empty when its
// inputs are not whole contiguous slices there (a dim before the axis is not
// 1) or a slice would start unaligned.
std::vector<size_t> SliceOffsets(const Node& node, const std::vector<Tensor>& tensors) {
  const Tensor& out = tensors[node.outputs[0]];
  const int64_t rank = static_cast<int64_t>(out.shape().size());
  int64_t axis = node.attributes.GetInt("axis", 0);
  if (axis < 0) axis += rank;
  for (int64_t d = 0; d < axis; ++d) {
    if (out.shape()[d] != 1) return {};
  }
  std::vector<size_t> offsets;
  size_t at = 0;
  for (int in : node.inputs) {
    if (in == kNoValue || tensors[in].dtype() != out.dtype()) return {};
    if (at % kTensorAlignment != 0) return {};
    offsets.push_back(at);
    at += tensors[in].num_bytes();
  }
  if (at != out.num_bytes()) return {};
  return offsets;
}

}  // namespace

InPlaceConcats FindInPlaceConcats(const Graph& g, const std::vector<int>& step_nodes,
                                  const std::vector<Tensor>& tensors, const std::vector<bool>& known) {
  InPlaceConcats result;
  result.slice_of.assign(g.values.size(), ConcatSlice{});
  result.elided_step.assign(step_nodes.size(), false);
  std::vector<bool> runs(g.nodes.size(), false);
  for (int n : step_nodes) runs[n] = true;

  for (size_t s = 0; s < step_nodes.size(); ++s) {
    const Node& node = g.nodes[step_nodes[s]];
    if (!IsConcat(node) || node.outputs.empty() || node.outputs[0] == kNoValue || node.inputs.empty()) continue;
    bool all_qualify = true;
    for (int in : node.inputs) all_qualify = all_qualify && in != kNoValue && CanWriteInPlace(g, in, known, runs);
    if (!all_qualify) continue;
    const std::vector<size_t> offsets = SliceOffsets(node, tensors);
    if (offsets.empty()) continue;
    for (size_t i = 0; i < node.inputs.size(); ++i) {
      result.slice_of[node.inputs[i]] = ConcatSlice{node.outputs[0], static_cast<int>(s), offsets[i]};
    }
    result.elided_step[s] = true;
  }
  return result;
}

}  // namespace edgebench
