// Removes Identity nodes and inference-mode Dropout nodes (no-ops at
// inference), wiring their readers to their input. Graph output names stay:
// when the removed node's output is a graph output, the node producing its
// input takes that name instead. Left alone: a Dropout in training mode (or
// with a training_mode input that is not a constant false), a Dropout whose
// mask output is read, nodes whose values a subgraph reads, and an Identity
// between a graph input (or initializer) and a graph output.
#pragma once

#include "runtime/core/status.h"

namespace onnx {
class ModelProto;
}

namespace edgebench {

// Returns how many nodes it removed.
Expected<int> RemoveIdentityAndDropout(onnx::ModelProto& model);

}  // namespace edgebench
