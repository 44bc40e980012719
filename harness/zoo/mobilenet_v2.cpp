// MobileNetV2 1.0 (Sandler et al. 2018, "MobileNetV2: Inverted Residuals and
// Linear Bottlenecks", table 2), named like torchvision's mobilenet_v2. As in a
// torch.onnx export, every BatchNormalization is folded into its Conv (which
// gains a bias) and ReLU6 is Clip(x, 0, 6).
#include <string>

#include "harness/zoo/graph_builder.h"
#include "harness/zoo/zoo.h"

namespace edgebench::zoo {
namespace {

// The projection of a block with a residual starts small, so each block adds a
// quarter of its input's variance; otherwise it keeps the variance (linear).
constexpr float kResidualProjectionGain = 0.5f;

// Conv (BN folded) + ReLU6, torchvision's Conv2dNormActivation at `name`.
Value ConvRelu6(GraphBuilder& g, const std::string& name, const Value& x, const ConvSpec& spec) {
  return g.Relu6(name + ".2", g.Conv(name + ".0", x, spec));
}

// Expand 1x1 (unless t = 1), depthwise 3x3, linear projection 1x1, residual.
Value InvertedResidual(GraphBuilder& g, const std::string& name, const Value& x, int64_t in, int64_t out,
                       int64_t stride, int64_t expand) {
  const int64_t hidden = in * expand;
  const bool residual = stride == 1 && in == out;
  int index = 0;
  Value y = x;
  if (expand != 1) y = ConvRelu6(g, name + ".conv." + std::to_string(index++), y, Conv2d(in, hidden, 1).Bias());
  y = ConvRelu6(g, name + ".conv." + std::to_string(index++), y,
                Conv2d(hidden, hidden, 3).Stride(stride).Pad(1).Depthwise().Bias());
  y = g.Conv(name + ".conv." + std::to_string(index), y,
             Conv2d(hidden, out, 1).Bias().Gain(residual ? kResidualProjectionGain : kLinearGain));
  return residual ? g.Add(name + ".add", x, y) : y;
}

struct StageSetting {
  int64_t expand, channels, repeats, stride;  // t, c, n, s in the paper's table 2
};

}  // namespace

Expected<onnx::ModelProto> BuildMobileNetV2(uint64_t seed) {
  GraphBuilder g("mobilenet_v2", seed, /*opset=*/13);
  Value x = g.Input("input", {kBatch, 3, 224, 224});
  x = ConvRelu6(g, "features.0", x, Conv2d(3, 32, 3).Stride(2).Pad(1).Bias());

  const StageSetting kStages[] = {{1, 16, 1, 1},  {6, 24, 2, 2},  {6, 32, 3, 2}, {6, 64, 4, 2},
                                  {6, 96, 3, 1},  {6, 160, 3, 2}, {6, 320, 1, 1}};
  int64_t channels = 32;
  int feature = 1;
  for (const StageSetting& stage : kStages) {
    for (int64_t i = 0; i < stage.repeats; ++i) {
      x = InvertedResidual(g, "features." + std::to_string(feature++), x, channels, stage.channels,
                           i == 0 ? stage.stride : 1, stage.expand);
      channels = stage.channels;
    }
  }
  x = ConvRelu6(g, "features." + std::to_string(feature), x, Conv2d(channels, 1280, 1).Bias());

  x = g.GlobalAveragePool("avgpool", x);
  x = g.Flatten("flatten", x);
  x = g.Linear("classifier.1", x, 1280, 1000, kLinearGain);
  g.Output(x, {kBatch, 1000});
  return g.Finish(
      "MobileNetV2 1.0: 3x3/2 conv 32, 17 inverted residual blocks (expand 1x1, depthwise 3x3, linear "
      "projection 1x1; BN folded into the convs; ReLU6 as Clip), 1x1 conv 1280, global average pool, "
      "fully connected 1000. Input float32 [batch, 3, 224, 224] NCHW; output logits [batch, 1000]. "
      "Deterministic random weights.");
}

}  // namespace edgebench::zoo
