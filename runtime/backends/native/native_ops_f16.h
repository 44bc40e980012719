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

// 2-D MaxPool without the Indices output: the float32 kernel between a
// widening and a rounding (exact: a max of halves is a half).
bool SupportsMaxPoolF16(const InferContext& ctx);
const OpDef& NativeMaxPoolF16Op(Isa isa);

}  // namespace edgebench::native
