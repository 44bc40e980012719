// 1-D CNN for human-activity recognition on 3-axis accelerometer windows (the
// shape of the usual UCI-HAR / WISDM baselines: 128 samples at 50 Hz, 6
// activities). Conv1d + ReLU + MaxPool1d twice, a third conv, global average
// pool, fully connected.
#include "harness/zoo/graph_builder.h"
#include "harness/zoo/zoo.h"

namespace edgebench::zoo {

Expected<onnx::ModelProto> BuildAccelCnn1d(uint64_t seed) {
  GraphBuilder g("accel_cnn1d", seed, /*opset=*/13);
  Value x = g.Input("input", {kBatch, 3, 128});
  x = g.Relu("relu1", g.Conv("conv1", x, Conv1d(3, 32, 5).Pad(2).Bias()));
  x = g.MaxPool("pool1", x, {2}, {2}, {0, 0});  // 128 -> 64
  x = g.Relu("relu2", g.Conv("conv2", x, Conv1d(32, 64, 5).Pad(2).Bias()));
  x = g.MaxPool("pool2", x, {2}, {2}, {0, 0});  // 64 -> 32
  x = g.Relu("relu3", g.Conv("conv3", x, Conv1d(64, 64, 3).Pad(1).Bias()));
  x = g.GlobalAveragePool("gap", x);
  x = g.Flatten("flatten", x);
  x = g.Linear("fc", x, 64, 6, kLinearGain);
  g.Output(x, {kBatch, 6});
  return g.Finish(
      "1-D CNN for activity recognition: conv1d 5 (32) + ReLU + max pool 2, conv1d 5 (64) + ReLU + max "
      "pool 2, conv1d 3 (64) + ReLU, global average pool, fully connected 6. Input float32 accelerometer "
      "window [batch, 3, 128] (x/y/z by time); output logits [batch, 6]. Deterministic random weights.");
}

}  // namespace edgebench::zoo
