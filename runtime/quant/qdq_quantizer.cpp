#include "runtime/quant/qdq_quantizer.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <optional>

#include "runtime/quant/batchnorm_folding.h"
#include "runtime/quant/onnx_graph_edit.h"
#include "runtime/quant/onnx_model_edit.h"

namespace edgebench {

int QuantizationReport::quantized_count() const {
  return static_cast<int>(std::count_if(nodes.begin(), nodes.end(), [](const Entry& e) { return e.quantized; }));
}

bool IsStaticallyQuantizedOp(const std::string& op_type) {
  return op_type == "Conv" || op_type == "MatMul" || op_type == "Gemm" || op_type == "MaxPool";
}

bool IsQuantizedModel(const onnx::ModelProto& model) {
  static const std::set<std::string> kQuantOps = {"QuantizeLinear", "DequantizeLinear", "QLinearConv",
                                                  "QLinearMatMul",  "ConvInteger",      "MatMulInteger",
                                                  "DynamicQuantizeLinear", "QGemm",
                                                  "DynamicQuantizeLSTM", "DynamicQuantizeGRU"};
  for (const auto& node : model.graph().node()) {
    if (kQuantOps.count(node.op_type())) return true;
  }
  return false;
}

namespace {

// A float constant the quantizer replaces: which node input, and how.
struct WeightUse {
  int node = 0;
  int slot = 0;
  int axis = -1;        // per-channel axis, -1 per tensor
  bool bias = false;    // int32 with the scale input_scale * weight_scale
  std::string input;    // the activation whose scale a bias takes
  std::string weight;   // the weight whose scales a bias takes
};

// The nodes the static quantizer wraps, and the tensors that get a Q/DQ pair.
struct StaticPlan {
  std::vector<WeightUse> weights;
  std::vector<std::string> activations;           // in first-seen order
  std::map<std::string, std::string> shares_params;  // MaxPool output -> its input
  std::map<std::string, TensorRange> fixed_ranges;   // a Clip's output: its bounds
};

bool IsFloatInitializer(const GraphIndex& index, const std::string& name, int rank) {
  const onnx::TensorProto* init = index.initializer(name);
  return init && init->data_type() == onnx::TensorProto::FLOAT && (rank < 0 || init->dims_size() == rank);
}

// A Clip's bounds when both are known constants (attributes before opset
// 11, initializers after), else nullopt.
std::optional<TensorRange> ClipBounds(const onnx::NodeProto& clip, const GraphIndex& index) {
  if (clip.input_size() == 1) {
    bool has_min = false, has_max = false;
    for (const auto& attr : clip.attribute()) {
      has_min = has_min || attr.name() == "min";
      has_max = has_max || attr.name() == "max";
    }
    if (!has_min || !has_max) return std::nullopt;
    return TensorRange{FloatAttribute(clip, "min", 0.0f), FloatAttribute(clip, "max", 0.0f)};
  }
  if (clip.input_size() < 3) return std::nullopt;
  float bounds[2];
  for (int i = 0; i < 2; ++i) {
    const onnx::TensorProto* init = index.initializer(clip.input(i + 1));
    if (!init || init->data_type() != onnx::TensorProto::FLOAT) return std::nullopt;
    auto value = ReadInitializer(*init);
    if (!value.ok() || value->num_elements() != 1) return std::nullopt;
    bounds[i] = *value->data<float>();
  }
  return TensorRange{bounds[0], bounds[1]};
}

// The tensor that carries a node's quantized output: the node's own output,
// or that of a Relu, or a Clip from 0, that is its only consumer. Saturation
// then is the activation, and QDQ fusion folds it; a Clip's output range is
// its bounds (not the calibrated range), which makes the fold exact.
std::string QuantizedOutput(const onnx::GraphProto& graph, const GraphIndex& index, const std::string& output,
                            StaticPlan& plan) {
  const auto& uses = index.consumers(output);
  if (uses.size() != 1 || index.is_graph_output(output)) return output;
  const onnx::NodeProto& next = graph.node(uses[0].first);
  if (!next.domain().empty()) return output;
  if (next.op_type() == "Relu") return next.output(0);
  if (next.op_type() == "Clip") {
    const std::optional<TensorRange> bounds = ClipBounds(next, index);
    if (bounds && bounds->min == 0.0f && bounds->max > 0.0f) {
      plan.fixed_ranges[next.output(0)] = *bounds;
      return next.output(0);
    }
  }
  return output;
}

// Why node `n` cannot be quantized, or nullopt and its weights and
// activations added to the plan.
std::optional<std::string> PlanNode(const onnx::GraphProto& graph, const GraphIndex& index, int n,
                                    const std::map<std::string, TensorRange>& ranges, bool per_channel,
                                    StaticPlan& plan) {
  const onnx::NodeProto& node = graph.node(n);
  const std::string& op = node.op_type();
  auto has_range = [&](const std::string& name) { return ranges.count(name) > 0; };
  if (!node.domain().empty()) return "not in the default ONNX domain";
  const std::string& x = node.input(0);
  if (!has_range(x)) return "input '" + x + "' has no calibrated range";

  if (op == "MaxPool") {
    if (node.output_size() > 1 && !node.output(1).empty()) return "MaxPool with an Indices output stays float";
    plan.activations.push_back(x);
    plan.activations.push_back(node.output(0));
    plan.shares_params[node.output(0)] = x;
    return std::nullopt;
  }

  std::vector<WeightUse> weights;
  if (op == "Conv") {
    const std::string& w = node.input(1);
    if (!IsFloatInitializer(index, w, -1) || index.initializer(w)->dims_size() < 3) {
      return "weight '" + w + "' is not a float constant";
    }
    weights.push_back({n, 1, per_channel ? 0 : -1, false, "", ""});
    if (node.input_size() > 2 && !node.input(2).empty()) {
      if (!IsFloatInitializer(index, node.input(2), 1)) return "bias is not a 1-D float constant";
      weights.push_back({n, 2, per_channel ? 0 : -1, true, x, w});
    }
  } else if (op == "MatMul") {
    const std::string& b = node.input(1);
    if (IsFloatInitializer(index, b, 2)) {
      weights.push_back({n, 1, per_channel ? 1 : -1, false, "", ""});
    } else if (index.initializer(b)) {
      return "B '" + b + "' is a constant that is not 2-D float";
    } else if (has_range(b)) {
      plan.activations.push_back(b);
    } else {
      return "input '" + b + "' has no calibrated range";
    }
  } else if (op == "Gemm") {
    if (IntAttribute(node, "transA", 0) != 0 || FloatAttribute(node, "alpha", 1.0f) != 1.0f ||
        FloatAttribute(node, "beta", 1.0f) != 1.0f) {
      return "Gemm with transA, alpha or beta other than the defaults stays float";
    }
    const std::string& b = node.input(1);
    if (!IsFloatInitializer(index, b, 2)) return "B '" + b + "' is not a 2-D float constant";
    const bool trans_b = IntAttribute(node, "transB", 0) != 0;
    const int64_t columns = index.initializer(b)->dims(trans_b ? 0 : 1);
    weights.push_back({n, 1, per_channel ? (trans_b ? 0 : 1) : -1, false, "", ""});
    if (node.input_size() > 2 && !node.input(2).empty()) {
      const std::string& c = node.input(2);
      if (!IsFloatInitializer(index, c, 1) || index.initializer(c)->dims(0) != columns) {
        return "C '" + c + "' is not a float constant of " + std::to_string(columns) + " values";
      }
      weights.push_back({n, 2, per_channel ? 0 : -1, true, x, b});
    }
  } else {
    return "not an op the static quantizer handles";
  }
  const std::string y = QuantizedOutput(graph, index, node.output(0), plan);
  if (!has_range(y) && !plan.fixed_ranges.count(y)) return "output '" + y + "' has no calibrated range";
  plan.activations.push_back(x);
  plan.activations.push_back(y);
  plan.weights.insert(plan.weights.end(), weights.begin(), weights.end());
  return std::nullopt;
}

std::string Suffixed(const std::string& name, const char* suffix) { return name + suffix; }

// The Q/DQ nodes of one activation; `input` is what Q reads.
void EmitQdq(const std::string& name, const std::string& input, const std::string& output,
             std::vector<onnx::NodeProto>& nodes) {
  const std::string scale = Suffixed(name, "_scale"), zero = Suffixed(name, "_zero_point");
  const std::string quantized = Suffixed(name, "_QuantizeLinear_Output");
  nodes.push_back(MakeNode("QuantizeLinear", Suffixed(name, "_QuantizeLinear"), {input, scale, zero}, {quantized}));
  nodes.push_back(MakeNode("DequantizeLinear", Suffixed(name, "_DequantizeLinear"), {quantized, scale, zero}, {output}));
}

constexpr char kMicrosoftDomain[] = "com.microsoft";
constexpr char kEdgebenchDomain[] = "ai.edgebench";

// Why an LSTM or GRU cannot become its DynamicQuantize form, or nullopt.
std::optional<std::string> RnnSkipReason(const onnx::NodeProto& node, const GraphIndex& index) {
  if (!node.domain().empty()) return "not in the default ONNX domain";
  if (node.input_size() < 3) return "inputs W and R are required";
  for (int slot : {1, 2}) {
    if (!IsFloatInitializer(index, node.input(slot), 3)) {
      return std::string(slot == 1 ? "W" : "R") + " '" + node.input(slot) + "' is not a 3-D float constant";
    }
  }
  if (node.op_type() == "LSTM" && IntAttribute(node, "layout", 0) != 0) {
    return "layout 1: com.microsoft DynamicQuantizeLSTM has no layout attribute (it is sequence-first)";
  }
  return std::nullopt;
}

// W or R [dirs, gate rows, depth] as the DynamicQuantize ops take it: int8
// [dirs, depth, gate rows], symmetric over [-127, 127], with a scale per gate
// row of each direction ([dirs, gate rows]) or per direction ([dirs]) and
// zero points of 0. Adds the three initializers under `base`; returns their bytes.
Expected<int64_t> AddTransposedRnnWeight(onnx::GraphProto& graph, Tensor& weight, bool per_channel,
                                         const std::string& base) {
  const int64_t dirs = weight.dim(0), rows = weight.dim(1), depth = weight.dim(2);
  const Shape grouped = per_channel ? Shape{dirs * rows, depth} : Shape{dirs, rows * depth};
  EB_ASSIGN_OR_RETURN(QuantizedWeight qw, QuantizeWeightSymmetric(Tensor::View(DType::kFloat32, grouped,
                                                                               weight.raw_data()), 0));
  EB_ASSIGN_OR_RETURN(Tensor transposed, Tensor::Allocate(DType::kInt8, {dirs, depth, rows}));
  const int8_t* in = qw.values.data<int8_t>();
  int8_t* out = transposed.data<int8_t>();
  for (int64_t d = 0; d < dirs; ++d) {
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t k = 0; k < depth; ++k) out[(d * depth + k) * rows + r] = in[(d * rows + r) * depth + k];
    }
  }
  const Shape param_shape = per_channel ? Shape{dirs, rows} : Shape{dirs};
  EB_ASSIGN_OR_RETURN(Tensor scales, Tensor::Allocate(DType::kFloat32, param_shape));
  std::copy(qw.scales.begin(), qw.scales.end(), scales.data<float>());
  EB_ASSIGN_OR_RETURN(Tensor zero_points, Tensor::Allocate(DType::kInt8, param_shape));
  AddInitializer(graph, base + "_quantized", transposed);
  AddInitializer(graph, base + "_scale", scales);
  AddInitializer(graph, base + "_zero_point", zero_points);
  return static_cast<int64_t>(transposed.num_bytes() + scales.num_bytes() + zero_points.num_bytes());
}

