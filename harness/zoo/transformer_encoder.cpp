// A 2-layer transformer encoder (Vaswani et al. 2017, sec. 3.1-3.3) shaped
// like PyTorch's nn.TransformerEncoderLayer(d_model=64, nhead=4,
// dim_feedforward=256, activation="gelu") with post-norm: x = LN(x + MHA(x)),
// x = LN(x + FFN(x)). Opset 17 for LayerNormalization; GELU is spelled out
// with Erf, as exporters do before opset 20.
#include <string>

#include "harness/zoo/graph_builder.h"
#include "harness/zoo/zoo.h"

namespace edgebench::zoo {
namespace {

constexpr int64_t kSeq = 64, kModel = 64, kHeads = 4, kHeadDim = kModel / kHeads, kFfn = 256;

struct Constants {
  Value heads_shape, model_shape, attn_scale, sqrt2, one, half;
};

Constants AddConstants(GraphBuilder& g) {
  return {g.Int64Initializer("shape.heads", {4}, {0, kSeq, kHeads, kHeadDim}),
          g.Int64Initializer("shape.model", {3}, {0, kSeq, kModel}),
          g.Initializer("attn.scale", {}, {0.25f}),  // 1 / sqrt(kHeadDim)
          g.Initializer("gelu.sqrt2", {}, {1.41421356f}), g.Initializer("gelu.one", {}, {1.0f}),
          g.Initializer("gelu.half", {}, {0.5f})};
}

// [batch, seq, d_model] -> [batch, heads, seq, head_dim] (or [.., head_dim, seq] for keys).
Value SplitHeads(GraphBuilder& g, const std::string& name, const Value& x, const Constants& c, bool transpose_kv) {
  const Value split = g.Op("Reshape", name + ".reshape", {x, c.heads_shape});
  const std::vector<int64_t> perm = transpose_kv ? std::vector<int64_t>{0, 2, 3, 1} : std::vector<int64_t>{0, 2, 1, 3};
  return g.Op("Transpose", name + ".transpose", {split}, {IntsAttr("perm", perm)});
}

// Scaled dot-product attention over 4 heads, then the output projection.
Value SelfAttention(GraphBuilder& g, const std::string& name, const Value& x, const Constants& c) {
  const Value q = SplitHeads(g, name + ".q", g.MatMulLinear(name + ".q_proj", x, kModel, kModel, kLinearGain), c,
                             false);
  const Value k = SplitHeads(g, name + ".k", g.MatMulLinear(name + ".k_proj", x, kModel, kModel, kLinearGain), c,
                             true);
  const Value v = SplitHeads(g, name + ".v", g.MatMulLinear(name + ".v_proj", x, kModel, kModel, kLinearGain), c,
                             false);
  Value scores = g.Op("Mul", name + ".scale", {g.Op("MatMul", name + ".scores", {q, k}), c.attn_scale});
  const Value probs = g.Op("Softmax", name + ".softmax", {scores}, {IntAttr("axis", -1)});
  Value context = g.Op("MatMul", name + ".context", {probs, v});  // [batch, heads, seq, head_dim]
  context = g.Op("Transpose", name + ".merge.transpose", {context}, {IntsAttr("perm", {0, 2, 1, 3})});
  context = g.Op("Reshape", name + ".merge.reshape", {context, c.model_shape});
  return g.MatMulLinear(name + ".out_proj", context, kModel, kModel, kLinearGain);
}

// GELU(x) = x * 0.5 * (1 + erf(x / sqrt(2))) (Hendrycks & Gimpel 2016).
Value Gelu(GraphBuilder& g, const std::string& name, const Value& x, const Constants& c) {
  const Value erf = g.Op("Erf", name + ".erf", {g.Op("Div", name + ".div", {x, c.sqrt2})});
  const Value gate = g.Op("Add", name + ".add", {erf, c.one});
  return g.Op("Mul", name + ".mul_half", {g.Op("Mul", name + ".mul", {x, gate}), c.half});
}

Value EncoderLayer(GraphBuilder& g, const std::string& name, const Value& x, const Constants& c) {
  const Value attended = SelfAttention(g, name + ".self_attn", x, c);
  const Value h = g.LayerNorm(name + ".norm1", g.Add(name + ".add1", x, attended), kModel);
  Value ff = g.MatMulLinear(name + ".linear1", h, kModel, kFfn, kReluGain);
  ff = g.MatMulLinear(name + ".linear2", Gelu(g, name + ".gelu", ff, c), kFfn, kModel, kLinearGain);
  return g.LayerNorm(name + ".norm2", g.Add(name + ".add2", h, ff), kModel);
}

}  // namespace

Expected<onnx::ModelProto> BuildTransformerEncoder(uint64_t seed) {
  GraphBuilder g("transformer_encoder", seed, /*opset=*/17);
  const Constants c = AddConstants(g);
  Value x = g.Input("input", {kBatch, kSeq, kModel});
  for (int i = 0; i < 2; ++i) x = EncoderLayer(g, "layers." + std::to_string(i), x, c);
  g.Output(x, {kBatch, kSeq, kModel});
  return g.Finish(
      "Transformer encoder: 2 post-norm layers of 4-head self-attention (d_model 64) and a GELU FFN "
      "(256), LayerNormalization (opset 17). Input float32 token embeddings [batch, 64, 64] (batch, "
      "sequence, feature); output [batch, 64, 64]. Deterministic random weights.");
}

}  // namespace edgebench::zoo
