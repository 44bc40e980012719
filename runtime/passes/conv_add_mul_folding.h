// Folds an Add or a Mul by a constant that follows a Conv into the Conv's
// bias and weights: Conv(x, W, B) * s = Conv(x, W * s[m], B * s[m]) and
// Conv(x, W, B) + a = Conv(x, W, B + a[m]), per output channel m.
//
// Only constants that vary along the channel axis alone fold: by the
// multidirectional broadcasting rule (ONNX Broadcasting.md) the constant is
// right-aligned with the Conv output [N, M, d1, ...]; it must not have a
// higher rank, its dim on the channel axis must be M or 1, and every other dim
// must be 1. Anything else (a constant varying along space or batch, one that
// broadcasts the output to a larger shape) is left alone. The Conv's output
// must feed only the Add or Mul and not be a graph output; W (and B) must be
// float32 constants.
#pragma once

#include "runtime/core/status.h"

namespace onnx {
class ModelProto;
}

namespace edgebench {

// Returns how many Add and Mul nodes it folded; chains (Conv -> Mul -> Add)
// fold entirely.
Expected<int> FoldAddMulIntoConv(onnx::ModelProto& model);

}  // namespace edgebench
