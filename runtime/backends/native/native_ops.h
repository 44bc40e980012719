// The native backend's operators: which nodes each one takes, and its OpDef
// for a kernel level. Shapes and validation come from the ref ops.
#pragma once

#include "runtime/backends/native/cpu_features.h"
#include "runtime/ops/op.h"

namespace edgebench::native {

// Strides of at most 16 (the phase copy's limit, conv_layout.h).
bool StridesSupported(const InferContext& ctx);

// 2-D float32 Conv with W (and B) known at creation; for FusedConv also a
// float32 residual Z, except on a depthwise Conv.
bool SupportsConv(const InferContext& ctx);
const OpDef& NativeConvOp(Isa isa);
// com.microsoft FusedConv: Z and Relu/Clip fused into the output step, other
// activations run in place after it.
const OpDef& NativeFusedConvOp(Isa isa);
// ai.edgebench NhwcFusedConv (group 1) where the level has a pixel tile.
bool SupportsNhwcConv(const InferContext& ctx, Isa isa);
const OpDef& NativeNhwcFusedConvOp(Isa isa);

// Gemm with B (and C) known at creation; MatMul with a known 2-D B.
bool SupportsGemm(const InferContext& ctx);
const OpDef& NativeGemmOp(Isa isa);
bool SupportsMatMul(const InferContext& ctx);
const OpDef& NativeMatMulOp(Isa isa);

// 2-D float32 MaxPool without the Indices output.
bool SupportsMaxPool(const InferContext& ctx);
const OpDef& NativeMaxPoolOp(Isa isa);

// 2-D float32 AveragePool (native_pool_average.cpp).
bool SupportsAveragePool(const InferContext& ctx);
const OpDef& NativeAveragePoolOp();

// float32 GlobalAveragePool and GlobalMaxPool, or null (native_pool_global.cpp).
const OpDef* FindNativeGlobalPool(const InferContext& ctx);

// float32 Add and Mul of one shape (or a one-element B), Relu, Clip, or null
// (native_elementwise.cpp).
const OpDef* FindNativeElementwise(const InferContext& ctx);

// Concat of present inputs, any dtype (native_concat.cpp).
bool SupportsConcat(const InferContext& ctx);
const OpDef& NativeConcatOp();

}  // namespace edgebench::native
