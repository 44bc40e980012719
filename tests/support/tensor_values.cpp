#include "tests/support/tensor_values.h"

#include <algorithm>
#include <cmath>

namespace edgebench::testing {

Tensor MakeTensor(DType dtype, const Shape& shape, const std::vector<double>& values) {
  Tensor t = Tensor::Allocate(dtype, shape).value();
  EXPECT_EQ(static_cast<int64_t>(values.size()), t.num_elements()) << "values for " << ShapeToString(shape);
  const int64_t n = std::min(t.num_elements(), static_cast<int64_t>(values.size()));
  const bool handled = VisitNumericDType(dtype, [&](auto zero) {
    using T = decltype(zero);
    for (int64_t i = 0; i < n; ++i) t.data<T>()[i] = static_cast<T>(values[i]);
  });
  if (!handled) ADD_FAILURE() << "MakeTensor: unhandled dtype " << DTypeName(dtype);
  return t;
}

Tensor Info(DType dtype, const Shape& shape) { return Tensor::View(dtype, shape, nullptr); }

std::vector<double> ValuesAsDoubles(const Tensor& t) {
  std::vector<double> values(static_cast<size_t>(t.num_elements()));
  const bool handled = VisitNumericDType(t.dtype(), [&](auto zero) {
    using T = decltype(zero);
    for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<double>(t.data<T>()[i]);
  });
  if (!handled) ADD_FAILURE() << "ValuesAsDoubles: unhandled dtype " << DTypeName(t.dtype());
  return values;
}

std::vector<double> Iota(int64_t n) {
  std::vector<double> v(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) v[i] = static_cast<double>(i);
  return v;
}

std::vector<double> RandomValues(int64_t n, uint32_t seed) {
  std::vector<double> values(static_cast<size_t>(n));
  uint32_t state = seed * 2654435761u + 1u;
  for (double& v : values) {
    state = state * 1664525u + 1013904223u;
    // 24 random bits: exact in float32, so a float tensor holds these values unchanged.
    v = static_cast<double>(state >> 8) / static_cast<double>(1u << 24) * 2.0 - 1.0;
  }
  return values;
}

const std::vector<DType>& MovableTypes() {
  static const std::vector<DType> kTypes = {DType::kFloat32, DType::kInt64, DType::kInt32,
                                            DType::kInt8,    DType::kUInt8, DType::kBool};
  return kTypes;
}

std::vector<double> SmallValues(DType dtype, int64_t n) {
  std::vector<double> v(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    v[i] = dtype == DType::kBool ? static_cast<double>(i % 3 == 1) : static_cast<double>(i + 1);
  }
  return v;
}

void ExpectTensor(const Tensor& actual, DType dtype, const Shape& shape, const std::vector<double>& expected) {
  ASSERT_EQ(actual.dtype(), dtype) << DTypeName(actual.dtype());
  ASSERT_EQ(actual.shape(), shape) << ShapeToString(actual.shape());
  const std::vector<double> values = ValuesAsDoubles(actual);
  ASSERT_EQ(values.size(), expected.size());
  for (size_t i = 0; i < values.size(); ++i) EXPECT_EQ(values[i], expected[i]) << "element " << i;
}

void ExpectNear(const Tensor& actual, const Shape& shape, const std::vector<double>& expected, double tolerance) {
  ASSERT_EQ(actual.dtype(), DType::kFloat32) << DTypeName(actual.dtype());
  ASSERT_EQ(actual.shape(), shape) << ShapeToString(actual.shape());
  const std::vector<double> values = ValuesAsDoubles(actual);
  ASSERT_EQ(values.size(), expected.size());
  for (size_t i = 0; i < values.size(); ++i) {
    EXPECT_NEAR(values[i], expected[i], tolerance * std::max(1.0, std::abs(expected[i]))) << "element " << i;
  }
}

}  // namespace edgebench::testing
