#include "runtime/core/tensor.h"

#include <cstdlib>
#include <cstring>
#include <limits>

namespace edgebench {

Expected<Tensor> Tensor::Allocate(DType dtype, Shape shape) {
  EB_ASSIGN_OR_RETURN(int64_t n, CheckedNumElements(shape));
  const size_t elem = DTypeSize(dtype);
  if (elem == 0) return InvalidArgument("cannot allocate a tensor of undefined type");
  if (static_cast<uint64_t>(n) > std::numeric_limits<size_t>::max() / elem / 2) {
    return ResourceExhausted("tensor " + TensorTypeToString(dtype, shape) + " is too large");
  }
  size_t bytes = static_cast<size_t>(n) * elem;
  const size_t padded = (bytes + kTensorAlignment - 1) / kTensorAlignment * kTensorAlignment;
  void* p = std::aligned_alloc(kTensorAlignment, padded == 0 ? kTensorAlignment : padded);
  if (p == nullptr) return ResourceExhausted("out of memory allocating " + std::to_string(bytes) + " bytes");
  std::memset(p, 0, padded == 0 ? kTensorAlignment : padded);
  Tensor t;
  t.dtype_ = dtype;
  t.shape_ = std::move(shape);
  t.data_ = p;
  t.owner_ = std::shared_ptr<void>(p, std::free);
  return t;
}

Tensor Tensor::View(DType dtype, Shape shape, void* data) {
  Tensor t;
  t.dtype_ = dtype;
  t.shape_ = std::move(shape);
  t.data_ = data;
  return t;
}

Expected<Tensor> Tensor::Clone() const {
  EB_ASSIGN_OR_RETURN(Tensor copy, Allocate(dtype_, shape_));
  if (num_bytes() > 0) std::memcpy(copy.raw_data(), data_, num_bytes());
  return copy;
}

std::string TensorTypeToString(DType dtype, const Shape& shape) {
  return std::string(DTypeName(dtype)) + ShapeToString(shape);
}

}  // namespace edgebench
