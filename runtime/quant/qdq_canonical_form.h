// Puts exporter noise around a QDQ model's quantization parameters into the
// form QDQ fusion (qdq_fusion.h) reads: constants as initializers, and the
// QuantizeLinear -> DequantizeLinear edges direct.
//
// torch.onnx.export (1.13) writes a quantized PyTorch model with weights,
// scales and zero points as Constant nodes, an Identity on some of them, bias
// zero points computed as Cast(ConstantOfShape(shape)), and a Cast to uint8
// (the type it already has) after every QuantizeLinear. ONNX Runtime turns
// Constant nodes into initializers and folds constants before its QDQ
// selectors run; this pass does the same for the patterns those selectors
// must see through:
//   - Constant nodes of the main graph become initializers;
//   - Identity, and a Cast to the type its input already has, are bypassed;
//   - ConstantOfShape of a constant shape, and Cast of a constant whose
//     values the target type holds exactly, are folded into initializers.
// Each rewrite leaves the model's values unchanged. A node whose output is a
// graph output or read by a subgraph stays, so no name the outside or a
// subgraph sees disappears.
#pragma once

#include "runtime/core/status.h"

namespace onnx {
class ModelProto;
}

namespace edgebench {

struct QdqCanonicalFormReport {
  int constants_to_initializers = 0;  // Constant nodes now initializers
  int bypassed = 0;                   // Identity and same-type Cast nodes removed
  int folded = 0;                     // ConstantOfShape and Cast nodes now initializers

  int total() const { return constants_to_initializers + bypassed + folded; }
};

// Rewrites the main graph in place. Fails only on a model without a graph;
// what it cannot rewrite stays as it was. `report` may be null.
Status CanonicalizeQdqConstants(onnx::ModelProto& model, QdqCanonicalFormReport* report);

}  // namespace edgebench
