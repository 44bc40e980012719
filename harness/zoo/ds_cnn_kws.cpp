// DS-CNN small keyword spotter (Zhang et al. 2017, "Hello Edge: Keyword
// Spotting on Microcontrollers", table 7; ARM-software/ML-KWS-for-MCU
// create_ds_cnn_model with model_size_info 5 64 10 4 2 2 64 3 3 1 1 x4).
// Input is 49 MFCC frames x 10 coefficients, NCHW [batch, 1, 49, 10]. Convs
// carry biases and BatchNormalization stays un-folded, as in the TF graph.
#include <string>

#include "harness/zoo/graph_builder.h"
#include "harness/zoo/zoo.h"

namespace edgebench::zoo {
namespace {

constexpr int64_t kChannels = 64;

Value ConvBnRelu(GraphBuilder& g, const std::string& conv, const std::string& bn, const Value& x,
                 const ConvSpec& spec) {
  return g.Relu(bn + ".relu", g.BatchNorm(bn, g.Conv(conv, x, spec), spec.out_channels));
}

// Depthwise 3x3 + BN + ReLU, pointwise 1x1 + BN + ReLU.
Value DepthwiseSeparable(GraphBuilder& g, const std::string& name, const Value& x) {
  Value y = ConvBnRelu(g, name + ".depthwise_conv", name + ".dw_batch_norm", x,
                       Conv2d(kChannels, kChannels, 3).Pad(1).Depthwise().Bias());
  return ConvBnRelu(g, name + ".pointwise_conv", name + ".pw_batch_norm", y,
                    Conv2d(kChannels, kChannels, 1).Bias());
}

}  // namespace

Expected<onnx::ModelProto> BuildDsCnnKws(uint64_t seed) {
  GraphBuilder g("ds_cnn_kws", seed, /*opset=*/13);
  Value x = g.Input("input", {kBatch, 1, 49, 10});
  // 10x4 (time x frequency) stride 2 with TF "SAME" padding: 49x10 -> 25x5;
  // SAME puts the odd padding row at the end (pads 4/5 in time, 1/1 in frequency).
  x = ConvBnRelu(g, "conv_1", "conv_1.batch_norm", x, Conv2d(1, kChannels, 10, 4).Stride(2).Pads({4, 1, 5, 1}).Bias());
  for (int i = 1; i <= 4; ++i) x = DepthwiseSeparable(g, "conv_ds_" + std::to_string(i), x);

  x = g.Op("AveragePool", "avg_pool", {x}, {IntsAttr("kernel_shape", {25, 5}), IntsAttr("strides", {25, 5})});
  x = g.Flatten("flatten", x);
  x = g.Linear("fc1", x, kChannels, 12, kLinearGain);
  g.Output(x, {kBatch, 12});
  return g.Finish(
      "DS-CNN small (Hello Edge): 10x4/2 conv 64, 4 depthwise-separable blocks (3x3 depthwise, 1x1 "
      "pointwise 64, BN + ReLU after each), 25x5 average pool, fully connected 12. Input float32 MFCC "
      "[batch, 1, 49, 10] (time x coefficient); output logits [batch, 12]. Deterministic random weights.");
}

}  // namespace edgebench::zoo
