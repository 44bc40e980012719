#include "harness/zoo/graph_builder.h"

#include <cmath>
#include <cstring>
#include <utility>

namespace edgebench::zoo {
namespace {

uint64_t Mix64(uint64_t z) {  // the splitmix64 finalizer
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

uint64_t Fnv1a64(const std::string& text) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

// std = gain / sqrt(fan_in): He et al. 2015, sec. 2.2.
float InitStd(float gain, int64_t fan_in) { return gain / std::sqrt(static_cast<float>(fan_in)); }

int64_t NumElements(const std::vector<int64_t>& shape) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

std::string ShapeToString(const std::vector<int64_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

// raw_data is little-endian whatever the host is.
void AppendLittleEndian(uint64_t bits, int bytes, std::string* out) {
  for (int i = 0; i < bytes; ++i) out->push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
}

void SetValueInfo(const std::string& name, const std::vector<int64_t>& dims, onnx::ValueInfoProto* info) {
  info->set_name(name);
  auto* tensor_type = info->mutable_type()->mutable_tensor_type();
  tensor_type->set_elem_type(onnx::TensorProto::FLOAT);
  auto* shape = tensor_type->mutable_shape();
  for (int64_t d : dims) {
    auto* dim = shape->add_dim();
    if (d == kBatch) {
      dim->set_dim_param("batch");
    } else {
      dim->set_dim_value(d);
    }
  }
}

}  // namespace

double Rng::NextUniform() { return static_cast<double>(NextU64() >> 11) * 0x1.0p-53; }

double Rng::NextNormal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  const double kTwoPi = 6.283185307179586;
  const double u1 = 1.0 - NextUniform();  // (0, 1]: log stays finite
  const double u2 = NextUniform();
  const double r = std::sqrt(-2.0 * std::log(u1));
  spare_ = r * std::sin(kTwoPi * u2);
  has_spare_ = true;
  return r * std::cos(kTwoPi * u2);
}

uint64_t TensorSeed(uint64_t seed, const std::string& model, const std::string& tensor) {
  return Mix64(Mix64(Mix64(seed) ^ Fnv1a64(model)) ^ Fnv1a64(tensor));
}

onnx::AttributeProto IntAttr(const std::string& name, int64_t value) {
  onnx::AttributeProto attr;
  attr.set_name(name);
  attr.set_type(onnx::AttributeProto::INT);
  attr.set_i(value);
  return attr;
}

onnx::AttributeProto IntsAttr(const std::string& name, const std::vector<int64_t>& values) {
  onnx::AttributeProto attr;
  attr.set_name(name);
  attr.set_type(onnx::AttributeProto::INTS);
  for (int64_t v : values) attr.add_ints(v);
  return attr;
}

onnx::AttributeProto FloatAttr(const std::string& name, float value) {
  onnx::AttributeProto attr;
  attr.set_name(name);
  attr.set_type(onnx::AttributeProto::FLOAT);
  attr.set_f(value);
  return attr;
}

onnx::AttributeProto StringAttr(const std::string& name, const std::string& value) {
  onnx::AttributeProto attr;
  attr.set_name(name);
  attr.set_type(onnx::AttributeProto::STRING);
  attr.set_s(value);
  return attr;
}

ConvSpec& ConvSpec::Stride(int64_t s) {
  strides.assign(kernel.size(), s);
  return *this;
}
ConvSpec& ConvSpec::Pad(int64_t p) {
  pads.assign(2 * kernel.size(), p);
  return *this;
}
ConvSpec& ConvSpec::Pads(std::vector<int64_t> p) {
  pads = std::move(p);
  return *this;
}
ConvSpec& ConvSpec::Groups(int64_t g) {
  group = g;
  return *this;
}
ConvSpec& ConvSpec::Depthwise() {
  group = in_channels;
  return *this;
}
ConvSpec& ConvSpec::Bias() {
  bias = true;
  return *this;
}
ConvSpec& ConvSpec::Gain(float g) {
  gain = g;
  return *this;
}

ConvSpec Conv1d(int64_t in_channels, int64_t out_channels, int64_t kernel) {
  ConvSpec spec;
  spec.in_channels = in_channels;
  spec.out_channels = out_channels;
  spec.kernel = {kernel};
  return spec.Stride(1).Pad(0);
}

ConvSpec Conv2d(int64_t in_channels, int64_t out_channels, int64_t kernel) {
  return Conv2d(in_channels, out_channels, kernel, kernel);
}

ConvSpec Conv2d(int64_t in_channels, int64_t out_channels, int64_t kernel_h, int64_t kernel_w) {
  ConvSpec spec;
  spec.in_channels = in_channels;
  spec.out_channels = out_channels;
  spec.kernel = {kernel_h, kernel_w};
  return spec.Stride(1).Pad(0);
}

GraphBuilder::GraphBuilder(std::string model_name, uint64_t seed, int64_t opset)
    : model_name_(std::move(model_name)), seed_(seed) {
  // IR version 7 is what exporters write for opset 13; opset 17 needs IR 8.
  model_.set_ir_version(opset >= 15 ? 8 : 7);
  auto* opset_import = model_.add_opset_import();
  opset_import->set_domain("");
  opset_import->set_version(opset);
  model_.mutable_graph()->set_name(model_name_);
}

void GraphBuilder::ClaimName(const std::string& name) {
  if (!names_.insert(name).second && status_.ok()) {
    status_ = Internal("model '" + model_name_ + "': the name '" + name + "' is defined twice");
  }
}

std::string GraphBuilder::UniqueNodeName(const std::string& name) {
  std::string unique = name;
  for (int i = 1; names_.count(unique) != 0; ++i) unique = name + "_" + std::to_string(i);
  names_.insert(unique);
  return unique;
}

Value GraphBuilder::Input(const std::string& name, const std::vector<int64_t>& dims) {
  ClaimName(name);
  SetValueInfo(name, dims, model_.mutable_graph()->add_input());
  return name;
}

void GraphBuilder::Output(const Value& value, const std::vector<int64_t>& dims, const std::string& name) {
  ClaimName(name);
  for (onnx::NodeProto& node : *model_.mutable_graph()->mutable_node()) {
    for (std::string& input : *node.mutable_input()) {
      if (input == value) input = name;
    }
    for (std::string& output : *node.mutable_output()) {
      if (output == value) output = name;
    }
  }
  SetValueInfo(name, dims, model_.mutable_graph()->add_output());
}

onnx::TensorProto* GraphBuilder::NewFloatInitializer(const std::string& name, const std::vector<int64_t>& shape) {
  ClaimName(name);
  onnx::TensorProto* tensor = model_.mutable_graph()->add_initializer();
  tensor->set_name(name);
  tensor->set_data_type(onnx::TensorProto::FLOAT);
  for (int64_t d : shape) tensor->add_dims(d);
  return tensor;
}

Value GraphBuilder::Initializer(const std::string& name, const std::vector<int64_t>& shape,
                                const std::vector<float>& values) {
  if (static_cast<int64_t>(values.size()) != NumElements(shape) && status_.ok()) {
    status_ = Internal("initializer '" + name + "': " + std::to_string(values.size()) + " values for shape " +
                       ShapeToString(shape));
  }
  onnx::TensorProto* tensor = NewFloatInitializer(name, shape);
  std::string* raw = tensor->mutable_raw_data();
  raw->reserve(values.size() * sizeof(float));
  for (float v : values) {
    uint32_t bits = 0;
    std::memcpy(&bits, &v, sizeof(bits));
    AppendLittleEndian(bits, 4, raw);
  }
  return name;
}

Value GraphBuilder::Int64Initializer(const std::string& name, const std::vector<int64_t>& shape,
                                     const std::vector<int64_t>& values) {
  if (static_cast<int64_t>(values.size()) != NumElements(shape) && status_.ok()) {
    status_ = Internal("initializer '" + name + "': " + std::to_string(values.size()) + " values for shape " +
                       ShapeToString(shape));
  }
  ClaimName(name);
  onnx::TensorProto* tensor = model_.mutable_graph()->add_initializer();
  tensor->set_name(name);
  tensor->set_data_type(onnx::TensorProto::INT64);
  for (int64_t d : shape) tensor->add_dims(d);
  for (int64_t v : values) AppendLittleEndian(static_cast<uint64_t>(v), 8, tensor->mutable_raw_data());
  return name;
}

Value GraphBuilder::Normal(const std::string& name, const std::vector<int64_t>& shape, float stddev, float mean) {
  Rng rng(TensorSeed(seed_, model_name_, name));
  std::vector<float> values(static_cast<size_t>(NumElements(shape)));
  for (float& v : values) v = static_cast<float>(mean + stddev * rng.NextNormal());
  return Initializer(name, shape, values);
}

Value GraphBuilder::Uniform(const std::string& name, const std::vector<int64_t>& shape, float low, float high) {
  Rng rng(TensorSeed(seed_, model_name_, name));
  std::vector<float> values(static_cast<size_t>(NumElements(shape)));
  for (float& v : values) v = static_cast<float>(low + (high - low) * rng.NextUniform());
  return Initializer(name, shape, values);
}

Value GraphBuilder::Fill(const std::string& name, const std::vector<int64_t>& shape, float value) {
  return Initializer(name, shape, std::vector<float>(static_cast<size_t>(NumElements(shape)), value));
}

Value GraphBuilder::Op(const std::string& op_type, const std::string& name, const std::vector<Value>& inputs,
                       const std::vector<onnx::AttributeProto>& attributes) {
  return OpMulti(op_type, name, inputs, {""}, attributes).front();
}

std::vector<Value> GraphBuilder::OpMulti(const std::string& op_type, const std::string& name,
                                         const std::vector<Value>& inputs,
                                         const std::vector<std::string>& output_suffixes,
                                         const std::vector<onnx::AttributeProto>& attributes) {
  const std::string node_name = UniqueNodeName(name);
  onnx::NodeProto* node = model_.mutable_graph()->add_node();
  node->set_op_type(op_type);
  node->set_name(node_name);
  for (const Value& input : inputs) node->add_input(input);
  std::vector<Value> outputs;
  for (const std::string& suffix : output_suffixes) {
    Value output = node_name + suffix;
    if (!suffix.empty()) ClaimName(output);
    node->add_output(output);
    outputs.push_back(std::move(output));
  }
  for (const auto& attr : attributes) *node->add_attribute() = attr;
  return outputs;
}

Value GraphBuilder::Conv(const std::string& name, const Value& x, const ConvSpec& spec) {
  std::vector<int64_t> weight_shape = {spec.out_channels, spec.in_channels / spec.group};
  weight_shape.insert(weight_shape.end(), spec.kernel.begin(), spec.kernel.end());
  const int64_t fan_in = NumElements(weight_shape) / spec.out_channels;
  std::vector<Value> inputs = {x, Normal(name + ".weight", weight_shape, InitStd(spec.gain, fan_in))};
  if (spec.bias) inputs.push_back(Normal(name + ".bias", {spec.out_channels}, 0.02f));
  std::vector<onnx::AttributeProto> attrs = {IntsAttr("dilations", std::vector<int64_t>(spec.kernel.size(), 1)),
                                             IntAttr("group", spec.group), IntsAttr("kernel_shape", spec.kernel),
                                             IntsAttr("pads", spec.pads), IntsAttr("strides", spec.strides)};
  return Op("Conv", name, inputs, attrs);
}

Value GraphBuilder::BatchNorm(const std::string& name, const Value& x, int64_t channels, float gamma_mean) {
  // Trained-network-like statistics: gamma near 1, small beta and mean, and a
  // running variance near 1, which is what He-initialised convs produce.
  const Value scale = Uniform(name + ".weight", {channels}, 0.9f * gamma_mean, 1.1f * gamma_mean);
  const Value bias = Normal(name + ".bias", {channels}, 0.05f);
  const Value mean = Normal(name + ".running_mean", {channels}, 0.1f);
  const Value var = Uniform(name + ".running_var", {channels}, 0.8f, 1.25f);
  return Op("BatchNormalization", name, {x, scale, bias, mean, var},
            {FloatAttr("epsilon", 1e-5f), FloatAttr("momentum", 0.9f)});
}

Value GraphBuilder::Linear(const std::string& name, const Value& x, int64_t in_features, int64_t out_features,
                           float gain) {
  const Value weight = Normal(name + ".weight", {out_features, in_features}, InitStd(gain, in_features));
  const Value bias = Normal(name + ".bias", {out_features}, 0.02f);
  return Op("Gemm", name, {x, weight, bias},
            {FloatAttr("alpha", 1.0f), FloatAttr("beta", 1.0f), IntAttr("transB", 1)});
}

Value GraphBuilder::MatMulLinear(const std::string& name, const Value& x, int64_t in_features, int64_t out_features,
                                 float gain) {
  const Value weight = Normal(name + ".weight", {in_features, out_features}, InitStd(gain, in_features));
  const Value bias = Normal(name + ".bias", {out_features}, 0.02f);
  const Value product = Op("MatMul", name + ".matmul", {x, weight});
  return Op("Add", name, {product, bias});
}

Value GraphBuilder::LayerNorm(const std::string& name, const Value& x, int64_t features, float epsilon) {
  const Value scale = Uniform(name + ".weight", {features}, 0.9f, 1.1f);
  const Value bias = Normal(name + ".bias", {features}, 0.02f);
  return Op("LayerNormalization", name, {x, scale, bias}, {IntAttr("axis", -1), FloatAttr("epsilon", epsilon)});
}

Value GraphBuilder::Relu(const std::string& name, const Value& x) { return Op("Relu", name, {x}); }

Value GraphBuilder::Relu6(const std::string& name, const Value& x) {
  // One shared pair of scalar bounds, as torch's constant folding leaves them.
  const std::string kMin = "relu6.min", kMax = "relu6.max";
  if (names_.count(kMin) == 0) {
    Initializer(kMin, {}, {0.0f});
    Initializer(kMax, {}, {6.0f});
  }
  return Op("Clip", name, {x, kMin, kMax});
}

Value GraphBuilder::Add(const std::string& name, const Value& a, const Value& b) { return Op("Add", name, {a, b}); }

Value GraphBuilder::MaxPool(const std::string& name, const Value& x, const std::vector<int64_t>& kernel,
                            const std::vector<int64_t>& strides, const std::vector<int64_t>& pads, bool ceil_mode) {
  return Op("MaxPool", name, {x},
            {IntAttr("ceil_mode", ceil_mode ? 1 : 0), IntsAttr("kernel_shape", kernel), IntsAttr("pads", pads),
             IntsAttr("strides", strides)});
}

Value GraphBuilder::GlobalAveragePool(const std::string& name, const Value& x) {
  return Op("GlobalAveragePool", name, {x});
}

Value GraphBuilder::Flatten(const std::string& name, const Value& x, int64_t axis) {
  return Op("Flatten", name, {x}, {IntAttr("axis", axis)});
}

Expected<onnx::ModelProto> GraphBuilder::Finish(const std::string& doc_string) {
  if (!status_.ok()) return status_;
#ifdef EDGEBENCH_VERSION
  model_.set_producer_version(EDGEBENCH_VERSION);
#endif
  model_.set_producer_name("edgebench-zoo");
  model_.set_doc_string(doc_string);
  model_.mutable_graph()->set_doc_string(doc_string);
  return std::move(model_);
}

}  // namespace edgebench::zoo
