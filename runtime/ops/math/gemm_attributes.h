// Gemm's input checks, attributes and shapes (ONNX Gemm-7..13), shared by the
// ref kernel and the fast backends' Gemm kernels.
#pragma once

#include <cstdint>

#include "runtime/core/status.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {

struct GemmAttributes {
  float alpha = 1.0f;
  float beta = 1.0f;
  bool trans_a = false;
  bool trans_b = false;
  int64_t m = 0, n = 0, k = 0;
  bool has_c = false;
  // Element strides of C over (m, n); 0 along a broadcast dim.
  int64_t c_stride_m = 0, c_stride_n = 0;
};

// Checks A, B and the optional C (float32, 2-D A and B with matching inner
// dims, C broadcasting to [M, N]) and reads alpha, beta, transA and transB.
// Y is [M, N]. Errors name the node.
Status ParseGemmAttributes(const InferContext& ctx, GemmAttributes* attrs);

}  // namespace edgebench::ops
