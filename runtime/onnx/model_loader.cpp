#include "runtime/onnx/model_loader.h"

#include <filesystem>

#include <onnx/checker.h>
#include <onnx/defs/schema.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include "runtime/core/file_io.h"
#include "runtime/ops/op_registry.h"
#include "runtime/onnx/tensor_proto.h"

namespace edgebench {
namespace {

namespace fs = std::filesystem;

bool UsesExternalData(const onnx::GraphProto& graph) {
  for (const auto& t : graph.initializer()) {
    if (t.data_location() == onnx::TensorProto::EXTERNAL) return true;
  }
  return false;
}

// Records dtype and (possibly symbolic) shape from an ONNX type.
Status ApplyTypeProto(const onnx::TypeProto& type, Value& value) {
  if (!type.has_tensor_type()) {
    return Unsupported("value '" + value.name + "' is not a tensor (sequence, map and optional are not supported)");
  }
  const auto& tt = type.tensor_type();
  if (!IsSupportedOnnxDataType(tt.elem_type())) {
    return Unsupported("value '" + value.name + "' has unsupported data type " + OnnxDataTypeName(tt.elem_type()));
  }
  value.dtype = static_cast<DType>(tt.elem_type());
  if (!tt.has_shape()) return Status::Ok();
  value.has_shape = true;
  value.shape.clear();
  value.dim_params.clear();
  for (const auto& dim : tt.shape().dim()) {
    const bool known = dim.has_dim_value() && dim.dim_value() >= 0;
    value.shape.push_back(known ? dim.dim_value() : -1);
    value.dim_params.push_back(dim.has_dim_param() ? dim.dim_param() : "");
  }
  return Status::Ok();
}

Expected<Attribute> ConvertAttribute(const onnx::AttributeProto& proto, const TensorReadOptions& tensor_options) {
  Attribute a;
  switch (proto.type()) {
    case onnx::AttributeProto::FLOAT: a.kind = Attribute::Kind::kFloat; a.f = proto.f(); break;
    case onnx::AttributeProto::INT: a.kind = Attribute::Kind::kInt; a.i = proto.i(); break;
    case onnx::AttributeProto::STRING: a.kind = Attribute::Kind::kString; a.s = proto.s(); break;
    case onnx::AttributeProto::FLOATS:
      a.kind = Attribute::Kind::kFloats;
      a.floats.assign(proto.floats().begin(), proto.floats().end());
      break;
    case onnx::AttributeProto::INTS:
      a.kind = Attribute::Kind::kInts;
      a.ints.assign(proto.ints().begin(), proto.ints().end());
      break;
    case onnx::AttributeProto::STRINGS:
      a.kind = Attribute::Kind::kStrings;
      a.strings.assign(proto.strings().begin(), proto.strings().end());
      break;
    case onnx::AttributeProto::TENSOR: {
      a.kind = Attribute::Kind::kTensor;
      EB_ASSIGN_OR_RETURN(a.t, TensorFromProto(proto.t(), tensor_options));
      break;
    }
    default:
      return Unsupported("attribute '" + proto.name() + "' has a type edgebench does not support (" +
                         onnx::AttributeProto::AttributeType_Name(proto.type()) + ")");
  }
  return a;
}

// For a model older than kMinOpset: every op must have the same ONNX
// definition at the model's opset as at kMinOpset, so opset-7 semantics hold.
Status CheckLegacyOpset(const onnx::GraphProto& graph, int64_t opset) {
  const auto* registry = onnx::OpSchemaRegistry::Instance();
  for (const auto& node : graph.node()) {
    if (!node.domain().empty() && node.domain() != "ai.onnx") continue;
    const auto* old_def = registry->GetSchema(node.op_type(), static_cast<int>(opset), "");
    const auto* new_def = registry->GetSchema(node.op_type(), static_cast<int>(kMinOpset), "");
    if (old_def == nullptr || new_def == nullptr || old_def->SinceVersion() != new_def->SinceVersion()) {
      return Unsupported("opset " + std::to_string(opset) + " is below " + std::to_string(kMinOpset) + " and " +
                         node.op_type() + " (node '" + node.name() + "') changed definition since then");
    }
  }
  return Status::Ok();
}

Status BuildGraph(const onnx::GraphProto& g, const TensorReadOptions& tensor_options, Graph& graph) {
  graph.name = g.name();
  for (const auto& init : g.initializer()) {
    const int id = graph.GetOrAddValue(init.name());
    Value& v = graph.values[id];
    if (v.constant) return InvalidArgument("initializer '" + init.name() + "' is defined twice");
    EB_ASSIGN_OR_RETURN(Tensor t, TensorFromProto(init, tensor_options));
    v.dtype = t.dtype();
    v.shape = t.shape();
    v.dim_params.assign(v.shape.size(), "");
    v.has_shape = true;
    v.constant = std::move(t);
  }
  if (g.sparse_initializer_size() > 0) return Unsupported("sparse initializers are not supported");
  for (const auto& in : g.input()) {
    const int id = graph.GetOrAddValue(in.name());
    Value& v = graph.values[id];
    if (v.constant) continue;  // IR < 4 lists initializers as inputs too
    EB_RETURN_IF_ERROR(ApplyTypeProto(in.type(), v));
    if (v.dtype == DType::kUndefined) return InvalidArgument("graph input '" + in.name() + "' has no type");
    v.is_graph_input = true;
    graph.inputs.push_back(id);
  }
  for (const auto& vi : g.value_info()) {
    const int id = graph.GetOrAddValue(vi.name());
    // Shape inference results are informative only; binding re-infers.
    if (!graph.values[id].constant && vi.type().has_tensor_type() &&
        IsSupportedOnnxDataType(vi.type().tensor_type().elem_type())) {
      EB_RETURN_IF_ERROR(ApplyTypeProto(vi.type(), graph.values[id]));
    }
  }
  for (int n = 0; n < g.node_size(); ++n) {
    const auto& np = g.node(n);
    Node node;
    node.name = np.name().empty() ? np.op_type() + "_" + std::to_string(n) : np.name();
    node.op_type = np.op_type();
    node.domain = np.domain();
    for (const auto& in : np.input()) node.inputs.push_back(in.empty() ? kNoValue : graph.GetOrAddValue(in));
    for (const auto& out : np.output()) node.outputs.push_back(out.empty() ? kNoValue : graph.GetOrAddValue(out));
    for (const auto& ap : np.attribute()) {
      auto attr = ConvertAttribute(ap, tensor_options);
      if (!attr.ok()) return attr.status().WithContext(node.Describe());
      node.attributes.Set(ap.name(), std::move(attr).value());
    }
    graph.nodes.push_back(std::move(node));
  }
  for (const auto& out : g.output()) {
    const int id = graph.GetOrAddValue(out.name());
    Value& v = graph.values[id];
    if (out.type().has_tensor_type() && !v.constant) {
      EB_RETURN_IF_ERROR(ApplyTypeProto(out.type(), v));
    }
    v.is_graph_output = true;
    graph.outputs.push_back(id);
  }
  return graph.Finalize();
}

}  // namespace

Status CheckOpsSupported(const Graph& graph) {
  std::map<std::string, std::vector<std::string>> missing;  // sorted for a stable message
  for (const Node& node : graph.nodes) {
    if (!FindRefOp(node.domain, node.op_type)) {
      const std::string key = node.domain.empty() ? node.op_type : node.domain + "." + node.op_type;
      missing[key].push_back(node.name);
    }
  }
  if (missing.empty()) return Status::Ok();
  std::string msg = "unsupported ops: ";
  bool first_op = true;
  for (const auto& [op, names] : missing) {
    msg += (first_op ? "" : "; ") + op + (names.size() == 1 ? " (node " : " (nodes ");
    first_op = false;
    for (size_t i = 0; i < names.size() && i < 8; ++i) msg += (i ? ", '" : "'") + names[i] + "'";
    if (names.size() > 8) msg += ", and " + std::to_string(names.size() - 8) + " more";
    msg += ")";
  }
  return Unsupported(msg);
}

Expected<std::shared_ptr<const Model>> LoadModelFromBytes(const std::string& bytes, const std::string& base_dir,
                                                          const std::string& label, const LoadOptions& options) {
  auto fail = [&](const Status& s) { return s.WithContext(label); };
  onnx::ModelProto proto;
  if (bytes.empty()) return fail(InvalidArgument("file is empty"));
  if (!proto.ParseFromString(bytes)) {
    return fail(InvalidArgument("not a valid ONNX protobuf (truncated or corrupt file?)"));
  }
  if (proto.ir_version() <= 0 || !proto.has_graph() || proto.opset_import_size() == 0) {
    return fail(InvalidArgument("parses as protobuf but is not an ONNX model (no ir_version, graph or opset_import)"));
  }

  auto model = std::make_shared<Model>();
  model->path = label;
  model->file_bytes = bytes.size();
  model->ir_version = proto.ir_version();
  model->producer = proto.producer_name() + (proto.producer_version().empty() ? "" : " " + proto.producer_version());
  for (const auto& op : proto.opset_import()) model->opset_imports[op.domain()] = op.version();
  auto default_opset = model->opset_imports.find("");
  if (default_opset == model->opset_imports.end()) default_opset = model->opset_imports.find("ai.onnx");
  if (default_opset == model->opset_imports.end()) {
    std::string domains;
    for (const auto& [domain, version] : model->opset_imports) domains += (domains.empty() ? "" : ", ") + domain;
    return fail(Unsupported("model imports no default-domain opset, only: " + domains));
  }
  const int64_t opset = default_opset->second;
  if (opset >= 1 && opset < kMinOpset) {
    EB_RETURN_IF_ERROR(fail(CheckLegacyOpset(proto.graph(), opset)));
  } else if (opset < kMinOpset || opset > kMaxOpset) {
    return fail(Unsupported("opset " + std::to_string(opset) + " is outside the supported range " +
                            std::to_string(kMinOpset) + "-" + std::to_string(kMaxOpset)));
  }
  model->graph.opset = opset;

  const bool external = UsesExternalData(proto.graph());
  TensorReadOptions tensor_options;
  tensor_options.base_dir = base_dir.empty() ? "." : base_dir;
  tensor_options.max_bytes = options.max_tensor_bytes;
  if (external) {
    // Validate locations ourselves first: the checker would otherwise be the
    // first to touch a path like ../../etc/passwd.
    for (const auto& init : proto.graph().initializer()) {
      if (init.data_location() != onnx::TensorProto::EXTERNAL) continue;
      auto t = TensorFromProto(init, tensor_options);
      if (!t.ok()) return fail(t.status());
    }
  }

  if (options.run_checker) {
    try {
      if (external) {
        onnx::checker::check_model((fs::path(tensor_options.base_dir) / fs::path(label).filename()).string());
      } else {
        onnx::checker::check_model(proto);
      }
    } catch (const std::exception& e) {
      return fail(InvalidArgument(std::string("onnx checker: ") + e.what()));
    }
  }
  if (options.run_shape_inference) {
    try {
      onnx::ShapeInferenceOptions si;
      si.check_type = false;
      si.error_mode = 0;  // keep going; our own inference runs at binding
      onnx::shape_inference::InferShapes(proto, onnx::OpSchemaRegistry::Instance(), si);
    } catch (const std::exception& e) {
      model->warnings.push_back(std::string("ONNX shape inference stopped early: ") + e.what());
    }
  }

  EB_RETURN_IF_ERROR(fail(BuildGraph(proto.graph(), tensor_options, model->graph)));
  if (options.require_supported_ops) EB_RETURN_IF_ERROR(fail(CheckOpsSupported(model->graph)));
  return std::shared_ptr<const Model>(std::move(model));
}

Expected<std::shared_ptr<const Model>> LoadModel(const std::string& path, const LoadOptions& options) {
  EB_ASSIGN_OR_RETURN(std::string bytes, ReadFileBytes(path, options.max_file_bytes));
  return LoadModelFromBytes(bytes, fs::path(path).parent_path().string(), path, options);
}

}  // namespace edgebench
