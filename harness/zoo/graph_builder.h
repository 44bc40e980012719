// A small ONNX graph builder for the model zoo: inputs, outputs, initializers
// with deterministic weights, nodes, and the conv/linear/norm layers the zoo
// models are made of, so that each model file reads like its architecture.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "runtime/core/splitmix64.h"
#include "runtime/core/status.h"

namespace edgebench::zoo {

// A tensor in the graph under construction, named as in the ONNX file.
using Value = std::string;

// The symbolic batch dimension ("batch") in Input()/Output() shapes.
constexpr int64_t kBatch = -1;

// Gains for std = gain / sqrt(fan_in) (He et al. 2015, "Delving Deep into
// Rectifiers", sec. 2.2): sqrt(2) keeps the variance through ReLU layers, 1
// keeps it through linear ones.
constexpr float kReluGain = 1.41421356f;
constexpr float kLinearGain = 1.0f;

// splitmix64 (Steele et al. 2014) with Box-Muller normals: the same numbers on
// every platform, unlike std::normal_distribution.
class Rng {
 public:
  explicit Rng(uint64_t state) : bits_(state) {}
  uint64_t NextU64() { return bits_.Next(); }
  double NextUniform();  // [0, 1)
  double NextNormal();   // N(0, 1)

 private:
  SplitMix64 bits_;
  bool has_spare_ = false;
  double spare_ = 0.0;
};

// The seed of one tensor: mixes the zoo seed, the model name and the tensor name.
uint64_t TensorSeed(uint64_t seed, const std::string& model, const std::string& tensor);

onnx::AttributeProto IntAttr(const std::string& name, int64_t value);
onnx::AttributeProto IntsAttr(const std::string& name, const std::vector<int64_t>& values);
onnx::AttributeProto FloatAttr(const std::string& name, float value);
onnx::AttributeProto StringAttr(const std::string& name, const std::string& value);

// Conv geometry and init, built fluently: Conv2d(32, 64, 3).Stride(2).Pad(1).Bias().
struct ConvSpec {
  int64_t in_channels = 0;
  int64_t out_channels = 0;
  std::vector<int64_t> kernel;   // one entry per spatial dim (1-D or 2-D)
  std::vector<int64_t> strides;  // same length as kernel
  std::vector<int64_t> pads;     // ONNX order: all begins, then all ends
  int64_t group = 1;
  bool bias = false;
  float gain = kReluGain;  // weight std = gain / sqrt(fan_in)

  ConvSpec& Stride(int64_t s);
  ConvSpec& Pad(int64_t p);  // the same padding on every side
  ConvSpec& Pads(std::vector<int64_t> p);
  ConvSpec& Groups(int64_t g);
  ConvSpec& Depthwise();  // group = in_channels = out_channels
  ConvSpec& Bias();
  ConvSpec& Gain(float g);
};
ConvSpec Conv1d(int64_t in_channels, int64_t out_channels, int64_t kernel);
ConvSpec Conv2d(int64_t in_channels, int64_t out_channels, int64_t kernel);
ConvSpec Conv2d(int64_t in_channels, int64_t out_channels, int64_t kernel_h, int64_t kernel_w);

class GraphBuilder {
 public:
  GraphBuilder(std::string model_name, uint64_t seed, int64_t opset);

  // Graph inputs and outputs: float32, kBatch marks the symbolic batch dim.
  Value Input(const std::string& name, const std::vector<int64_t>& dims);
  // Renames `value` (a node output) to `name` and makes it a graph output.
  void Output(const Value& value, const std::vector<int64_t>& dims, const std::string& name = "output");

  // Initializers. Their names must be unique; a duplicate fails Finish().
  Value Initializer(const std::string& name, const std::vector<int64_t>& shape, const std::vector<float>& values);
  Value Int64Initializer(const std::string& name, const std::vector<int64_t>& shape,
                         const std::vector<int64_t>& values);
  Value Normal(const std::string& name, const std::vector<int64_t>& shape, float stddev, float mean = 0.0f);
  Value Uniform(const std::string& name, const std::vector<int64_t>& shape, float low, float high);
  Value Fill(const std::string& name, const std::vector<int64_t>& shape, float value);

  // One node. Node names are made unique ("relu", "relu_1", ...) the way
  // exporters do; a single output takes the node's name.
  Value Op(const std::string& op_type, const std::string& name, const std::vector<Value>& inputs,
           const std::vector<onnx::AttributeProto>& attributes = {});
  std::vector<Value> OpMulti(const std::string& op_type, const std::string& name, const std::vector<Value>& inputs,
                             const std::vector<std::string>& output_suffixes,
                             const std::vector<onnx::AttributeProto>& attributes = {});

  // Layers. `name` is the module path, e.g. "layer1.0.conv1"; weights are
  // "<name>.weight" and "<name>.bias" as in PyTorch state dicts.
  Value Conv(const std::string& name, const Value& x, const ConvSpec& spec);
  // Eval-mode BN with realistic statistics; gamma ~ gamma_mean (scale < 1 on
  // the last BN of a residual branch keeps activations from growing with depth).
  Value BatchNorm(const std::string& name, const Value& x, int64_t channels, float gamma_mean = 1.0f);
  // Gemm with transB = 1 and weight [out, in], as torch exports nn.Linear.
  Value Linear(const std::string& name, const Value& x, int64_t in_features, int64_t out_features,
               float gain = kReluGain);
  // x @ W + b with W [in, out]: how torch exports nn.Linear on rank-3 inputs.
  Value MatMulLinear(const std::string& name, const Value& x, int64_t in_features, int64_t out_features,
                     float gain);
  Value LayerNorm(const std::string& name, const Value& x, int64_t features, float epsilon = 1e-5f);

  Value Relu(const std::string& name, const Value& x);
  Value Relu6(const std::string& name, const Value& x);  // Clip(x, 0, 6) with min/max inputs
  Value Add(const std::string& name, const Value& a, const Value& b);
  Value MaxPool(const std::string& name, const Value& x, const std::vector<int64_t>& kernel,
                const std::vector<int64_t>& strides, const std::vector<int64_t>& pads, bool ceil_mode = false);
  Value GlobalAveragePool(const std::string& name, const Value& x);
  Value Flatten(const std::string& name, const Value& x, int64_t axis = 1);

  // The model, or the first construction error (e.g. a duplicate initializer).
  Expected<onnx::ModelProto> Finish(const std::string& doc_string);

  const std::string& model_name() const { return model_name_; }

 private:
  void ClaimName(const std::string& name);  // records an error on a duplicate
  std::string UniqueNodeName(const std::string& name);
  onnx::TensorProto* NewFloatInitializer(const std::string& name, const std::vector<int64_t>& shape);

  std::string model_name_;
  uint64_t seed_;
  onnx::ModelProto model_;
  std::unordered_set<std::string> names_;  // initializers, inputs, nodes and their outputs
  Status status_;
};

}  // namespace edgebench::zoo
