// Constant folding over the ONNX graph: a node whose inputs are all constants
// (initializers the run cannot override, or outputs of nodes folded before
// it) is evaluated once with the ref kernels and replaced by initializers.
// Constant nodes become initializers the same way.
//
// Left alone:
//   - QuantizeLinear, DequantizeLinear and DynamicQuantizeLinear: QDQ fusion
//     reads a weight's DequantizeLinear to find its int8 data and scale;
//   - nodes with subgraphs, random ops, ops of other domains, and ops without
//     a ref kernel;
//   - nodes producing a graph output (the output stays a node's);
//   - nodes whose outputs would be much larger than their inputs
//     (ConstantOfShape, Expand, Tile blow-ups): the file and the weights grow
//     instead of the run getting faster. See ConstantFoldingOptions.
#pragma once

#include <cstddef>

#include "runtime/core/status.h"

namespace onnx {
class ModelProto;
}

namespace edgebench {

struct ConstantFoldingOptions {
  // A node is folded when its outputs take at most
  // max(max_growth * its inputs' bytes, always_fold_bytes).
  double max_growth = 2.0;
  size_t always_fold_bytes = size_t{16} << 10;
};

// Returns how many nodes it folded.
Expected<int> FoldConstants(onnx::ModelProto& model, const ConstantFoldingOptions& options = {});

}  // namespace edgebench
