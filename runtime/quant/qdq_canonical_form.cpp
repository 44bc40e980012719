#include "runtime/quant/qdq_canonical_form.h"

#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <cstring>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "runtime/quant/onnx_graph_edit.h"
#include "runtime/quant/onnx_model_edit.h"

namespace edgebench {
namespace {

// A folded value is written into the model; quantization parameters have a
// few values per channel, so anything far larger is left to run time.
constexpr int64_t kMaxFoldedElements = int64_t{1} << 16;

bool InDefaultDomain(const onnx::NodeProto& node) { return node.domain().empty() || node.domain() == "ai.onnx"; }

// The value of a Constant node as an initializer named `name`; false for the
// attribute kinds with no plain numeric tensor form (sparse, strings).
bool ConstantAsInitializer(const onnx::NodeProto& node, const std::string& name, onnx::TensorProto* out) {
  if (node.attribute_size() != 1) return false;
  const onnx::AttributeProto& a = node.attribute(0);
  if (a.name() == "value" && a.has_t()) {
    *out = a.t();
  } else if (a.name() == "value_float") {
    out->set_data_type(onnx::TensorProto::FLOAT);
    out->add_float_data(a.f());
  } else if (a.name() == "value_floats") {
    out->set_data_type(onnx::TensorProto::FLOAT);
    out->add_dims(a.floats_size());
    for (float f : a.floats()) out->add_float_data(f);
  } else if (a.name() == "value_int") {
    out->set_data_type(onnx::TensorProto::INT64);
    out->add_int64_data(a.i());
  } else if (a.name() == "value_ints") {
    out->set_data_type(onnx::TensorProto::INT64);
    out->add_dims(a.ints_size());
    for (int64_t i : a.ints()) out->add_int64_data(i);
  } else {
    return false;
  }
  if (out->data_type() == onnx::TensorProto::STRING) return false;
  out->set_name(name);
  return true;
}

bool IsFoldableType(DType dtype) {
  return dtype == DType::kFloat32 || dtype == DType::kUInt8 || dtype == DType::kInt8 || dtype == DType::kInt32 ||
         dtype == DType::kInt64;
}

// `from` as `to` when every value converts exactly (a zero point of 0 cast to
// int32, say); Unsupported when one would be rounded, truncated or wrapped,
// since Cast's own rules for those differ between types and opsets.
Expected<Tensor> CastExactly(const Tensor& from, DType to) {
  if (!IsFoldableType(from.dtype()) || !IsFoldableType(to)) return Unsupported("not a numeric cast");
  EB_ASSIGN_OR_RETURN(Tensor out, Tensor::Allocate(to, from.shape()));
  bool exact = true;
  VisitNumericDType(from.dtype(), [&](auto from_zero) {
    using From = decltype(from_zero);
    VisitNumericDType(to, [&](auto to_zero) {
      using To = decltype(to_zero);
      for (int64_t i = 0; i < from.num_elements() && exact; ++i) {
        const From x = from.data<From>()[i];
        const double v = static_cast<double>(x);
        if (!(v >= static_cast<double>(std::numeric_limits<To>::lowest()) &&
              v <= static_cast<double>(std::numeric_limits<To>::max()))) {
          exact = false;
          break;
        }
        const To y = static_cast<To>(x);
        const double back = static_cast<double>(y);
        exact = back >= static_cast<double>(std::numeric_limits<From>::lowest()) &&
                back <= static_cast<double>(std::numeric_limits<From>::max()) && static_cast<From>(y) == x;
        out.data<To>()[i] = y;
      }
    });
  });
  if (!exact) return Unsupported("a value does not convert exactly");
  return out;
}

class Canonicalizer {
 public:
  explicit Canonicalizer(onnx::ModelProto& model) : model_(model), graph_(*model.mutable_graph()) {}

  void Run(QdqCanonicalFormReport* report);

 private:
  int ConstantsToInitializers();
  // One forward pass: inputs renamed through earlier bypasses, then each
  // node bypassed, folded or kept. Returns the nodes to remove.
  std::vector<bool> BypassAndFold();
  bool Keep(const std::string& value) const {
    return index_->is_graph_output(value) || subgraph_reads_.count(value) > 0;
  }
  // The initializer `value` when it is one, small enough to fold, else null.
  const onnx::TensorProto* SmallConstant(const std::string& value) const;
  bool FoldConstantOfShape(const onnx::NodeProto& node);
  bool FoldCast(const onnx::NodeProto& node, DType to);
  void AddFolded(const std::string& name, const Tensor& value);

