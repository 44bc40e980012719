// The native backend's INT8 operators: which nodes each one takes, and its
// OpDef for an INT8 kernel level. Checks and shapes come from the ref ops.
#pragma once

#include "runtime/backends/native/cpu_features.h"
#include "runtime/backends/native/int8_conv_plan.h"
#include "runtime/ops/op.h"

namespace edgebench::native {

// 2-D QLinearConv (uint8/int8 x, y and w) with w, every scale and zero point,
// and the bias known at creation (depthwise ones too). `tile` forces the
// dense ones onto one tile (tests); the backend takes the cheapest.
bool SupportsQLinearConv(const InferContext& ctx);
const OpDef& NativeQLinearConvOp(Int8Isa isa, Int8Tile tile = Int8Tile::kCheapest);

// 2-D uint8/int8 MaxPool without the Indices output (portable code: a max
// needs no ISA-specific kernel to vectorize).
bool SupportsMaxPoolInt8(const InferContext& ctx);
const OpDef& NativeMaxPoolInt8Op();

}  // namespace edgebench::native
