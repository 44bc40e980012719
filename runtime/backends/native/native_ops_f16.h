// The native backend's float16 operators (X, W, B and Y all float16, as the
// fp16 converter emits them): storage in half, compute in float32 on the
// same GEMM tiles as float32, conversions with F16C (f16_kernels.h).
#pragma once

#include "runtime/backends/native/cpu_features.h"
#include "runtime/ops/op.h"

namespace edgebench::native {

// 2-D Conv / FusedConv (Relu or Clip, residual Z of Y's shape) with W (and B) known at
// creation; not depthwise (that stays on ref).
bool SupportsConvF16(const InferContext& ctx);
const OpDef& NativeConvF16Op(Isa isa);
const OpDef& NativeFusedConvF16Op(Isa isa);

// Gemm with B (and C) known at creation; MatMul with a known 2-D B.
bool SupportsGemmF16(const InferContext& ctx);
const OpDef& NativeGemmF16Op(Isa isa);
bool SupportsMatMulF16(const InferContext& ctx);
const OpDef& NativeMatMulF16Op(Isa isa);

// The float32 native op between a widening and a rounding
// (native_f16_widened.cpp): 2-D MaxPool without Indices (exact: a max of
// halves is a half), and depthwise Conv / FusedConv without Z.
bool SupportsMaxPoolF16(const InferContext& ctx);
const OpDef& NativeMaxPoolF16Op(Isa isa);
bool SupportsDepthwiseF16(const InferContext& ctx);
const OpDef& NativeDepthwiseF16Op(Isa isa, bool fused);

}  // namespace edgebench::native
