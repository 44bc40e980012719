// Fuses a residual Add that follows a Conv into one com.microsoft FusedConv
// with the Add's other operand as its fourth input Z (ONNX Runtime's contrib
// op: Y = activation(Conv(X, W, B) + Z), the sum before the activation), so a
// backend adds Z in the output step instead of a second pass over memory.
// ResNet blocks (Conv -> Add -> Relu) and MobileNetV2's projections
// (Conv -> Add) are the cases it is for.
//
// It runs before activation fusion, which then fuses a Relu/Clip/... after
// the Add into the FusedConv it wrote (activation_fusion.h): run the other
// way round, the Relu's producer would still be the Add and stay unfused.
//
// A Conv fuses when its output feeds the Add alone and is not a graph output,
// and the other operand has exactly the Conv output's shape (dims equal as
// numbers or as the same symbol, such as a dynamic batch) and element type
// (ONNX shape inference on a copy of the model): a broadcast Add is not a
// residual. Of an Add of two Convs, the first input's Conv fuses and
// the other Conv's output becomes Z. The fused node takes the Add's place in
// the node list, so the list stays topologically sorted.
#pragma once

#include "runtime/core/status.h"

namespace onnx {
class ModelProto;
}

namespace edgebench {

// Returns how many Adds it fused.
Expected<int> FuseResidualAdds(onnx::ModelProto& model);

}  // namespace edgebench
