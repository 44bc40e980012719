// Helpers shared by the tensor ops: ops that move or copy elements without
// arithmetic, and so work on any element type by its size in bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "runtime/core/shape.h"
#include "runtime/core/status.h"
#include "runtime/core/tensor.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {

// Calls fn(U{}) with the unsigned integer type of `elem_size` bytes (1, 2, 4
// or 8), so a copy loop moves whole elements; false for other sizes.
template <typename Fn>
bool VisitElementBits(size_t elem_size, Fn&& fn) {
  switch (elem_size) {
    case 1: fn(uint8_t{}); return true;
    case 2: fn(uint16_t{}); return true;
    case 4: fn(uint32_t{}); return true;
    case 8: fn(uint64_t{}); return true;
    default: return false;
  }
}

// Ok when input `i` has an element type these ops can move (every DType the
// runtime stores); an UnsupportedError otherwise.
Status CheckMovableDType(const InferContext& ctx, int i, const char* input_name);

// Ok when input `i` has rank <= kMaxRank, so Run can index with fixed arrays.
Status CheckMaxRank(const InferContext& ctx, int i, const char* input_name);

// Reads int32 or int64 input `i` of rank 0 or 1 whose data must be known at
// session creation because the output shape depends on it. Unknown data is an
// UnsupportedError; a wrong type or rank an Error.
Status ReadKnownInts(const InferContext& ctx, int i, const char* input_name, std::vector<int64_t>* values);

// Element `k` of an int32 or int64 tensor, as int64.
int64_t IntElement(const Tensor& t, int64_t k);

// Copies all of `in` to `out` (same byte size); nothing when they already
// share memory, as in-place ops do.
void CopyTensorData(const Tensor& in, Tensor* out);

// Copies the elements of a strided view into contiguous `dst`: element
// (i0, ..., i{rank-1}) is read at `src` + sum(ik * src_strides[k]) elements.
// Strides may be 0 (broadcast) or negative (reversed slice). rank <= kMaxRank.
void StridedCopy(const void* src, const int64_t* src_strides, const int64_t* shape, int rank, size_t elem_size,
                 void* dst);

// Reads the ints `name`: attribute `name` before opset 13, input 1 (whose
// data must be known at session creation) from opset 13 on, where the
// attribute is an error. Sets *present (when not null) to whether the node
// gives them; absent, they are empty.
Status ReadAttributeOrInputInts(const InferContext& ctx, const char* name, std::vector<int64_t>* values,
                                bool* present = nullptr);

// Run of the ops whose output 0 is a plain copy of input 0 (Identity,
// Reshape, Flatten, Squeeze, Unsqueeze); nothing to do when they run in place.
Status RunCopy(const KernelContext& ctx);

// Cost of a copy: no arithmetic, `bytes_read` read, every output written.
OpCost CopyCost(const CostContext& ctx, int64_t bytes_read);
// Cost of a copy that reads every input whole.
OpCost CopyAllInputsCost(const CostContext& ctx);
// Cost of a copy that reads input 0 (the data) whole, and not the small
// inputs after it (a shape, axes, pads, repeats).
OpCost CopyDataCost(const CostContext& ctx);

}  // namespace edgebench::ops
