#include "runtime/quant/qdq_fusion_fuser.h"

namespace edgebench::qdq_fusion_detail {

Expected<Fusion> QdqFuser::MatchDataMovement(int n) {
  const onnx::NodeProto& op = node(n);
  // MaxPool takes 8-bit integers from opset 12 and Flatten from 9; the others
  // take every type at every opset a DequantizeLinear exists in.
  if (op.op_type() == "MaxPool" && opset_ < 12) return Unsupported("MaxPool takes 8-bit integers from opset 12 on");
  if (op.op_type() == "Flatten" && opset_ < 9) return Unsupported("Flatten takes 8-bit integers from opset 9 on");
  Fusion f;
  EB_ASSIGN_OR_RETURN(const int dq, Dequantizer(n, 0));
  EB_ASSIGN_OR_RETURN(const int q, OutputQuantizer(n, nullptr));
  EB_ASSIGN_OR_RETURN(const QuantParams x, ActivationParams(dq));
  EB_ASSIGN_OR_RETURN(const QuantParams y, ActivationParams(q));
  if (!x.SameAs(y)) return Unsupported("input and output scales or zero points differ");
  f.node = op;
  f.node.set_input(0, x.data);
  f.node.set_output(0, y.data);
  f.dequantizers.push_back(dq);
  f.absorbed.push_back(q);
  return f;
}

Expected<Fusion> QdqFuser::MatchConcat(int n) {
  const onnx::NodeProto& concat = node(n);
  Fusion f;
  f.node = concat;
  EB_ASSIGN_OR_RETURN(const int q, OutputQuantizer(n, nullptr));
  EB_ASSIGN_OR_RETURN(const QuantParams y, ActivationParams(q));
  for (int slot = 0; slot < concat.input_size(); ++slot) {
    EB_ASSIGN_OR_RETURN(const int dq, Dequantizer(n, slot));
    EB_ASSIGN_OR_RETURN(const QuantParams x, ActivationParams(dq));
    if (!x.SameAs(y)) return Unsupported("input '" + x.data + "' and the output differ in scale or zero point");
    f.node.set_input(slot, x.data);
    f.dequantizers.push_back(dq);
  }
  f.node.set_output(0, y.data);
  f.absorbed.push_back(q);
  return f;
}

}  // namespace edgebench::qdq_fusion_detail
