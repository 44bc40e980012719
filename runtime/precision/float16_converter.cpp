#include "runtime/precision/float16_converter.h"

#include <onnx/checker.h>
#include <onnx/defs/schema.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <utility>

#include "runtime/core/float16.h"
#include "runtime/onnx/tensor_proto.h"
#include "runtime/quant/onnx_graph_edit.h"
#include "runtime/quant/onnx_model_edit.h"

namespace edgebench {
namespace {

constexpr int kFloat = onnx::TensorProto::FLOAT;
constexpr int kFloat16 = onnx::TensorProto::FLOAT16;

// Where a float32 tensor meets the schema: the element type the slot takes
// (kFloat16 when the schema allows it), and why float32 stays otherwise.
struct SlotType {
  int type = kFloat16;
  std::string reason;
};

int64_t DomainOpset(const onnx::ModelProto& model, const std::string& domain) {
  const bool onnx_domain = domain.empty() || domain == "ai.onnx";
  for (const auto& opset : model.opset_import()) {
    const bool same = onnx_domain ? (opset.domain().empty() || opset.domain() == "ai.onnx") : opset.domain() == domain;
    if (same) return opset.version();
  }
  return 0;
}

const onnx::OpSchema* FindSchema(const onnx::ModelProto& model, const onnx::NodeProto& node) {
  const std::string domain = node.domain() == "ai.onnx" ? "" : node.domain();
  return onnx::OpSchemaRegistry::Schema(node.op_type(), static_cast<int>(DomainOpset(model, node.domain())), domain);
}

// Formal parameter i of a list whose last parameter may be variadic.
const onnx::OpSchema::FormalParameter* Formal(const std::vector<onnx::OpSchema::FormalParameter>& params, int i) {
  if (i < static_cast<int>(params.size())) return &params[i];
  if (!params.empty() && params.back().GetOption() == onnx::OpSchema::Variadic) return &params.back();
  return nullptr;
}

// True when the parameter's type (a constraint like "T", or a type like
// "tensor(float)") admits tensor(float16).
bool AllowsFloat16(const onnx::OpSchema& schema, const onnx::OpSchema::FormalParameter& param) {
  for (const auto& constraint : schema.typeConstraintParams()) {
    if (constraint.type_param_str != param.GetTypeStr()) continue;
    for (const std::string& allowed : constraint.allowed_type_strs) {
      if (allowed == "tensor(float16)") return true;
    }
    return false;
  }
  return param.GetTypeStr() == "tensor(float16)";
}

SlotType InputSlot(const onnx::OpSchema* schema, const onnx::NodeProto& node, int i) {
  if (!schema) return {kFloat, "no ONNX schema for " + DescribeNode(node) + " (domain '" + node.domain() + "')"};
  const auto* param = Formal(schema->inputs(), i);
  if (!param || !AllowsFloat16(*schema, *param)) {
    return {kFloat, "input '" + (param ? param->GetName() : std::to_string(i)) + "' of " + DescribeNode(node) +
                        " allows no float16"};
  }
  return {};
}

SlotType OutputSlot(const onnx::OpSchema* schema, const onnx::NodeProto& node, int o) {
  if (!schema) return {kFloat, "no ONNX schema for " + DescribeNode(node) + " (domain '" + node.domain() + "')"};
  if (node.op_type() == "Cast") return {};  // retargeted to FLOAT16 below
  if (FindAttribute(node, "dtype")) {
    return {kFloat, "attribute 'dtype' of " + DescribeNode(node) + " sets its output type"};
  }
  const auto* param = Formal(schema->outputs(), o);
  if (!param || !AllowsFloat16(*schema, *param)) {
    return {kFloat, "output '" + (param ? param->GetName() : std::to_string(o)) + "' of " + DescribeNode(node) +
                        " allows no float16"};
  }
  return {};
}

// Element types of every value, initializers and node outputs included, from
// ONNX shape inference on a copy (lenient: types are all it needs).
std::map<std::string, int> InferredElemTypes(const onnx::ModelProto& model) {
  onnx::ModelProto inferred = model;
  try {
    onnx::shape_inference::InferShapes(inferred, onnx::OpSchemaRegistry::Instance(), onnx::ShapeInferenceOptions());
  } catch (const std::exception&) {
    // Values left untyped are not float to the converter; the final check
    // reports what that breaks.
  }
  return StatedElemTypes(inferred.graph());
}

// onnx::checker plus strict shape inference with type checks.
Status CheckOnnx(const onnx::ModelProto& model) {
  try {
    onnx::checker::check_model(model);
    onnx::ModelProto inferred = model;
    onnx::shape_inference::InferShapes(inferred, onnx::OpSchemaRegistry::Instance(),
                                       onnx::ShapeInferenceOptions(/*check_type_val=*/true, /*strict_mode_val=*/1));
  } catch (const std::exception& e) {
    return InvalidArgument(e.what());
  }
  return Status::Ok();
}

Status ConvertTensorProto(onnx::TensorProto* proto, size_t* bytes_before, size_t* bytes_after) {
  EB_ASSIGN_OR_RETURN(Tensor value, ReadInitializer(*proto));
  EB_ASSIGN_OR_RETURN(Tensor half, Tensor::Allocate(DType::kFloat16, value.shape()));
  Float32ToFloat16(value.data<float>(), half.data<uint16_t>(), static_cast<size_t>(value.num_elements()));
  if (bytes_before) *bytes_before += value.num_bytes();
  if (bytes_after) *bytes_after += half.num_bytes();
  const std::string name = proto->name();
  TensorToProto(half, name, proto);
  return Status::Ok();
}

// A Constant's float value (tensor 'value', or value_float(s)) as a float16
// tensor 'value'; ConstantOfShape's 'value' (default float32 0) likewise.
Status ConvertConstantNode(onnx::NodeProto* node) {
  for (int a = 0; a < node->attribute_size(); ++a) {
    onnx::AttributeProto* attr = node->mutable_attribute(a);
    if (attr->name() == "value" && attr->has_t() && attr->t().data_type() == kFloat) {
      return ConvertTensorProto(attr->mutable_t(), nullptr, nullptr);
    }
    if (attr->name() == "value_float" || attr->name() == "value_floats") {
      const bool scalar = attr->name() == "value_float";
      std::vector<float> values = scalar ? std::vector<float>{attr->f()}
                                         : std::vector<float>(attr->floats().begin(), attr->floats().end());
      Shape shape;
      if (!scalar) shape.push_back(static_cast<int64_t>(values.size()));
      EB_ASSIGN_OR_RETURN(Tensor half, Tensor::Allocate(DType::kFloat16, shape));
      Float32ToFloat16(values.data(), half.data<uint16_t>(), values.size());
      attr->Clear();
      attr->set_name("value");
      attr->set_type(onnx::AttributeProto::TENSOR);
      TensorToProto(half, "", attr->mutable_t());
      return Status::Ok();
    }
  }
  if (node->op_type() == "ConstantOfShape") {  // no 'value': float32 zero by default
    EB_ASSIGN_OR_RETURN(Tensor zero, Tensor::Allocate(DType::kFloat16, {1}));
    onnx::AttributeProto* attr = node->add_attribute();
    attr->set_name("value");
    attr->set_type(onnx::AttributeProto::TENSOR);
    TensorToProto(zero, "", attr->mutable_t());
    return Status::Ok();
  }
  return Internal(DescribeNode(*node) + ": no float value to convert");
}

bool IsConstantSource(const onnx::NodeProto& node) { return node.op_type() == "Constant"; }

}  // namespace

Status ConvertToFloat16(onnx::ModelProto& model, Float16ConversionReport* report_out) {
  onnx::GraphProto& graph = *model.mutable_graph();
  for (const auto& node : graph.node()) {
    for (const auto& attr : node.attribute()) {
      if (attr.type() == onnx::AttributeProto::GRAPH || attr.type() == onnx::AttributeProto::GRAPHS) {
        return Unsupported(DescribeNode(node) + ": control flow (subgraph attribute '" + attr.name() +
                           "') is not converted to float16");
      }
    }
  }
  const Status before = CheckOnnx(model);
  if (!before.ok()) return InvalidArgument("the model fails ONNX checks before conversion: " + before.message());

  std::map<std::string, int> types = InferredElemTypes(model);
  auto is_float = [&](const std::string& name) {
    auto it = types.find(name);
    return !name.empty() && it != types.end() && it->second == kFloat;
  };
  const GraphIndex index(graph);
  std::set<std::string> graph_outputs;
  for (const auto& out : graph.output()) graph_outputs.insert(out.name());

  // 1. What each node's float inputs want and its float outputs hold.
  const int n_nodes = graph.node_size();
  std::vector<std::vector<SlotType>> wants(n_nodes), holds(n_nodes);
  for (int n = 0; n < n_nodes; ++n) {
    const onnx::NodeProto& node = graph.node(n);
    const onnx::OpSchema* schema = FindSchema(model, node);
    wants[n].resize(node.input_size());
    holds[n].resize(node.output_size());
    for (int i = 0; i < node.input_size(); ++i) {
      if (is_float(node.input(i))) wants[n][i] = InputSlot(schema, node, i);
    }
    for (int o = 0; o < node.output_size(); ++o) {
      if (is_float(node.output(o))) holds[n][o] = OutputSlot(schema, node, o);
    }
  }

  // 2. The type each float value is stored as. Graph inputs stay float32.
  // Initializers and Constant outputs become float16 unless every reader
  // wants float32 (or it is a graph output); node outputs follow their slot.
  std::map<std::string, SlotType> stored;
  for (const auto& [name, type] : types) {
    if (type != kFloat) continue;
    const int producer = index.producer(name);
    const bool constant_source = index.initializer(name) || (producer >= 0 && IsConstantSource(graph.node(producer)));
    if (index.is_graph_input(name)) {
      stored[name] = {kFloat, ""};
    } else if (constant_source) {
      // Initializers renamed for an output Cast would need new names too;
      // as graph outputs they simply stay float32.
      SlotType s;
      const auto& uses = index.consumers(name);
      if (graph_outputs.count(name)) {
        s = {kFloat, "a graph output"};
      } else if (!uses.empty() && std::all_of(uses.begin(), uses.end(), [&](const std::pair<int, int>& use) {
                   return wants[use.first][use.second].type == kFloat;
                 })) {
        s = wants[uses[0].first][uses[0].second];
      }
      stored[name] = s;
    } else if (producer >= 0) {
      const onnx::NodeProto& node = graph.node(producer);
      for (int o = 0; o < node.output_size(); ++o) {
        if (node.output(o) == name) stored[name] = holds[producer][o];
      }
    }
  }

  // 3. Names: graph outputs stored as float16 get an inner name and a Cast
  // back to float32 under their own name; readers whose type differs from
  // the stored one read a Cast of it, one per value and type.
  NameGenerator names(graph);
  std::map<std::string, std::string> inner_name;
  auto inner = [&](const std::string& name) {
    auto it = inner_name.find(name);
    return it == inner_name.end() ? name : it->second;
  };
  for (const std::string& name : graph_outputs) {
    auto it = stored.find(name);
    if (it != stored.end() && it->second.type == kFloat16) inner_name[name] = names.Make(name + "_float16");
  }
  std::map<std::pair<std::string, int>, std::string> cast_of;
  std::map<std::string, std::vector<onnx::NodeProto>> casts_after;  // by source value
  Float16ConversionReport report;
  auto add_cast = [&](const std::string& from, const std::string& to, int type, const std::string& source) {
    onnx::NodeProto cast = MakeNode("Cast", names.Make(to + "_cast"), {from}, {to});
    SetIntAttribute(cast, "to", type);
    casts_after[source].push_back(std::move(cast));
    ++report.casts_inserted;
  };
  auto read_as = [&](const std::string& name, int type) -> std::string {
    auto it = stored.find(name);
    if (it == stored.end() || it->second.type == type) return inner(name);
    auto key = std::make_pair(name, type);
    auto cast = cast_of.find(key);
    if (cast != cast_of.end()) return cast->second;
    const std::string cast_name = names.Make(name + (type == kFloat16 ? "_float16" : "_float32"));
    add_cast(inner(name), cast_name, type, name);
    cast_of[key] = cast_name;
    return cast_name;
  };

  // 4. Rewrite the nodes, each followed by the casts of what it produces.
  std::vector<onnx::NodeProto> rewritten;
  for (int n = 0; n < n_nodes; ++n) {
    onnx::NodeProto node = graph.node(n);
    for (int i = 0; i < node.input_size(); ++i) {
      if (is_float(node.input(i))) node.set_input(i, read_as(node.input(i), wants[n][i].type));
    }
    bool converts_value = false;
    for (int o = 0; o < node.output_size(); ++o) {
      auto it = stored.find(node.output(o));
      if (it == stored.end() || it->second.type != kFloat16) continue;
      converts_value = true;
      node.set_output(o, inner(node.output(o)));
    }
    if (converts_value && (node.op_type() == "Constant" || node.op_type() == "ConstantOfShape")) {
      EB_RETURN_IF_ERROR(ConvertConstantNode(&node).WithContext(DescribeNode(node)));
      ++report.constants_converted;
    }
    if (converts_value && node.op_type() == "Cast" && IntAttribute(node, "to", 0) == kFloat) {
      SetIntAttribute(node, "to", kFloat16);
      ++report.casts_retargeted;
    }
    rewritten.push_back(std::move(node));
  }
  for (const std::string& name : graph_outputs) {
    if (inner_name.count(name)) add_cast(inner_name[name], name, kFloat, name);
  }

  // Casts of values no node produces (graph inputs, initializers) go first.
  std::vector<onnx::NodeProto> ordered;
  for (auto& [source, casts] : casts_after) {
    if (index.producer(source) >= 0) continue;
    for (auto& cast : casts) ordered.push_back(std::move(cast));
  }
  for (auto& node : rewritten) {
    std::vector<std::string> outputs(node.output().begin(), node.output().end());
    ordered.push_back(std::move(node));
    for (const std::string& out : outputs) {
      // The casts are keyed by the original name; an output renamed for the
      // graph's output Cast maps back through inner_name.
      std::string original = out;
      for (const auto& [name, renamed] : inner_name) {
        if (renamed == out) original = name;
      }
      auto it = casts_after.find(original);
      if (it == casts_after.end()) continue;
      for (auto& cast : it->second) ordered.push_back(std::move(cast));
    }
  }
  graph.clear_node();
  for (auto& node : ordered) *graph.add_node() = std::move(node);

  // 5. Initializers, and the types the graph states.
  for (auto& init : *graph.mutable_initializer()) {
    auto it = stored.find(init.name());
    if (init.data_type() != kFloat || it == stored.end() || it->second.type != kFloat16) continue;
    EB_RETURN_IF_ERROR(
        ConvertTensorProto(&init, &report.initializer_bytes_before, &report.initializer_bytes_after)
            .WithContext("initializer '" + init.name() + "'"));
    ++report.initializers_converted;
  }
  auto set_type = [&](onnx::ValueInfoProto& info) {
    auto it = stored.find(info.name());
    if (it == stored.end() || it->second.type != kFloat16 || !info.type().has_tensor_type()) return;
    info.mutable_type()->mutable_tensor_type()->set_elem_type(kFloat16);
  };
  for (auto& info : *graph.mutable_value_info()) set_type(info);
  for (auto& info : *graph.mutable_input()) {
    if (index.initializer(info.name())) set_type(info);  // initializers listed as inputs (IR < 4)
  }

  for (const auto& [name, s] : stored) {
    if (s.type == kFloat && !index.is_graph_input(name) && !graph_outputs.count(name)) {
      report.kept_float32.push_back({name, s.reason});
    }
  }
  const Status after = CheckOnnx(model);
  if (!after.ok()) return Internal("the float16 model fails ONNX checks (a converter bug): " + after.message());
  if (report_out) *report_out = std::move(report);
  return Status::Ok();
}

Expected<std::shared_ptr<const Model>> LoadModelAsFloat16(const std::string& path, Float16ConversionReport* report,
                                                          const LoadOptions& options) {
  EB_ASSIGN_OR_RETURN(onnx::ModelProto proto, ReadModelProto(path));
  Status converted = ConvertToFloat16(proto, report);
  if (!converted.ok()) return converted.WithContext("'" + path + "'");
  std::string bytes;
  if (!proto.SerializeToString(&bytes)) return Internal("'" + path + "': serializing the float16 model failed");
  const std::string base_dir = std::filesystem::path(path).parent_path().string();
  return LoadModelFromBytes(bytes, base_dir, path, options);
}

}  // namespace edgebench