// An LSTM as com.microsoft DynamicQuantizeLSTM or a GRU as ai.edgebench
// DynamicQuantizeGRU: the same inputs (W and R quantized and transposed, the
// bias float), then W_scale, W_zero_point, R_scale, R_zero_point; the same
// attributes, outputs and name.
Expected<onnx::NodeProto> QuantizeRnnNode(onnx::GraphProto& graph, const GraphIndex& index,
                                          const onnx::NodeProto& node, bool per_channel, NameGenerator& names,
                                          QuantizationReport& report) {
  const bool lstm = node.op_type() == "LSTM";
  const std::string base = node.name().empty() ? node.op_type() : node.name();
  std::string weights[2];
  for (int i = 0; i < 2; ++i) {
    EB_ASSIGN_OR_RETURN(Tensor weight, ReadInitializer(*index.initializer(node.input(i + 1))));
    report.float_weight_bytes += static_cast<int64_t>(weight.num_bytes());
    weights[i] = names.Make(base + (i == 0 ? "_W" : "_R"));
    EB_ASSIGN_OR_RETURN(const int64_t bytes, AddTransposedRnnWeight(graph, weight, per_channel, weights[i]));
    report.quantized_weight_bytes += bytes;
  }
  std::vector<std::string> inputs = {node.input(0), weights[0] + "_quantized", weights[1] + "_quantized"};
  const int last_optional = lstm ? 7 : 5;  // P, or initial_h
  for (int i = 3; i <= last_optional; ++i) inputs.push_back(i < node.input_size() ? node.input(i) : "");
  for (const std::string& w : weights) {
    inputs.push_back(w + "_scale");
    inputs.push_back(w + "_zero_point");
  }
  std::vector<std::string> outputs(node.output().begin(), node.output().end());
  onnx::NodeProto quantized = MakeNode(lstm ? "DynamicQuantizeLSTM" : "DynamicQuantizeGRU", node.name(), inputs, outputs);
  quantized.set_domain(lstm ? kMicrosoftDomain : kEdgebenchDomain);
  *quantized.mutable_attribute() = node.attribute();
  return quantized;
}

}  // namespace

