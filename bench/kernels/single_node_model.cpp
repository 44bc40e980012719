#include "bench/kernels/single_node_model.h"

#include <onnx/onnx_pb.h>

#include <string>

#include "runtime/core/splitmix64.h"
#include "runtime/onnx/tensor_proto.h"

namespace edgebench::bench {
namespace {

// Scales of the int8 models: activations near [-2, 2) in uint8 around 128,
// weights near [-0.5, 0.5) in symmetric int8. Any fixed values would do; these
// keep the requantized outputs inside the uint8 range most of the time, as a
// calibrated model's would be.
constexpr float kInputScale = 1.0f / 64;
constexpr int kInputZeroPoint = 128;
constexpr float kWeightScale = 0.5f / 127;
constexpr float kOutputScale = 1.0f / 16;
constexpr int kOutputZeroPoint = 128;

float Uniform(SplitMix64& rng, float low, float high) {
  const double unit = static_cast<double>(rng.Next() >> 11) * 0x1.0p-53;  // [0, 1)
  return static_cast<float>(low + (high - low) * unit);
}

class ModelBuilder {
 public:
  explicit ModelBuilder(uint64_t seed) : rng_(seed) {
    model_.set_ir_version(8);
    model_.set_producer_name("edgebench-bench");
    model_.add_opset_import()->set_version(13);
    model_.mutable_graph()->set_name("single_node");
  }

  void Input(const std::string& name, DType dtype, const Shape& dims) {
    SetType(model_.mutable_graph()->add_input(), name, dtype, dims);
  }
  void Output(const std::string& name, DType dtype, const Shape& dims) {
    SetType(model_.mutable_graph()->add_output(), name, dtype, dims);
  }

  template <typename T, typename Fill>
  Status Initializer(const std::string& name, const Shape& dims, Fill fill) {
    EB_ASSIGN_OR_RETURN(Tensor t, Tensor::Allocate(DTypeOf<T>(), dims));
    T* data = t.data<T>();
    for (int64_t i = 0; i < t.num_elements(); ++i) data[i] = fill(rng_);
    TensorToProto(t, name, model_.mutable_graph()->add_initializer());
    return Status::Ok();
  }
  Status FloatWeights(const std::string& name, const Shape& dims, float range) {
    return Initializer<float>(name, dims, [range](SplitMix64& r) { return Uniform(r, -range, range); });
  }
  Status Int8Weights(const std::string& name, const Shape& dims) {
    return Initializer<int8_t>(name, dims, [](SplitMix64& r) { return static_cast<int8_t>(Uniform(r, -127, 128)); });
  }
  Status FloatScalar(const std::string& name, float value) {
    return Initializer<float>(name, {}, [value](SplitMix64&) { return value; });
  }
  template <typename T>
  Status ZeroPoint(const std::string& name, const Shape& dims, int value) {
    return Initializer<T>(name, dims, [value](SplitMix64&) { return static_cast<T>(value); });
  }

  onnx::NodeProto* Node(const std::string& op, const std::vector<std::string>& inputs) {
    auto* node = model_.mutable_graph()->add_node();
    node->set_op_type(op);
    node->set_name(op);
    for (const auto& in : inputs) node->add_input(in);
    node->add_output("y");
    return node;
  }
  static void Ints(onnx::NodeProto* node, const std::string& name, const std::vector<int64_t>& values) {
    auto* a = node->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INTS);
    for (int64_t v : values) a->add_ints(v);
  }
  static void Int(onnx::NodeProto* node, const std::string& name, int64_t value) {
    auto* a = node->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(value);
  }

  Expected<std::shared_ptr<const Model>> Load(const std::string& label) const {
    return LoadModelFromBytes(model_.SerializeAsString(), "", label);
  }

 private:
  static void SetType(onnx::ValueInfoProto* value, const std::string& name, DType dtype, const Shape& dims) {
    value->set_name(name);
    auto* tensor_type = value->mutable_type()->mutable_tensor_type();
    tensor_type->set_elem_type(static_cast<int>(dtype));
    for (int64_t d : dims) tensor_type->mutable_shape()->add_dim()->set_dim_value(d);
  }

