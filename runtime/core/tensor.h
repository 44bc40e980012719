// A typed, shaped view of memory, optionally owning it.
#pragma once

#include <cstddef>
#include <memory>

#include "runtime/core/dtype.h"
#include "runtime/core/shape.h"
#include "runtime/core/status.h"

namespace edgebench {

// Alignment of every buffer edgebench allocates: one cache line, and enough
// for AVX-512 loads.
constexpr size_t kTensorAlignment = 64;

class Tensor {
 public:
  Tensor() = default;

  // Owning, zero-filled, aligned. Refuses shapes whose size overflows.
  static Expected<Tensor> Allocate(DType dtype, Shape shape);
  // Non-owning view; the caller keeps `data` alive.
  static Tensor View(DType dtype, Shape shape, void* data);
  // Owning deep copy.
  Expected<Tensor> Clone() const;

  DType dtype() const { return dtype_; }
  const Shape& shape() const { return shape_; }
  int rank() const { return static_cast<int>(shape_.size()); }
  int64_t dim(int i) const { return shape_[i]; }
  int64_t num_elements() const { return NumElements(shape_); }
  size_t num_bytes() const { return static_cast<size_t>(num_elements()) * DTypeSize(dtype_); }
  bool owns_data() const { return owner_ != nullptr; }

  void* raw_data() { return data_; }
  const void* raw_data() const { return data_; }
  template <typename T> T* data() { return static_cast<T*>(data_); }
  template <typename T> const T* data() const { return static_cast<const T*>(data_); }

  // Re-points a view at other memory of the same layout (session binding).
  void set_data(void* data) { data_ = data; }

 private:
  DType dtype_ = DType::kUndefined;
  Shape shape_;
  void* data_ = nullptr;
  std::shared_ptr<void> owner_;
};

// "float32[1, 3, 224, 224]".
std::string TensorTypeToString(DType dtype, const Shape& shape);

}  // namespace edgebench