Status QuantizeStatic(onnx::ModelProto& model, const std::map<std::string, TensorRange>& ranges,
                      const QuantizerSettings& settings, QuantizationReport* report) {
  const int64_t opset = DefaultOpset(model);
  if (opset < 10) return Unsupported("static quantization needs opset 10 or later (QuantizeLinear); the model has " +
                                     std::to_string(opset));
  if (IsQuantizedModel(model)) return InvalidArgument("the model is already quantized");
  QuantizationReport local;
  QuantizationReport& out = report ? *report : local;
  out.per_channel = settings.per_channel && opset >= 13;
  if (settings.per_channel && !out.per_channel) {
    out.notes.push_back("per-tensor weight scales: per-channel DequantizeLinear needs opset 13, the model has " +
                        std::to_string(opset));
  }

  // A Conv's BatchNormalization folded first lets Conv, ReLU and requantization fuse.
  EB_ASSIGN_OR_RETURN(const int folded, FoldBatchNormIntoConv(model));
  if (folded > 0) out.notes.push_back(std::to_string(folded) + " BatchNormalization folded into the Conv before them");
  onnx::GraphProto& graph = *model.mutable_graph();
  const GraphIndex index(graph);
  StaticPlan plan;
  for (int n = 0; n < graph.node_size(); ++n) {
    const onnx::NodeProto& node = graph.node(n);
    if (!IsStaticallyQuantizedOp(node.op_type())) continue;
    std::optional<std::string> why_not = PlanNode(graph, index, n, ranges, out.per_channel, plan);
    out.nodes.push_back({DescribeNode(node), node.op_type(), !why_not, why_not.value_or("")});
  }

  // Activation parameters, in graph order so that a MaxPool output finds its
  // input's parameters already chosen.
  std::map<std::string, AffineParams> params;
  std::vector<std::string> order;
  for (const std::string& name : plan.activations) {
    if (params.count(name)) continue;
    auto shared = plan.shares_params.find(name);
    auto fixed = plan.fixed_ranges.find(name);
    if (shared != plan.shares_params.end() && params.count(shared->second)) {
      params[name] = params[shared->second];
    } else {
      const TensorRange range = fixed != plan.fixed_ranges.end() ? fixed->second : ranges.at(name);
      params[name] = ActivationParams(range, settings.activation_type);
    }
    order.push_back(name);
  }
  const DType qtype = ActivationDType(settings.activation_type);
  for (const std::string& name : order) {
    EB_RETURN_IF_ERROR(AddScalarInitializer(graph, Suffixed(name, "_scale"), DType::kFloat32, params[name].scale));
    EB_RETURN_IF_ERROR(AddScalarInitializer(graph, Suffixed(name, "_zero_point"), qtype, params[name].zero_point));
  }

  // Weights: int8 values and their scales, read through a DequantizeLinear.
  std::vector<onnx::NodeProto> prologue;
  std::map<std::pair<int, int>, std::string> rewired;  // (node, slot) -> new input
  std::map<std::string, std::vector<float>> weight_scales;
  std::set<std::string> done;
  auto sorted = plan.weights;
  std::stable_sort(sorted.begin(), sorted.end(), [](const WeightUse& a, const WeightUse& b) { return !a.bias && b.bias; });
  for (const WeightUse& use : sorted) {
    const std::string& name = graph.node(use.node).input(use.slot);
    EB_ASSIGN_OR_RETURN(Tensor value, ReadInitializer(*index.initializer(name)));
    // A bias depends on its node's input scale, so it is keyed by node.
    const std::string base = use.bias ? name + "_" + graph.node(use.node).output(0) : name;
    const std::string dequantized = Suffixed(base, "_DequantizeLinear_Output");
    rewired[{use.node, use.slot}] = dequantized;
    if (!done.insert(base).second) continue;
    out.float_weight_bytes += static_cast<int64_t>(value.num_bytes());
    Tensor quantized;
    std::vector<float> scales;
    DType zero_type = DType::kInt8;
    if (use.bias) {
      const std::vector<float>& ws = weight_scales.at(use.weight);
      EB_ASSIGN_OR_RETURN(quantized, QuantizeBias(value, params.at(use.input).scale, ws));
      for (float s : ws) scales.push_back(params.at(use.input).scale * s);
      zero_type = DType::kInt32;
    } else {
      EB_ASSIGN_OR_RETURN(QuantizedWeight qw, QuantizeWeightSymmetric(value, use.axis));
      quantized = std::move(qw.values);
      scales = qw.scales;
      weight_scales[name] = scales;
    }
    const bool per_channel = use.axis >= 0;
    AddInitializer(graph, Suffixed(base, "_quantized"), quantized);
    const std::string scale_name = Suffixed(base, "_scale"), zero_name = Suffixed(base, "_zero_point");
    if (per_channel) {
      EB_ASSIGN_OR_RETURN(Tensor s, Tensor::Allocate(DType::kFloat32, {static_cast<int64_t>(scales.size())}));
      std::copy(scales.begin(), scales.end(), s.data<float>());
      EB_ASSIGN_OR_RETURN(Tensor z, Tensor::Allocate(zero_type, {static_cast<int64_t>(scales.size())}));
      AddInitializer(graph, scale_name, s);
      AddInitializer(graph, zero_name, z);
    } else {
      EB_RETURN_IF_ERROR(AddScalarInitializer(graph, scale_name, DType::kFloat32, scales[0]));
      EB_RETURN_IF_ERROR(AddScalarInitializer(graph, zero_name, zero_type, 0));
    }
    out.quantized_weight_bytes += static_cast<int64_t>(quantized.num_bytes() + scales.size() * 4 +
                                                       scales.size() * DTypeSize(zero_type));
    onnx::NodeProto dq = MakeNode("DequantizeLinear", Suffixed(base, "_DequantizeLinear"),
                                  {Suffixed(base, "_quantized"), scale_name, zero_name}, {dequantized});
    if (per_channel) SetIntAttribute(dq, "axis", use.axis);
    prologue.push_back(std::move(dq));
  }

  // The new node list: weight DQs and graph-input QDQs first, then each node
  // followed by the QDQ pairs of its quantized outputs. A quantized graph
  // output keeps its name on the DQ output; its producer writes "<name>_float".
  std::vector<onnx::NodeProto> nodes = prologue;
  const std::set<std::string> quantized_set(order.begin(), order.end());
  auto reader_name = [&](const std::string& name) {
    return index.is_graph_output(name) ? name : Suffixed(name, "_DequantizeLinear_Output");
  };
  for (const std::string& name : order) {
    if (index.is_graph_input(name)) EmitQdq(name, name, reader_name(name), nodes);
  }
  for (int n = 0; n < graph.node_size(); ++n) {
    onnx::NodeProto node = graph.node(n);
    for (int i = 0; i < node.input_size(); ++i) {
      auto w = rewired.find({n, i});
      if (w != rewired.end()) {
        node.set_input(i, w->second);
      } else if (quantized_set.count(node.input(i))) {
        node.set_input(i, reader_name(node.input(i)));
      }
    }
    std::vector<std::pair<std::string, std::string>> pairs;  // (name, what Q reads)
    for (int o = 0; o < node.output_size(); ++o) {
      const std::string name = node.output(o);
      if (!quantized_set.count(name)) continue;
      if (index.is_graph_output(name)) node.set_output(o, Suffixed(name, "_float"));
      pairs.push_back({name, node.output(o)});
    }
    nodes.push_back(std::move(node));
    for (const auto& [name, input] : pairs) EmitQdq(name, input, reader_name(name), nodes);
  }
  graph.clear_node();
  for (onnx::NodeProto& node : nodes) *graph.add_node() = std::move(node);
  RemoveUnusedInitializers(graph);
  return Status::Ok();
}

