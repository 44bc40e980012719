// MatMul's input checks and shapes with numpy.matmul semantics (ONNX
// MatMul-1..13): a 1-D A is promoted to [1, K] and a 1-D B to [K, 1], the
// added dim being removed from the result; leading (batch) dims broadcast
// multidirectionally. Shared by the ref kernel and the fast backends.
#pragma once

#include <cstdint>

#include "runtime/core/shape.h"
#include "runtime/core/status.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {

struct MatMulShape {
  int64_t m = 0, n = 0, k = 0;
  int batch_rank = 0;
  int64_t batch_dims[kMaxRank] = {};
  // Element strides of A's and B's matrices per batch dim; 0 where broadcast.
  int64_t a_batch_strides[kMaxRank] = {};
  int64_t b_batch_strides[kMaxRank] = {};

  int64_t batch_count() const {
    int64_t count = 1;
    for (int i = 0; i < batch_rank; ++i) count *= batch_dims[i];
    return count;
  }
};

// Checks A and B (same type among float32, int32, int64; rank >= 1; inner
// dims match; batch dims broadcast) and sets the shape and Y's shape.
// Errors name the node.
Status InferMatMulShape(const InferContext& ctx, MatMulShape* shape, Shape* y_shape);

}  // namespace edgebench::ops
