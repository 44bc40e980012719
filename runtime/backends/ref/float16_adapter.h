// FP16 as storage on the ref backend: every float32 ref op runs on float16
// tensors through an adapter that widens the float16 inputs to float32 in
// the node's scratch (bulk F16C/NEON), runs the float32 op there, and rounds
// its float32 outputs back to float16.
//
// This is what storage-only FP16 costs on a CPU without FP16 arithmetic:
// float16 weights (Conv, Gemm, MatMul) are widened on every run, not cached
// as float32, so latency shows the conversion and weight bytes stay halved.
// The scratch holds float32 copies of the node's float16 inputs and outputs,
// and the session plans it in the arena, so peak activation memory counts it.
#pragma once

#include <cstdint>

#include "runtime/ir/graph.h"
#include "runtime/ops/op.h"

namespace edgebench {

// True when the ref op of `node` moves float16 elements itself (the tensor
// ops that copy bytes by element size, Constant, Cast): it needs no adapter.
bool RunsNativelyOnFloat16(const Node& node, int64_t opset);

// True when `node` has a float16 input and its ref op does not run natively
// on float16.
bool NeedsFloat16Adapter(const Node& node, const InferContext& ctx);

// The adapter of ref op `op` (same op_type and in_place), or null when `op`
// is not a registered ref op.
const OpDef* Float16AdapterFor(const OpDef* op);

}  // namespace edgebench
