// SqueezeNet 1.1 (Iandola et al. 2016, "SqueezeNet: AlexNet-level accuracy
// with 50x fewer parameters"; v1.1 from the authors' repository), named like
// torchvision's squeezenet1_1. Dropout is gone, as in an eval-mode export.
#include <string>

#include "harness/zoo/graph_builder.h"
#include "harness/zoo/zoo.h"

namespace edgebench::zoo {
namespace {

// Squeeze 1x1, then expand 1x1 and 3x3 side by side, concatenated on channels.
Value Fire(GraphBuilder& g, const std::string& name, const Value& x, int64_t in, int64_t squeeze,
           int64_t expand1x1, int64_t expand3x3) {
  const Value s = g.Relu(name + ".squeeze_activation", g.Conv(name + ".squeeze", x, Conv2d(in, squeeze, 1).Bias()));
  const Value e1 = g.Relu(name + ".expand1x1_activation",
                          g.Conv(name + ".expand1x1", s, Conv2d(squeeze, expand1x1, 1).Bias()));
  const Value e3 = g.Relu(name + ".expand3x3_activation",
                          g.Conv(name + ".expand3x3", s, Conv2d(squeeze, expand3x3, 3).Pad(1).Bias()));
  return g.Op("Concat", name + ".concat", {e1, e3}, {IntAttr("axis", 1)});
}

Value Pool(GraphBuilder& g, const std::string& name, const Value& x) {
  return g.MaxPool(name, x, {3, 3}, {2, 2}, {0, 0, 0, 0}, /*ceil_mode=*/true);
}

}  // namespace

Expected<onnx::ModelProto> BuildSqueezeNet11(uint64_t seed) {
  GraphBuilder g("squeezenet1_1", seed, /*opset=*/13);
  Value x = g.Input("input", {kBatch, 3, 224, 224});
  x = g.Relu("features.1", g.Conv("features.0", x, Conv2d(3, 64, 3).Stride(2).Bias()));
  x = Pool(g, "features.2", x);
  x = Fire(g, "features.3", x, 64, 16, 64, 64);
  x = Fire(g, "features.4", x, 128, 16, 64, 64);
  x = Pool(g, "features.5", x);
  x = Fire(g, "features.6", x, 128, 32, 128, 128);
  x = Fire(g, "features.7", x, 256, 32, 128, 128);
  x = Pool(g, "features.8", x);
  x = Fire(g, "features.9", x, 256, 48, 192, 192);
  x = Fire(g, "features.10", x, 384, 48, 192, 192);
  x = Fire(g, "features.11", x, 384, 64, 256, 256);
  x = Fire(g, "features.12", x, 512, 64, 256, 256);

  // The classifier is a 1x1 conv to 1000 channels, ReLU, then average pooling.
  x = g.Relu("classifier.2", g.Conv("classifier.1", x, Conv2d(512, 1000, 1).Bias()));
  x = g.GlobalAveragePool("classifier.3", x);
  x = g.Flatten("flatten", x);
  g.Output(x, {kBatch, 1000});
  return g.Finish(
      "SqueezeNet 1.1: 3x3/2 conv 64, 8 fire modules (squeeze 1x1, expand 1x1 + 3x3, concat) between "
      "3x3/2 ceil-mode max pools, 1x1 conv 1000 + ReLU, global average pool. Input float32 "
      "[batch, 3, 224, 224] NCHW; output [batch, 1000]. Deterministic random weights.");
}

}  // namespace edgebench::zoo
