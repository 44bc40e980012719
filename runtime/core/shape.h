// Tensor shapes and the arithmetic on them that must not overflow.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/core/status.h"

namespace edgebench {

using Shape = std::vector<int64_t>;

// Highest rank kernels support; lets run-time code index with fixed arrays
// instead of allocating.
constexpr int kMaxRank = 8;

// "[1, 3, 224, 224]".
std::string ShapeToString(const Shape& shape);

// Product of the dims, refusing negative dims and int64 overflow.
Expected<int64_t> CheckedNumElements(const Shape& shape);
// Product of the dims; the shape must already be validated.
int64_t NumElements(const Shape& shape);
// Row-major strides in elements.
Shape RowMajorStrides(const Shape& shape);

// Numpy-style multidirectional broadcast of two shapes (ONNX Broadcasting.md).
Expected<Shape> BroadcastShapes(const Shape& a, const Shape& b);

// Normalizes an axis in [-rank, rank) to [0, rank); error names the op.
Expected<int> NormalizeAxis(int64_t axis, int64_t rank, const char* what);

}  // namespace edgebench
