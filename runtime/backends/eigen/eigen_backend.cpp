#include "runtime/backends/eigen/eigen_backend.h"

#include <string>

#include "runtime/backends/eigen/eigen_ops.h"

namespace edgebench {
namespace {

// Every present input is float32: float16 nodes go to ref, whose adapter
// widens them.
bool AllFloat32(const InferContext& ctx) {
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    if (ctx.has_input(i) && ctx.input_dtype(i) != DType::kFloat32) return false;
  }
  return true;
}

// Conv shapes this backend runs as GEMM: 1-D and 2-D, not depthwise.
// Depthwise (one input channel per group) is a product with K = taps per
// output channel, far too thin for a GEMM kernel; it falls back to ref.
bool GemmShapedConv(const InferContext& ctx) {
  if (!ctx.has_input(0) || !ctx.has_input(1)) return false;
  const int rank = ctx.input_rank(0);
  if (rank != 3 && rank != 4) return false;
  if (ctx.input_rank(1) != rank) return false;
  const int64_t group = ctx.attributes().GetInt("group", 1);
  const bool depthwise = group > 1 && ctx.input_shape(1)[1] == 1;
  return !depthwise;
}

}  // namespace

const EigenBackend& EigenBackendInstance() {
  static const EigenBackend kEigen;
  return kEigen;
}

// The activation fusion pass turns Conv/Gemm + activation into ONNX
// Runtime's com.microsoft FusedConv/FusedGemm, so those are taken too (the
// activation and FusedConv's residual Z are applied in the output step).
const OpDef* EigenBackend::Find(const Node& node, const InferContext& ctx) const {
  if (!AllFloat32(ctx)) return nullptr;
  if (node.domain == "com.microsoft") {
    if (node.op_type == "FusedConv") {
      return GemmShapedConv(ctx) ? &eigen::kFusedConvF32Eigen : nullptr;
    }
    if (node.op_type == "FusedGemm") return &eigen::kFusedGemmF32Eigen;
    return nullptr;
  }
  if (!node.domain.empty() && node.domain != "ai.onnx") return nullptr;
  if (node.op_type == "Conv") return GemmShapedConv(ctx) ? &eigen::kConvF32Eigen : nullptr;
  if (node.op_type == "Gemm") return &eigen::kGemmF32Eigen;
  if (node.op_type == "MatMul") return &eigen::kMatMulF32Eigen;
  return nullptr;
}

}  // namespace edgebench