  onnx::ModelProto model_;
  SplitMix64 rng_;
};

Status BuildConv(const LayerCase& c, LayerPrecision precision, ModelBuilder& b) {
  const int64_t out_h = c.Output(c.height);
  const int64_t out_w = c.Output(c.width);
  const Shape weight_dims = {c.out_channels, c.in_channels / c.group, c.kernel, c.kernel};
  const bool int8 = precision == LayerPrecision::kInt8;
  const DType activation = int8 ? DType::kUInt8 : DType::kFloat32;
  b.Input("x", activation, {1, c.in_channels, c.height, c.width});
  b.Output("y", activation, {1, c.out_channels, out_h, out_w});
  onnx::NodeProto* node = nullptr;
  if (int8) {
    EB_RETURN_IF_ERROR(b.FloatScalar("x_scale", kInputScale));
    EB_RETURN_IF_ERROR(b.ZeroPoint<uint8_t>("x_zero_point", {}, kInputZeroPoint));
    EB_RETURN_IF_ERROR(b.Int8Weights("w", weight_dims));
    EB_RETURN_IF_ERROR(b.FloatWeights("w_scale", {c.out_channels}, kWeightScale));
    EB_RETURN_IF_ERROR(b.ZeroPoint<int8_t>("w_zero_point", {c.out_channels}, 0));
    EB_RETURN_IF_ERROR(b.FloatScalar("y_scale", kOutputScale));
    EB_RETURN_IF_ERROR(b.ZeroPoint<uint8_t>("y_zero_point", {}, kOutputZeroPoint));
    EB_RETURN_IF_ERROR(b.Initializer<int32_t>("bias", {c.out_channels}, [](SplitMix64& r) {
      return static_cast<int32_t>(Uniform(r, -1000, 1000));
    }));
    node = b.Node("QLinearConv", {"x", "x_scale", "x_zero_point", "w", "w_scale", "w_zero_point", "y_scale",
                                  "y_zero_point", "bias"});
  } else {
    EB_RETURN_IF_ERROR(b.FloatWeights("w", weight_dims, 0.1f));
    EB_RETURN_IF_ERROR(b.FloatWeights("bias", {c.out_channels}, 0.1f));
    node = b.Node("Conv", {"x", "w", "bias"});
  }
  ModelBuilder::Ints(node, "kernel_shape", {c.kernel, c.kernel});
  ModelBuilder::Ints(node, "strides", {c.stride, c.stride});
  ModelBuilder::Ints(node, "pads", {c.pad, c.pad, c.pad, c.pad});
  ModelBuilder::Int(node, "group", c.group);
  return Status::Ok();
}

Status BuildDense(const LayerCase& c, LayerPrecision precision, ModelBuilder& b) {
  if (precision == LayerPrecision::kInt8) {
    b.Input("a", DType::kUInt8, {c.m, c.k});
    b.Output("y", DType::kUInt8, {c.m, c.n});
    EB_RETURN_IF_ERROR(b.FloatScalar("a_scale", kInputScale));
    EB_RETURN_IF_ERROR(b.ZeroPoint<uint8_t>("a_zero_point", {}, kInputZeroPoint));
    EB_RETURN_IF_ERROR(b.Int8Weights("b", {c.k, c.n}));
    EB_RETURN_IF_ERROR(b.FloatScalar("b_scale", kWeightScale));
    EB_RETURN_IF_ERROR(b.ZeroPoint<int8_t>("b_zero_point", {}, 0));
    EB_RETURN_IF_ERROR(b.FloatScalar("y_scale", kOutputScale));
    EB_RETURN_IF_ERROR(b.ZeroPoint<uint8_t>("y_zero_point", {}, kOutputZeroPoint));
    b.Node("QLinearMatMul",
           {"a", "a_scale", "a_zero_point", "b", "b_scale", "b_zero_point", "y_scale", "y_zero_point"});
    return Status::Ok();
  }
  b.Input("a", DType::kFloat32, {c.m, c.k});
  b.Output("y", DType::kFloat32, {c.m, c.n});
  if (c.op == LayerOp::kGemm) {
    EB_RETURN_IF_ERROR(b.FloatWeights("b", {c.n, c.k}, 0.1f));
    EB_RETURN_IF_ERROR(b.FloatWeights("bias", {c.n}, 0.1f));
    ModelBuilder::Int(b.Node("Gemm", {"a", "b", "bias"}), "transB", 1);
  } else {
    EB_RETURN_IF_ERROR(b.FloatWeights("b", {c.k, c.n}, 0.1f));
    b.Node("MatMul", {"a", "b"});
  }
  return Status::Ok();
}

Status BuildMaxPool(const LayerCase& c, LayerPrecision precision, ModelBuilder& b) {
  const DType activation = precision == LayerPrecision::kInt8 ? DType::kUInt8 : DType::kFloat32;
  b.Input("x", activation, {1, c.in_channels, c.height, c.width});
  b.Output("y", activation, {1, c.in_channels, c.Output(c.height), c.Output(c.width)});
  onnx::NodeProto* node = b.Node("MaxPool", {"x"});
  ModelBuilder::Ints(node, "kernel_shape", {c.kernel, c.kernel});
  ModelBuilder::Ints(node, "strides", {c.stride, c.stride});
  ModelBuilder::Ints(node, "pads", {c.pad, c.pad, c.pad, c.pad});
  ModelBuilder::Int(node, "ceil_mode", c.ceil_mode ? 1 : 0);
  return Status::Ok();
}

}  // namespace

const char* LayerPrecisionName(LayerPrecision precision) {
  return precision == LayerPrecision::kInt8 ? "int8" : "fp32";
}

Expected<std::shared_ptr<const Model>> MakeSingleNodeModel(const LayerCase& layer, LayerPrecision precision,
                                                           uint64_t seed) {
  ModelBuilder builder(seed);
  if (layer.op == LayerOp::kConv) {
    EB_RETURN_IF_ERROR(BuildConv(layer, precision, builder));
  } else if (layer.op == LayerOp::kMaxPool) {
    EB_RETURN_IF_ERROR(BuildMaxPool(layer, precision, builder));
  } else {
    EB_RETURN_IF_ERROR(BuildDense(layer, precision, builder));
  }
  return builder.Load(layer.Label() + "/" + LayerPrecisionName(precision));
}

Expected<std::vector<Tensor>> MakeRandomInputs(const Session& session, uint64_t seed) {
  SplitMix64 rng(seed);
  std::vector<Tensor> inputs;
  for (int i = 0; i < session.num_inputs(); ++i) {
    const Tensor& info = session.input_info(i);
    EB_ASSIGN_OR_RETURN(Tensor t, Tensor::Allocate(info.dtype(), info.shape()));
    if (info.dtype() == DType::kFloat32) {
      for (int64_t j = 0; j < t.num_elements(); ++j) t.data<float>()[j] = Uniform(rng, -1.0f, 1.0f);
    } else if (info.dtype() == DType::kUInt8) {
      for (int64_t j = 0; j < t.num_elements(); ++j) t.data<uint8_t>()[j] = static_cast<uint8_t>(rng.Next() >> 56);
    } else {
      return InvalidArgument("input '" + session.input_name(i) + "': no random fill for " + DTypeName(info.dtype()));
    }
    inputs.push_back(std::move(t));
  }
  return inputs;
}

}  // namespace edgebench::bench