  onnx::ModelProto& model_;
  onnx::GraphProto& graph_;
  std::unique_ptr<GraphIndex> index_;
  std::set<std::string> subgraph_reads_;
  std::map<std::string, int> types_;
  std::map<std::string, const onnx::TensorProto*> constants_;
  QdqCanonicalFormReport counts_;
};

int Canonicalizer::ConstantsToInitializers() {
  // Before IR version 4 an initializer must also be a graph input.
  if (model_.ir_version() < 4) return 0;
  std::vector<bool> remove(graph_.node_size(), false);
  for (int n = 0; n < graph_.node_size(); ++n) {
    const onnx::NodeProto& node = graph_.node(n);
    if (node.op_type() != "Constant" || !InDefaultDomain(node) || node.output_size() != 1) continue;
    onnx::TensorProto init;
    if (!ConstantAsInitializer(node, node.output(0), &init)) continue;
    *graph_.add_initializer() = std::move(init);
    remove[n] = true;
  }
  return RemoveNodes(graph_, remove);
}

const onnx::TensorProto* Canonicalizer::SmallConstant(const std::string& value) const {
  auto it = constants_.find(value);
  if (it == constants_.end()) return nullptr;
  int64_t elements = 1;
  for (int64_t d : it->second->dims()) elements *= d;
  return elements <= kMaxFoldedElements ? it->second : nullptr;
}

void Canonicalizer::AddFolded(const std::string& name, const Tensor& value) {
  AddInitializer(graph_, name, value);
  constants_[name] = &graph_.initializer(graph_.initializer_size() - 1);
  types_[name] = static_cast<int>(value.dtype());
}

bool Canonicalizer::FoldConstantOfShape(const onnx::NodeProto& node) {
  const onnx::TensorProto* shape_proto = node.input_size() == 1 ? SmallConstant(node.input(0)) : nullptr;
  if (shape_proto == nullptr) return false;
  auto shape = ReadInitializer(*shape_proto);
  if (!shape.ok() || shape->dtype() != DType::kInt64 || shape->rank() != 1) return false;
  Shape dims(shape->data<int64_t>(), shape->data<int64_t>() + shape->num_elements());
  int64_t elements = 1;
  for (int64_t d : dims) {
    if (d < 0) return false;
    elements *= d;
    if (elements > kMaxFoldedElements) return false;
  }
  Tensor value;  // the one element; float32 0 by default
  if (const onnx::AttributeProto* a = FindAttribute(node, "value")) {
    auto read = ReadInitializer(a->t());
    if (!read.ok() || read->num_elements() != 1 || !IsFoldableType(read->dtype())) return false;
    value = std::move(read).value();
  } else {
    value = Tensor::Allocate(DType::kFloat32, {}).value();  // zero-filled scalar
  }
  auto out = Tensor::Allocate(value.dtype(), dims);
  if (!out.ok()) return false;
  const size_t bytes = DTypeSize(value.dtype());
  for (int64_t i = 0; i < elements; ++i) {
    std::memcpy(static_cast<char*>(out->raw_data()) + i * bytes, value.raw_data(), bytes);
  }
  AddFolded(node.output(0), *out);
  return true;
}

bool Canonicalizer::FoldCast(const onnx::NodeProto& node, DType to) {
  const onnx::TensorProto* input = SmallConstant(node.input(0));
  if (input == nullptr) return false;
  auto value = ReadInitializer(*input);
  if (!value.ok()) return false;
  auto cast = CastExactly(*value, to);
  if (!cast.ok()) return false;
  AddFolded(node.output(0), *cast);
  return true;
}

std::vector<bool> Canonicalizer::BypassAndFold() {
  std::vector<bool> remove(graph_.node_size(), false);
  std::map<std::string, std::string> renamed;  // bypassed output -> the value it was
  for (int n = 0; n < graph_.node_size(); ++n) {
    onnx::NodeProto& node = *graph_.mutable_node(n);
    for (int slot = 0; slot < node.input_size(); ++slot) {
      auto it = renamed.find(node.input(slot));
      if (it != renamed.end()) node.set_input(slot, it->second);
    }
    if (!InDefaultDomain(node) || node.input_size() < 1 || node.output_size() != 1 || Keep(node.output(0))) continue;
    const std::string& in = node.input(0);
    const std::string& out = node.output(0);
    if (node.op_type() == "Identity") {
      renamed[out] = in;
      remove[n] = true;
      ++counts_.bypassed;
    } else if (node.op_type() == "Cast") {
      const int64_t to = IntAttribute(node, "to", 0);
      auto type = types_.find(in);
      if (type != types_.end() && type->second == to) {
        renamed[out] = in;
        remove[n] = true;
        ++counts_.bypassed;
      } else if (IsSupportedOnnxDataType(static_cast<int>(to)) && FoldCast(node, static_cast<DType>(to))) {
        remove[n] = true;
        ++counts_.folded;
      }
    } else if (node.op_type() == "ConstantOfShape" && FoldConstantOfShape(node)) {
      remove[n] = true;
      ++counts_.folded;
    }
  }
  return remove;
}

void Canonicalizer::Run(QdqCanonicalFormReport* report) {
  counts_.constants_to_initializers = ConstantsToInitializers();
  // Types of every value, for the Casts to the type their input has.
  try {
    onnx::shape_inference::InferShapes(model_);
  } catch (const std::exception&) {
    // Types stay those the model states; Casts of unknown input type stay.
  }
  types_ = StatedElemTypes(graph_);
  for (const auto& init : graph_.initializer()) constants_[init.name()] = &init;
  index_ = std::make_unique<GraphIndex>(graph_);
  subgraph_reads_ = SubgraphReads(graph_);

  const std::vector<bool> remove = BypassAndFold();
  std::set<std::string> maybe_orphaned;
  for (int n = 0; n < graph_.node_size(); ++n) {
    if (remove[n]) maybe_orphaned.insert(graph_.node(n).input().begin(), graph_.node(n).input().end());
  }
  RemoveNodes(graph_, remove);
  RemoveOrphanedInitializers(graph_, maybe_orphaned);
  PruneValueInfo(graph_);
  if (report != nullptr) *report = counts_;
}

}  // namespace

Status CanonicalizeQdqConstants(onnx::ModelProto& model, QdqCanonicalFormReport* report) {
  if (!model.has_graph()) return InvalidArgument("model has no graph");
  Canonicalizer(model).Run(report);
  return Status::Ok();
}

}  // namespace edgebench
