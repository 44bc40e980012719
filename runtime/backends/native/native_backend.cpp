#include "runtime/backends/native/native_backend.h"

#include "runtime/backends/native/int8_ops.h"
#include "runtime/backends/native/kernels.h"
#include "runtime/backends/native/native_ops.h"
#include "runtime/backends/native/native_ops_f16.h"

namespace edgebench {

const OpDef* NativeBackend::Find(const Node& node, const InferContext& ctx) const {
  if (node.domain == "com.microsoft") {
    if (node.op_type == "FusedConv" && native::SupportsConvF16(ctx)) return &native::NativeFusedConvF16Op(isa_);
    if (node.op_type == "FusedConv" && native::SupportsDepthwiseF16(ctx)) return &native::NativeDepthwiseF16Op(isa_, true);
    if (node.op_type == "FusedConv" && native::SupportsConv(ctx)) return &native::NativeFusedConvOp(isa_);
    return nullptr;
  }
  if (node.domain == "ai.edgebench") {
    if (node.op_type == "NhwcFusedConv" && native::SupportsNhwcConv(ctx, isa_)) {
      return &native::NativeNhwcFusedConvOp(isa_);
    }
    return nullptr;
  }
  if (!node.domain.empty() && node.domain != "ai.onnx") return nullptr;
  if (node.op_type == "Conv" && native::SupportsConvF16(ctx)) return &native::NativeConvF16Op(isa_);
  if (node.op_type == "Conv" && native::SupportsDepthwiseF16(ctx)) return &native::NativeDepthwiseF16Op(isa_, false);
  if (node.op_type == "Gemm" && native::SupportsGemmF16(ctx)) return &native::NativeGemmF16Op(isa_);
  if (node.op_type == "MatMul" && native::SupportsMatMulF16(ctx)) return &native::NativeMatMulF16Op(isa_);
  if (node.op_type == "Conv" && native::SupportsConv(ctx)) return &native::NativeConvOp(isa_);
  if (node.op_type == "Gemm" && native::SupportsGemm(ctx)) return &native::NativeGemmOp(isa_);
  if (node.op_type == "MatMul" && native::SupportsMatMul(ctx)) return &native::NativeMatMulOp(isa_);
  if (node.op_type == "MaxPool" && native::SupportsMaxPoolF16(ctx)) return &native::NativeMaxPoolF16Op(isa_);
  if (node.op_type == "MaxPool" && native::SupportsMaxPool(ctx)) return &native::NativeMaxPoolOp(isa_);
  if (node.op_type == "AveragePool" && native::SupportsAveragePool(ctx)) return &native::NativeAveragePoolOp();
  if (const OpDef* op = native::FindNativeGlobalPool(ctx)) return op;
  if (const OpDef* op = native::FindNativeElementwise(ctx)) return op;
  if (node.op_type == "Concat" && native::SupportsConcat(ctx)) return &native::NativeConcatOp();
  if (node.op_type == "QLinearConv" && native::SupportsQLinearConv(ctx)) {
    return &native::NativeQLinearConvOp(native::Int8IsaFor(isa_, native::HostCpuFeatures()));
  }
  if (node.op_type == "MaxPool" && native::SupportsMaxPoolInt8(ctx)) return &native::NativeMaxPoolInt8Op();
  return nullptr;
}

bool NativeBackend::prefers_nhwc() const { return native::KernelsFor(isa_).pixel_tile.tile != nullptr; }

const NativeBackend& NativeBackendInstance() {
  static const NativeBackend kNative(native::SelectedIsa());
  return kNative;
}

const char* NativeIsaName() { return native::IsaName(NativeBackendInstance().isa()); }

}  // namespace edgebench
