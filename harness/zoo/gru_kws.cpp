// GRU keyword spotter (the recurrent baseline of Zhang et al. 2017, "Hello
// Edge", sec. 4): two GRU layers of 64 units over 49 MFCC frames, the last
// hidden state into a 12-way classifier. The model takes batch-first
// [batch, 49, 10] and transposes to the seq-first layout ONNX GRU expects.
#include <cmath>
#include <string>

#include "harness/zoo/graph_builder.h"
#include "harness/zoo/zoo.h"

namespace edgebench::zoo {
namespace {

constexpr int64_t kHidden = 64;

// One forward GRU over x [seq, batch, in]; returns {Y [seq, 1, batch, H], Y_h [1, batch, H]}.
std::vector<Value> Gru(GraphBuilder& g, const std::string& name, const Value& x, int64_t in) {
  // LeCun-normal weights, std 1 / sqrt(fan_in): PyTorch's U(+-1/sqrt(H)) leaves
  // an untrained GRU's hidden state near 0.1, this one near 0.3-0.4, which is
  // closer to a trained network's. ONNX gate order z, r, h.
  const Value w = g.Normal(name + ".W", {1, 3 * kHidden, in}, 1.0f / std::sqrt(static_cast<float>(in)));
  const Value r = g.Normal(name + ".R", {1, 3 * kHidden, kHidden}, 1.0f / std::sqrt(static_cast<float>(kHidden)));
  const Value b = g.Normal(name + ".B", {1, 6 * kHidden}, 0.02f);
  // linear_before_reset = 1 is the cuDNN/PyTorch formulation torch exports.
  return g.OpMulti("GRU", name, {x, w, r, b}, {".Y", ".Y_h"},
                   {IntAttr("hidden_size", kHidden), IntAttr("linear_before_reset", 1),
                    StringAttr("direction", "forward")});
}

}  // namespace

Expected<onnx::ModelProto> BuildGruKws(uint64_t seed) {
  GraphBuilder g("gru_kws", seed, /*opset=*/13);
  const Value input = g.Input("input", {kBatch, 49, 10});
  const Value seq_first = g.Op("Transpose", "to_seq_first", {input}, {IntsAttr("perm", {1, 0, 2})});
  const Value axis1 = g.Int64Initializer("axes.1", {1}, {1});
  const Value axis0 = g.Int64Initializer("axes.0", {1}, {0});

  const std::vector<Value> layer0 = Gru(g, "gru.0", seq_first, 10);
  const Value layer0_y = g.Op("Squeeze", "gru.0.squeeze", {layer0[0], axis1});  // [49, batch, 64]
  const std::vector<Value> layer1 = Gru(g, "gru.1", layer0_y, kHidden);
  const Value last = g.Op("Squeeze", "gru.1.last_state", {layer1[1], axis0});  // [batch, 64]

  const Value logits = g.Linear("fc", last, kHidden, 12, kLinearGain);
  g.Output(logits, {kBatch, 12});
  return g.Finish(
      "GRU keyword spotter: 2 GRU layers (hidden 64, linear_before_reset) over 49 MFCC frames, last "
      "hidden state, fully connected 12. Input float32 MFCC [batch, 49, 10] (batch, time, coefficient), "
      "transposed to seq-first for ONNX GRU; output logits [batch, 12]. Deterministic random weights.");
}

}  // namespace edgebench::zoo
