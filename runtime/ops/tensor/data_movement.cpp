#include "runtime/ops/tensor/data_movement.h"

#include <cstring>
#include <string>

namespace edgebench::ops {
namespace {

template <typename U>
void StridedCopyTyped(const U* src, const int64_t* strides, const int64_t* shape, int rank, U* dst) {
  if (rank == 0) {
    *dst = *src;
    return;
  }
  for (int d = 0; d < rank; ++d) {
    if (shape[d] == 0) return;
  }
  // Rows along the last dim; an odometer over the outer dims moves the row start.
  const int last = rank - 1;
  const int64_t row_length = shape[last];
  const int64_t row_stride = strides[last];
  int64_t index[kMaxRank] = {};
  int64_t offset = 0;
  while (true) {
    const U* row = src + offset;
    if (row_stride == 1) {
      std::memcpy(dst, row, static_cast<size_t>(row_length) * sizeof(U));
    } else {
      for (int64_t i = 0; i < row_length; ++i) dst[i] = row[i * row_stride];
    }
    dst += row_length;
    int d = last - 1;
    for (; d >= 0; --d) {
      offset += strides[d];
      if (++index[d] < shape[d]) break;
      offset -= strides[d] * shape[d];
      index[d] = 0;
    }
    if (d < 0) return;
  }
}

}  // namespace

Status CheckMovableDType(const InferContext& ctx, int i, const char* input_name) {
  const DType dtype = ctx.input_dtype(i);
  if (DTypeSize(dtype) == 0) {
    return ctx.UnsupportedError(std::string("input '") + input_name + "' has element type " + DTypeName(dtype) +
                                ", which this op does not implement");
  }
  return Status::Ok();
}

Status CheckMaxRank(const InferContext& ctx, int i, const char* input_name) {
  if (ctx.input_rank(i) > kMaxRank) {
    return ctx.UnsupportedError(std::string("input '") + input_name + "' has rank " +
                                std::to_string(ctx.input_rank(i)) + "; at most " + std::to_string(kMaxRank) +
                                " is implemented");
  }
  return Status::Ok();
}

Status ReadKnownInts(const InferContext& ctx, int i, const char* input_name, std::vector<int64_t>* values) {
  const Tensor* t = ctx.input_value(i);
  if (!t) {
    return ctx.UnsupportedError(std::string("input '") + input_name +
                                "' must be known at session creation (data-dependent output shape)");
  }
  if (t->dtype() != DType::kInt64 && t->dtype() != DType::kInt32) {
    return ctx.Error(std::string("input '") + input_name + "' must be int64, not " + DTypeName(t->dtype()));
  }
  if (t->rank() > 1) {
    return ctx.Error(std::string("input '") + input_name + "' must be 1-D, not of shape " +
                     ShapeToString(t->shape()));
  }
  values->resize(static_cast<size_t>(t->num_elements()));
  for (int64_t k = 0; k < t->num_elements(); ++k) (*values)[k] = IntElement(*t, k);
  return Status::Ok();
}

Status ReadAttributeOrInputInts(const InferContext& ctx, const char* name, std::vector<int64_t>* values,
                                bool* present) {
  values->clear();
  bool given = false;
  if (ctx.opset() >= 13) {
    if (ctx.attributes().Has(name)) {
      return ctx.Error(std::string("attribute '") + name + "' became input '" + name + "' in opset 13");
    }
    given = ctx.has_input(1);
    if (given) EB_RETURN_IF_ERROR(ReadKnownInts(ctx, 1, name, values));
  } else {
    given = ctx.attributes().Has(name);
    if (given) *values = ctx.attributes().GetInts(name);
  }
  if (present) *present = given;
  return Status::Ok();
}

int64_t IntElement(const Tensor& t, int64_t k) {
  return t.dtype() == DType::kInt32 ? static_cast<int64_t>(t.data<int32_t>()[k]) : t.data<int64_t>()[k];
}

void CopyTensorData(const Tensor& in, Tensor* out) {
  const size_t bytes = in.num_bytes();
  if (bytes == 0 || out->raw_data() == in.raw_data()) return;
  std::memcpy(out->raw_data(), in.raw_data(), bytes);
}

Status RunCopy(const KernelContext& ctx) {
  CopyTensorData(*ctx.inputs[0], ctx.outputs[0]);
  return Status::Ok();
}

void StridedCopy(const void* src, const int64_t* src_strides, const int64_t* shape, int rank, size_t elem_size,
                 void* dst) {
  VisitElementBits(elem_size, [&](auto zero) {
    using U = decltype(zero);
    StridedCopyTyped(static_cast<const U*>(src), src_strides, shape, rank, static_cast<U*>(dst));
  });
}

OpCost CopyCost(const CostContext& ctx, int64_t bytes_read) {
  OpCost cost;
  cost.bytes_read = bytes_read;
  for (const Tensor* t : ctx.outputs) {
    if (t) cost.bytes_written += static_cast<int64_t>(t->num_bytes());
  }
  return cost;
}

OpCost CopyAllInputsCost(const CostContext& ctx) {
  int64_t bytes_read = 0;
  for (const Tensor* t : ctx.inputs) {
    if (t) bytes_read += static_cast<int64_t>(t->num_bytes());
  }
  return CopyCost(ctx, bytes_read);
}

OpCost CopyDataCost(const CostContext& ctx) { return CopyCost(ctx, static_cast<int64_t>(ctx.inputs[0]->num_bytes())); }

}  // namespace edgebench::ops
