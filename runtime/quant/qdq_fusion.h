// QDQ fusion: turns a model in the ONNX QDQ form (DequantizeLinear ->
// float op -> QuantizeLinear, as ONNX Runtime's quantization tools, PyTorch or
// edgebench's quantizer write it) into integer kernels, on the protobuf and in
// place, before the model is loaded into edgebench's IR.
//
//   DQ(x), DQ(w const)[, DQ(b int32 const) or float b] -> Conv [-> Relu/Clip] -> Q
//       ==> QLinearConv
//   DQ(a), DQ(b) -> MatMul [-> Relu/Clip] -> Q            ==> QLinearMatMul
//   DQ(a), DQ(b const)[, C] -> Gemm [-> Relu/Clip] -> Q   ==> com.microsoft QGemm
//   DQ -> MaxPool/Reshape/Flatten/Transpose/Squeeze/Unsqueeze -> Q, and
//   DQs -> Concat -> Q, with equal scales and zero points
//       ==> the same op on the quantized tensors (exact)
//
// Before matching, CanonicalizeQdqConstants (qdq_canonical_form.h) makes
// Constant nodes initializers and removes the Identity/Cast/ConstantOfShape
// noise exporters such as torch.onnx.export leave around the parameters.
//
// Everything else stays DQ -> float op -> Q (the dequantized fallback); the
// report says which nodes did and why. The legality rules follow ONNX
// Runtime's QDQ selectors (onnxruntime/core/optimizer/qdq_transformer):
// activations per tensor; the activation and output types equal; int8
// activations with int8 weights; int32 biases; the float output read by the Q
// (or the Relu/Clip) alone and not a graph output. A Relu or Clip between the
// op and the Q is absorbed only when the Q's saturation is exactly the clamp.
//
// A DequantizeLinear read by several nodes is not duplicated: each fused node
// reads the DQ's quantized input directly, and the DQ stays for the readers
// that remain float (it is removed once none remain). That is what ONNX
// Runtime's duplicate-then-fuse (EnsureUniqueDQForNodeUnit) amounts to,
// without the copies on the float path.
#pragma once

#include <string>
#include <vector>

#include "runtime/core/status.h"
#include "runtime/quant/qdq_canonical_form.h"

namespace onnx {
class ModelProto;
}

namespace edgebench {

struct QdqFusionReport {
  struct OpCount {
    std::string op_type;  // of the float op: "Conv", "MatMul", "Add", ...
    int fused = 0;        // became an integer kernel
    int kept_float = 0;   // stays DQ -> float op -> Q
    // One per node kept float: "Conv 'conv3': weights are not constant".
    std::vector<std::string> reasons;
  };
  // Ops with at least one dequantized input or a quantized output, sorted by
  // op type. Nodes outside the QDQ form are not listed.
  std::vector<OpCount> ops;
  int removed_nodes = 0;  // DequantizeLinear, QuantizeLinear, absorbed Relu/Clip
  QdqCanonicalFormReport canonical_form;  // the rewrites before matching

  int total_fused() const;
  int total_kept_float() const;
  // The entry of `op_type`, or null.
  const OpCount* Find(const std::string& op_type) const;
};

// Fuses every QDQ group it can. Node names are kept: a fused node takes the
// float op's name and writes the QuantizeLinear's output. Initializers the
// removed nodes alone read are removed; new ones (absent zero points,
// requantized biases) get fresh names. A com.microsoft opset import (version
// 1) is added when a QGemm is made. Fails only on a model without a graph;
// anything it cannot fuse stays as it was. `report` may be null.
Status FuseQdq(onnx::ModelProto& model, QdqFusionReport* report);

}  // namespace edgebench
