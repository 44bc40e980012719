// Fully connected autoencoder for sensor anomaly detection (the MLPerf Tiny
// anomaly-detection shape, scaled to 64 features): the reconstruction error
// of [batch, 64] is the anomaly score.
#include <string>

#include "harness/zoo/graph_builder.h"
#include "harness/zoo/zoo.h"

namespace edgebench::zoo {

Expected<onnx::ModelProto> BuildMlpAutoencoder(uint64_t seed) {
  GraphBuilder g("mlp_autoencoder", seed, /*opset=*/13);
  Value x = g.Input("input", {kBatch, 64});
  const int64_t kWidths[] = {64, 32, 16, 8, 16, 32, 64};
  const int kLayers = 6;
  for (int i = 0; i < kLayers; ++i) {
    const std::string name = (i < kLayers / 2 ? "encoder." : "decoder.") + std::to_string(2 * (i % 3));
    const bool last = i == kLayers - 1;
    x = g.Linear(name, x, kWidths[i], kWidths[i + 1], last ? kLinearGain : kReluGain);
    if (!last) x = g.Relu(name + ".relu", x);  // the reconstruction itself is linear
  }
  g.Output(x, {kBatch, 64});
  return g.Finish(
      "MLP autoencoder: fully connected 64-32-16-8 (encoder) and 8-16-32-64 (decoder), ReLU between "
      "layers, linear output. Input float32 sensor features [batch, 64]; output reconstruction "
      "[batch, 64]. Deterministic random weights.");
}

}  // namespace edgebench::zoo
