// ResNet-18 (He et al. 2016, "Deep Residual Learning for Image Recognition",
// table 1), laid out and named like torchvision's resnet18. BatchNormalization
// stays un-folded, as in a training-mode export, so BN folding has work to do.
#include <string>

#include "harness/zoo/graph_builder.h"
#include "harness/zoo/zoo.h"

namespace edgebench::zoo {
namespace {

// The last BN of a residual branch starts at gamma ~0.5, so each block adds a
// quarter of its input's variance instead of doubling it.
constexpr float kResidualGamma = 0.5f;

Value ConvBn(GraphBuilder& g, const std::string& conv, const std::string& bn, const Value& x, const ConvSpec& spec,
             float gamma = 1.0f) {
  return g.BatchNorm(bn, g.Conv(conv, x, spec), spec.out_channels, gamma);
}

// conv3x3-bn-relu-conv3x3-bn, plus the identity (or a strided 1x1 projection).
Value BasicBlock(GraphBuilder& g, const std::string& name, const Value& x, int64_t in, int64_t out, int64_t stride) {
  Value y = ConvBn(g, name + ".conv1", name + ".bn1", x, Conv2d(in, out, 3).Stride(stride).Pad(1));
  y = g.Relu(name + ".relu", y);
  y = ConvBn(g, name + ".conv2", name + ".bn2", y, Conv2d(out, out, 3).Pad(1), kResidualGamma);
  Value identity = x;
  if (stride != 1 || in != out) {
    identity = ConvBn(g, name + ".downsample.0", name + ".downsample.1", x,
                      Conv2d(in, out, 1).Stride(stride).Gain(kLinearGain));
  }
  return g.Relu(name + ".relu", g.Add(name + ".add", y, identity));
}

}  // namespace

Expected<onnx::ModelProto> BuildResNet18(uint64_t seed) {
  GraphBuilder g("resnet18", seed, /*opset=*/13);
  Value x = g.Input("input", {kBatch, 3, 224, 224});
  x = ConvBn(g, "conv1", "bn1", x, Conv2d(3, 64, 7).Stride(2).Pad(3));
  x = g.Relu("relu", x);
  x = g.MaxPool("maxpool", x, {3, 3}, {2, 2}, {1, 1, 1, 1});

  int64_t channels = 64;
  const int64_t kWidths[] = {64, 128, 256, 512};
  for (int stage = 0; stage < 4; ++stage) {
    const std::string layer = "layer" + std::to_string(stage + 1);
    const int64_t width = kWidths[stage];
    x = BasicBlock(g, layer + ".0", x, channels, width, stage == 0 ? 1 : 2);
    x = BasicBlock(g, layer + ".1", x, width, width, 1);
    channels = width;
  }

  x = g.GlobalAveragePool("avgpool", x);
  x = g.Flatten("flatten", x);
  x = g.Linear("fc", x, 512, 1000, kLinearGain);
  g.Output(x, {kBatch, 1000});
  return g.Finish(
      "ResNet-18: 7x7/2 conv, 3x3/2 max pool, 4 stages of 2 basic blocks (64, 128, 256, 512 channels), "
      "global average pool, fully connected 1000. Input float32 [batch, 3, 224, 224] NCHW; output logits "
      "[batch, 1000]. Deterministic random weights.");
}

}  // namespace edgebench::zoo
