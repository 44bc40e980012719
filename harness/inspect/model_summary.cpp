#include "harness/inspect/model_summary.h"

#include <cstdio>

#include "harness/inspect/units.h"

namespace edgebench {

ModelSummary SummarizeModel(const Session& session) {
  const Graph& g = session.graph();
  ModelSummary s;
  s.path = session.model().path;
  s.ir_version = session.model().ir_version;
  s.opset = g.opset;
  s.producer = session.model().producer;
  for (int i = 0; i < session.num_inputs(); ++i) {
    s.inputs.push_back({session.input_name(i), session.input_info(i).dtype(), session.input_info(i).shape()});
  }
  for (int i = 0; i < session.num_outputs(); ++i) {
    s.outputs.push_back({session.output_name(i), session.output(i).dtype(), session.output(i).shape()});
  }
  for (const Value& v : g.values) {
    if (!v.constant) continue;
    const DType t = v.constant->dtype();
    if (t == DType::kFloat32 || t == DType::kFloat16 || t == DType::kInt8 || t == DType::kUInt8) {
      s.parameters += v.constant->num_elements();
    }
  }
  for (const NodeReport& r : session.node_reports()) {
    const Node& node = g.nodes[r.node];
    ++s.op_histogram[node.op_type];
    LayerSummary layer{node.name, node.op_type, r.backend, r.fallback, r.folded, {}, r.cost};
    for (int out : node.outputs) {
      if (out != kNoValue) layer.output_shapes.push_back(session.value(out).shape());
    }
    s.layers.push_back(std::move(layer));
  }
  s.weight_bytes = session.weight_bytes();
  s.total = session.total_cost();
  s.peak_activation_bytes = session.memory_plan().arena_bytes;
  s.activation_lower_bound_bytes = session.memory_plan().lower_bound_bytes;
  s.warnings = session.model().warnings;
  s.warnings.insert(s.warnings.end(), session.warnings().begin(), session.warnings().end());
  return s;
}

namespace {

nlohmann::json CostJson(const OpCost& c) {
  return {{"macs", c.macs}, {"flops", c.flops}, {"bytes_read", c.bytes_read}, {"bytes_written", c.bytes_written}};
}

nlohmann::json TensorsJson(const std::vector<TensorSummary>& tensors) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& t : tensors) out.push_back({{"name", t.name}, {"dtype", DTypeName(t.dtype)}, {"shape", t.shape}});
  return out;
}

}  // namespace

nlohmann::json ToJson(const ModelSummary& s) {
  nlohmann::json layers = nlohmann::json::array();
  for (const auto& l : s.layers) {
    layers.push_back({{"name", l.name},
                      {"op_type", l.op_type},
                      {"backend", l.backend},
                      {"fallback", l.fallback},
                      {"folded", l.folded},
                      {"output_shapes", l.output_shapes},
                      {"cost", CostJson(l.cost)}});
  }
  return {{"model", s.path},
          {"ir_version", s.ir_version},
          {"opset", s.opset},
          {"producer", s.producer},
          {"inputs", TensorsJson(s.inputs)},
          {"outputs", TensorsJson(s.outputs)},
          {"op_histogram", s.op_histogram},
          {"parameters", s.parameters},
          {"weight_bytes", s.weight_bytes},
          {"cost", CostJson(s.total)},
          {"memory",
           {{"peak_activation_bytes", s.peak_activation_bytes},
            {"activation_lower_bound_bytes", s.activation_lower_bound_bytes}}},
          {"layers", layers},
          {"warnings", s.warnings}};
}

std::string FormatSummary(const ModelSummary& s, bool with_layers) {
  std::string out;
  char line[512];
  auto add = [&](const char* fmt, auto... args) {
    std::snprintf(line, sizeof(line), fmt, args...);
    out += line;
  };
  add("model     %s\n", s.path.c_str());
  add("format    ONNX IR %lld, opset %lld, producer '%s'\n", static_cast<long long>(s.ir_version),
      static_cast<long long>(s.opset), s.producer.c_str());
  for (const auto& t : s.inputs) add("input     %s %s\n", t.name.c_str(), TensorTypeToString(t.dtype, t.shape).c_str());
  for (const auto& t : s.outputs) add("output    %s %s\n", t.name.c_str(), TensorTypeToString(t.dtype, t.shape).c_str());
  add("params    %s (%s of weights)\n", FormatCount(s.parameters).c_str(), FormatBytes(s.weight_bytes).c_str());
  add("work      %s MACs, %s FLOPs, %s read, %s written\n", FormatCount(s.total.macs).c_str(),
      FormatCount(s.total.flops).c_str(), FormatBytes(s.total.bytes_read).c_str(),
      FormatBytes(s.total.bytes_written).c_str());
  const double ratio = s.activation_lower_bound_bytes
                           ? static_cast<double>(s.peak_activation_bytes) / s.activation_lower_bound_bytes
                           : 1.0;
  add("memory    peak activations %s, lower bound %s (%.3fx)\n", FormatBytes(s.peak_activation_bytes).c_str(),
      FormatBytes(s.activation_lower_bound_bytes).c_str(), ratio);
  out += "ops      ";
  for (const auto& [op, count] : s.op_histogram) add(" %s:%d", op.c_str(), count);
  out += "\n";
  for (const auto& w : s.warnings) add("warning   %s\n", w.c_str());
  if (!with_layers) return out;

  add("\n%4s  %-36s %-20s %-22s %10s %10s %10s  %s\n", "#", "layer", "op", "output", "MACs", "FLOPs", "bytes",
      "backend");
  for (size_t i = 0; i < s.layers.size(); ++i) {
    const LayerSummary& l = s.layers[i];
    const std::string shape = l.output_shapes.empty() ? "-" : ShapeToString(l.output_shapes[0]);
    std::string backend = l.folded ? "folded" : l.backend;
    if (l.fallback) backend += " (fallback)";
    add("%4zu  %-36.36s %-20.20s %-22.22s %10s %10s %10s  %s\n", i, l.name.c_str(), l.op_type.c_str(), shape.c_str(),
        FormatCount(l.cost.macs).c_str(), FormatCount(l.cost.flops).c_str(),
        FormatBytes(l.cost.bytes_read + l.cost.bytes_written).c_str(), backend.c_str());
  }
  return out;
}

}  // namespace edgebench
