#include "runtime/ops/math/reduce_kernel.h"

#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

namespace edgebench::ops {
namespace {

struct ReduceState {
  bool noop = false;  // noop_with_empty_axes with no axes: output = input
  int rank = 0;
  int64_t dims[kMaxRank] = {};
  // Stride in output elements of each input dim; 0 along reduced dims, so
  // every input element lands on its output element.
  int64_t out_strides[kMaxRank] = {};
  int64_t reduce_count = 1;  // input elements per output element
};

const char* KindName(ReduceKind kind) {
  switch (kind) {
    case ReduceKind::kSum: return "ReduceSum";
    case ReduceKind::kMean: return "ReduceMean";
    case ReduceKind::kMax: return "ReduceMax";
    case ReduceKind::kMin: return "ReduceMin";
  }
  return "Reduce";
}

bool SupportsDType(ReduceKind kind, DType dtype) {
  switch (dtype) {
    case DType::kFloat32:
    case DType::kInt32:
    case DType::kInt64: return true;
    case DType::kUInt8:
    case DType::kInt8: return kind == ReduceKind::kMax || kind == ReduceKind::kMin;
    default: return false;
  }
}

// The requested axes, from input 1 when present, else the attribute.
Status ReadAxes(const InferContext& ctx, std::vector<int64_t>* axes) {
  if (ctx.has_input(1)) {
    const Tensor* value = ctx.input_value(1);
    if (!value) {
      return ctx.UnsupportedError("input 'axes' must be known at session creation (data-dependent output shape)");
    }
    if (value->dtype() != DType::kInt64) return ctx.Error("input 'axes' must be int64");
    if (value->rank() > 1) return ctx.Error("input 'axes' must be 1-D");
    const int64_t* data = value->data<int64_t>();
    axes->assign(data, data + value->num_elements());
    return Status::Ok();
  }
  *axes = ctx.attributes().GetInts("axes");
  return Status::Ok();
}

// Visits every input element in row-major order with its output offset.
template <typename Fn>
void ForEachElement(const ReduceState& s, Fn&& fn) {
  if (s.rank == 0) {
    fn(0, 0);
    return;
  }
  int64_t outer_count = 1;
  for (int d = 0; d + 1 < s.rank; ++d) outer_count *= s.dims[d];
  const int64_t inner = s.dims[s.rank - 1];
  const int64_t inner_stride = s.out_strides[s.rank - 1];
  int64_t index[kMaxRank] = {};
  int64_t out_base = 0;
  int64_t in_index = 0;
  for (int64_t outer = 0; outer < outer_count; ++outer) {
    for (int64_t j = 0; j < inner; ++j) fn(in_index++, out_base + j * inner_stride);
    for (int d = s.rank - 2; d >= 0; --d) {
      out_base += s.out_strides[d];
      if (++index[d] < s.dims[d]) break;
      out_base -= s.out_strides[d] * index[d];
      index[d] = 0;
    }
  }
}

// Sum and Mean accumulate in double (float input) or int64 (integer input),
// in scratch, so that long reductions keep their precision.
template <typename T>
void RunSumOrMean(const ReduceState& s, bool mean, const T* x, T* y, int64_t out_count, void* scratch) {
  using Acc = std::conditional_t<std::is_floating_point_v<T>, double, int64_t>;
  Acc* acc = static_cast<Acc*>(scratch);
  for (int64_t i = 0; i < out_count; ++i) acc[i] = Acc{0};
  ForEachElement(s, [&](int64_t in, int64_t out) { acc[out] += static_cast<Acc>(x[in]); });
  for (int64_t i = 0; i < out_count; ++i) {
    if (!mean) {
      y[i] = static_cast<T>(acc[i]);
    } else if constexpr (std::is_floating_point_v<T>) {
      // An empty reduction gives 0/0 = NaN, as numpy's mean does.
      y[i] = static_cast<T>(acc[i] / static_cast<double>(s.reduce_count));
    } else {
      y[i] = s.reduce_count == 0 ? T{0} : static_cast<T>(acc[i] / s.reduce_count);
    }
  }
}

// Max and Min start from the identity (-inf / +inf, or the type's limits)
// and let NaN win, as numpy's maximum.reduce does.
template <typename T>
void RunMaxOrMin(const ReduceState& s, bool max, const T* x, T* y, int64_t out_count) {
  using Limits = std::numeric_limits<T>;
  const T identity = max ? (Limits::has_infinity ? -Limits::infinity() : Limits::lowest())
                         : (Limits::has_infinity ? Limits::infinity() : Limits::max());
  for (int64_t i = 0; i < out_count; ++i) y[i] = identity;
  if (max) {
    ForEachElement(s, [&](int64_t in, int64_t out) {
      const T v = x[in];
      if (v > y[out] || v != v) y[out] = v;
    });
  } else {
    ForEachElement(s, [&](int64_t in, int64_t out) {
      const T v = x[in];
      if (v < y[out] || v != v) y[out] = v;
    });
  }
}

template <typename T>
void RunTyped(const ReduceState& s, ReduceKind kind, const Tensor& x, Tensor& y, void* scratch) {
  const int64_t out_count = y.num_elements();
  if (kind == ReduceKind::kSum || kind == ReduceKind::kMean) {
    RunSumOrMean(s, kind == ReduceKind::kMean, x.data<T>(), y.data<T>(), out_count, scratch);
  } else {
    RunMaxOrMin(s, kind == ReduceKind::kMax, x.data<T>(), y.data<T>(), out_count);
  }
}

}  // namespace

Status InferReduce(InferContext& ctx, ReduceKind kind) {
  if (!ctx.has_input(0)) return ctx.Error("missing input 'data'");
  const DType dtype = ctx.input_dtype(0);
  if (!SupportsDType(kind, dtype)) {
    return ctx.UnsupportedError(std::string(KindName(kind)) + " of type " + DTypeName(dtype));
  }
  const Shape& shape = ctx.input_shape(0);
  const int rank = ctx.input_rank(0);
  if (rank > kMaxRank) return ctx.UnsupportedError("rank above " + std::to_string(kMaxRank));

  std::vector<int64_t> axes;
  EB_RETURN_IF_ERROR(ReadAxes(ctx, &axes));
  const bool keepdims = ctx.attributes().GetInt("keepdims", 1) != 0;
  const bool noop_with_empty_axes = ctx.attributes().GetInt("noop_with_empty_axes", 0) != 0;

  auto state = std::make_shared<ReduceState>();
  state->rank = rank;
  for (int d = 0; d < rank; ++d) state->dims[d] = shape[d];
  if (axes.empty() && noop_with_empty_axes) {
    state->noop = true;
    if (ctx.has_output(0)) ctx.set_output(0, dtype, shape);
    ctx.set_state(std::move(state));
    return Status::Ok();
  }

  bool reduced[kMaxRank] = {};
  for (int64_t axis : axes) {
    Expected<int> a = NormalizeAxis(axis, rank, "axes");
    if (!a.ok()) return ctx.Error(a.status().message());
    if (reduced[*a]) return ctx.Error("axis " + std::to_string(axis) + " repeated in 'axes'");
    reduced[*a] = true;
  }
  if (axes.empty()) {
    for (int d = 0; d < rank; ++d) reduced[d] = true;
  }

  Shape out_shape;
  int64_t stride = 1;
  for (int d = rank - 1; d >= 0; --d) {
    if (reduced[d]) {
      state->out_strides[d] = 0;
      state->reduce_count *= shape[d];
    } else {
      state->out_strides[d] = stride;
      stride *= shape[d];
    }
  }
  for (int d = 0; d < rank; ++d) {
    if (!reduced[d]) {
      out_shape.push_back(shape[d]);
    } else if (keepdims) {
      out_shape.push_back(1);
    }
  }
  if (kind == ReduceKind::kSum || kind == ReduceKind::kMean) {
    ctx.set_scratch_bytes(static_cast<size_t>(NumElements(out_shape)) * sizeof(int64_t));
  }
  if (ctx.has_output(0)) ctx.set_output(0, dtype, std::move(out_shape));
  ctx.set_state(std::move(state));
  return Status::Ok();
}

Status RunReduce(const KernelContext& ctx, ReduceKind kind) {
  const ReduceState& s = ctx.get_state<ReduceState>();
  const Tensor& x = *ctx.inputs[0];
  Tensor& y = *ctx.outputs[0];
  if (s.noop) {
    std::memcpy(y.raw_data(), x.raw_data(), x.num_bytes());
    return Status::Ok();
  }
  switch (x.dtype()) {
    case DType::kFloat32: RunTyped<float>(s, kind, x, y, ctx.scratch); break;
    case DType::kInt32: RunTyped<int32_t>(s, kind, x, y, ctx.scratch); break;
    case DType::kInt64: RunTyped<int64_t>(s, kind, x, y, ctx.scratch); break;
    case DType::kUInt8: RunTyped<uint8_t>(s, kind, x, y, ctx.scratch); break;
    case DType::kInt8: RunTyped<int8_t>(s, kind, x, y, ctx.scratch); break;
    default: return ctx.Error("unexpected type");
  }
  return Status::Ok();
}

// FLOPs = one per input element; bytes = the data read and the result written.
OpCost ReduceCost(const CostContext& ctx) {
  OpCost cost;
  cost.flops = ctx.inputs[0]->num_elements();
  cost.bytes_read = static_cast<int64_t>(ctx.inputs[0]->num_bytes());
  cost.bytes_written = static_cast<int64_t>(ctx.outputs[0]->num_bytes());
  return cost;
}

}  // namespace edgebench::ops
