// The QDQ fuser behind FuseQdq (qdq_fusion.h), shared by the files that
// implement it: qdq_fusion.cpp (the driver: which node to match, rewriting
// the graph, the report), qdq_fusion_params.cpp (reading Q/DQ parameters and
// the checks every matcher makes), qdq_fusion_linear_ops.cpp (Conv, MatMul,
// Gemm into integer kernels) and qdq_fusion_data_movement.cpp (MaxPool,
// Reshape, ..., Concat on the quantized tensors). Not an API: include
// qdq_fusion.h.
#pragma once

#include <onnx/onnx_pb.h>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "runtime/core/status.h"
#include "runtime/core/tensor.h"
#include "runtime/quant/onnx_graph_edit.h"
#include "runtime/quant/onnx_model_edit.h"
#include "runtime/quant/qdq_fusion.h"

namespace edgebench::qdq_fusion_detail {

inline constexpr char kDequantize[] = "DequantizeLinear";
inline constexpr char kQuantize[] = "QuantizeLinear";
inline constexpr char kMicrosoftDomain[] = "com.microsoft";

inline bool IsOp(const onnx::NodeProto& node, const char* op_type) {
  return node.op_type() == op_type && (node.domain().empty() || node.domain() == "ai.onnx");
}

inline bool Is8Bit(int elem_type) {
  return elem_type == onnx::TensorProto::UINT8 || elem_type == onnx::TensorProto::INT8;
}

inline std::string TypeName(int elem_type) {
  return onnx::TensorProto::DataType_Name(static_cast<onnx::TensorProto::DataType>(elem_type));
}

// The scale and zero point of one QuantizeLinear or DequantizeLinear, read
// from its initializers.
struct QuantParams {
  int node = -1;
  std::string data;        // the quantized tensor: the DQ's input, the Q's output
  std::string scale;       // initializer names; zero_point empty when absent
  std::string zero_point;
  int elem_type = 0;       // of the quantized tensor
  std::vector<float> scales;
  std::vector<int32_t> zero_points;  // as many as scales
  int64_t axis = 1;                  // the raw attribute (opset 13 on)

  bool per_tensor() const { return scales.size() == 1; }
  // Same type, scale and zero point: a requantization between them is the identity.
  bool SameAs(const QuantParams& o) const {
    return per_tensor() && o.per_tensor() && elem_type == o.elem_type && scales[0] == o.scales[0] &&
           zero_points[0] == o.zero_points[0];
  }
};

// The integer node that replaces one float op, and what it absorbs.
struct Fusion {
  onnx::NodeProto node;
  std::vector<int> dequantizers;  // DQ nodes whose outputs the float op read
  std::vector<int> absorbed;      // the Q, and a Relu/Clip: removed
  std::vector<std::pair<std::string, Tensor>> initializers;  // new: zero points, biases
};

class QdqFuser {
 public:
  explicit QdqFuser(onnx::ModelProto& model)
      : model_(model),
        graph_(*model.mutable_graph()),
        index_(graph_),
        names_(graph_),
        types_(StatedElemTypes(graph_)),
        subgraph_reads_(SubgraphReads(graph_)),
        opset_(DefaultOpset(model)) {}

  void Run(QdqFusionReport* report);

 private:
  const onnx::NodeProto& node(int n) const { return graph_.node(n); }
  bool InQdqForm(int n) const;
  Expected<Fusion> Match(int n);
  Expected<Fusion> MatchConv(int n);
  Expected<Fusion> MatchMatMul(int n);
  Expected<Fusion> MatchGemm(int n);
  Expected<Fusion> MatchDataMovement(int n);
  Expected<Fusion> MatchConcat(int n);

  // The DequantizeLinear writing input `slot` of node n.
  Expected<int> Dequantizer(int n, int slot) const;
  Expected<QuantParams> ReadParams(int q_or_dq) const;
  // Params of an activation: per tensor, 8-bit.
  Expected<QuantParams> ActivationParams(int q_or_dq) const;
  // The Q that alone reads node n's only output, directly or (when
  // `clamp` is given) through a Relu/Clip written to *clamp.
  Expected<int> OutputQuantizer(int n, int* clamp) const;
  Status CheckClampIsSaturation(int clamp, const QuantParams& y) const;
  // Checks weights in `w` are a constant, per tensor or per channel along `axis`.
  Status CheckWeight(const QuantParams& w, int64_t axis, const char* what) const;
  // An int32 bias with scale `scales[c]` per last-dim index c (one scale for
  // all when there is one), from a DQ of int32 or a float initializer, times
  // `multiplier`. Reuses the DQ's initializer when it already is that.
  Expected<std::string> IntegerBias(const std::string& bias, const std::vector<float>& scales, float multiplier,
                                    Fusion& fusion);
  // The zero point input for `p`, made (0 of p's type) when the node had none.
  std::string ZeroPointInput(const QuantParams& p, Fusion& fusion);

  onnx::ModelProto& model_;
  onnx::GraphProto& graph_;
  GraphIndex index_;
  NameGenerator names_;
  std::map<std::string, int> types_;
  std::set<std::string> subgraph_reads_;
  int64_t opset_;
};

}  // namespace edgebench::qdq_fusion_detail