Status QuantizeDynamic(onnx::ModelProto& model, const QuantizerSettings& settings, QuantizationReport* report) {
  const int64_t opset = DefaultOpset(model);
  if (opset < 11) return Unsupported("dynamic quantization needs opset 11 or later (DynamicQuantizeLinear); the model has " +
                                     std::to_string(opset));
  if (IsQuantizedModel(model)) return InvalidArgument("the model is already quantized");
  QuantizationReport local;
  QuantizationReport& out = report ? *report : local;
  out.per_channel = settings.per_channel;
  if (settings.activation_type != ActivationType::kUInt8) {
    out.notes.push_back("dynamic quantization uses uint8 activations: DynamicQuantizeLinear has no int8 form");
  }

  onnx::GraphProto& graph = *model.mutable_graph();
  const GraphIndex index(graph);
  std::vector<onnx::NodeProto> nodes;
  std::set<std::string> quantized_inputs;  // activations with a DynamicQuantizeLinear already
  NameGenerator names(graph);
  std::set<std::string> rnn_ops_quantized;
  for (int n = 0; n < graph.node_size(); ++n) {
    const onnx::NodeProto& node = graph.node(n);
    const std::string& op = node.op_type();
    if (op == "LSTM" || op == "GRU") {
      QuantizationReport::Entry entry{DescribeNode(node), op, false, RnnSkipReason(node, index).value_or("")};
      if (entry.reason.empty()) {
        EB_ASSIGN_OR_RETURN(onnx::NodeProto quantized,
                            QuantizeRnnNode(graph, index, node, settings.per_channel, names, out));
        nodes.push_back(std::move(quantized));
        entry.quantized = true;
        rnn_ops_quantized.insert(op);
      } else {
        nodes.push_back(node);
      }
      out.nodes.push_back(entry);
      continue;
    }
    if (op != "MatMul" && op != "Gemm") {
      nodes.push_back(node);
      continue;
    }
    QuantizationReport::Entry entry{DescribeNode(node), op, false, ""};
    const std::string& a = node.input(0);
    const std::string& b = node.input(1);
    const bool trans_b = op == "Gemm" && IntAttribute(node, "transB", 0) != 0;
    if (!node.domain().empty()) {
      entry.reason = "not in the default ONNX domain";
    } else if (!IsFloatInitializer(index, b, 2)) {
      entry.reason = "B '" + b + "' is not a 2-D float constant";
    } else if (index.initializer(a)) {
      entry.reason = "A is a constant";
    } else if (op == "Gemm" && (IntAttribute(node, "transA", 0) != 0 || FloatAttribute(node, "alpha", 1.0f) != 1.0f ||
                                FloatAttribute(node, "beta", 1.0f) != 1.0f)) {
      entry.reason = "Gemm with transA, alpha or beta other than the defaults stays float";
    }
    if (!entry.reason.empty()) {
      out.nodes.push_back(entry);
      nodes.push_back(node);
      continue;
    }
    // B as [K, N] int8, one scale per column N.
    EB_ASSIGN_OR_RETURN(Tensor weight, ReadInitializer(*index.initializer(b)));
    out.float_weight_bytes += static_cast<int64_t>(weight.num_bytes());
    if (trans_b) {
      EB_ASSIGN_OR_RETURN(Tensor t, Tensor::Allocate(DType::kFloat32, {weight.dim(1), weight.dim(0)}));
      for (int64_t r = 0; r < weight.dim(0); ++r) {
        for (int64_t c = 0; c < weight.dim(1); ++c) t.data<float>()[c * weight.dim(0) + r] = weight.data<float>()[r * weight.dim(1) + c];
      }
      weight = std::move(t);
    }
    EB_ASSIGN_OR_RETURN(QuantizedWeight qw, QuantizeWeightSymmetric(weight, settings.per_channel ? 1 : -1));
    const std::string base = node.output(0);
    AddInitializer(graph, Suffixed(base, "_B_quantized"), qw.values);
    EB_ASSIGN_OR_RETURN(Tensor scales, Tensor::Allocate(DType::kFloat32, {static_cast<int64_t>(qw.scales.size())}));
    std::copy(qw.scales.begin(), qw.scales.end(), scales.data<float>());
    AddInitializer(graph, Suffixed(base, "_B_scale"), scales);
    out.quantized_weight_bytes += static_cast<int64_t>(qw.values.num_bytes() + scales.num_bytes());

    const std::string aq = Suffixed(a, "_quantized"), as = Suffixed(a, "_scale"), az = Suffixed(a, "_zero_point");
    if (quantized_inputs.insert(a).second) {
      nodes.push_back(MakeNode("DynamicQuantizeLinear", Suffixed(a, "_DynamicQuantizeLinear"), {a}, {aq, as, az}));
    }
    const std::string acc = Suffixed(base, "_MatMulInteger_Output");
    nodes.push_back(MakeNode("MatMulInteger", Suffixed(base, "_MatMulInteger"), {aq, Suffixed(base, "_B_quantized"), az},
                             {acc}));
    onnx::NodeProto cast = MakeNode("Cast", Suffixed(base, "_Cast"), {acc}, {Suffixed(base, "_Cast_Output")});
    SetIntAttribute(cast, "to", onnx::TensorProto::FLOAT);
    nodes.push_back(std::move(cast));
    const bool has_bias = op == "Gemm" && node.input_size() > 2 && !node.input(2).empty();
    const std::string scaled = Suffixed(base, "_scaled_by_A");
    nodes.push_back(MakeNode("Mul", Suffixed(base, "_Mul_A_scale"), {Suffixed(base, "_Cast_Output"), as}, {scaled}));
    const std::string result = has_bias ? Suffixed(base, "_before_bias") : base;
    nodes.push_back(MakeNode("Mul", Suffixed(base, "_Mul_B_scale"), {scaled, Suffixed(base, "_B_scale")}, {result}));
    if (has_bias) nodes.push_back(MakeNode("Add", Suffixed(base, "_Add_bias"), {result, node.input(2)}, {base}));
    entry.quantized = true;
    out.nodes.push_back(entry);
  }
  graph.clear_node();
  for (onnx::NodeProto& node : nodes) *graph.add_node() = std::move(node);
  RemoveUnusedInitializers(graph);
  if (rnn_ops_quantized.count("LSTM")) {
    EnsureOpsetImport(model, kMicrosoftDomain, 1);
    out.notes.push_back("LSTM nodes became com.microsoft DynamicQuantizeLSTM (ONNX Runtime's contrib op): int8 "
                        "weights, activations quantized per run");
  }
  if (rnn_ops_quantized.count("GRU")) {
    EnsureOpsetImport(model, kEdgebenchDomain, 1);
    out.notes.push_back("GRU nodes became ai.edgebench DynamicQuantizeGRU, an edgebench-specific op (ONNX Runtime "
                        "has no quantized GRU): other runtimes, ONNX Runtime included, will not load this model");
  }
  return Status::Ok();
}

}  // namespace edgebench
