// Making, reading and checking small tensors in tests. Values travel as
// doubles, which hold every value of every dtype the tests use exactly
// (int64 above 2^53 rounds the same way on both sides of a comparison).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "runtime/core/tensor.h"

namespace edgebench::testing {

// A tensor that owns a copy of `values`, converted to `dtype`.
Tensor MakeTensor(DType dtype, const Shape& shape, const std::vector<double>& values);
// Type and shape only, no data: a value not known before the run.
Tensor Info(DType dtype, const Shape& shape);

std::vector<double> ValuesAsDoubles(const Tensor& t);
// The elements as stored; `T` must be the tensor's element type.
template <typename T>
std::vector<T> Elements(const Tensor& t) {
  EXPECT_EQ(t.dtype(), DTypeOf<T>()) << DTypeName(t.dtype());
  if (t.dtype() != DTypeOf<T>()) return {};
  return std::vector<T>(t.data<T>(), t.data<T>() + t.num_elements());
}

// 0, 1, ..., n-1.
std::vector<double> Iota(int64_t n);
// n values in [-1, 1) from a fixed linear congruential sequence, for shape
// grids with a fixed seed.
std::vector<double> RandomValues(int64_t n, uint32_t seed);

// The data types every tensor op moves.
const std::vector<DType>& MovableTypes();
// Values that survive a round trip through every movable type (bool: 0/1).
std::vector<double> SmallValues(DType dtype, int64_t n);

// Checks dtype, shape and values exactly: for integers, bools, and floats a
// kernel only moves.
void ExpectTensor(const Tensor& actual, DType dtype, const Shape& shape, const std::vector<double>& expected);
// Checks a float32 tensor's shape and values to `tolerance`, relative for
// magnitudes above 1.
void ExpectNear(const Tensor& actual, const Shape& shape, const std::vector<double>& expected,
                double tolerance = 1e-5);

}  // namespace edgebench::testing
