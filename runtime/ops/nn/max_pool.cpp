// MaxPool (opsets 1, 8, 10, 11, 12): the largest input in each window, padding
// ignored. The optional Indices output (opset 8 on) holds the flattened
// position of each maximum in X, counted over N x C x spatial and ignoring
// padding; storage_order 1 counts the spatial dims column-major.
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "runtime/ops/nn/window.h"
#include "runtime/ops/op.h"

namespace edgebench::ops {
namespace {

struct MaxPoolState {
  WindowGeometry geometry;
  bool column_major_indices = false;
};

Status Infer(InferContext& ctx) {
  auto state = std::make_shared<MaxPoolState>();
  Shape y;
  EB_RETURN_IF_ERROR(InferPoolWindow(ctx, &state->geometry, &y));
  const DType dtype = ctx.input_dtype(0);
  if (dtype != DType::kFloat32 && dtype != DType::kInt8 && dtype != DType::kUInt8) {
    return ctx.UnsupportedError(std::string("X has type ") + DTypeName(dtype) +
                                "; float32, int8 and uint8 are implemented");
  }
  const int64_t storage_order = ctx.attributes().GetInt("storage_order", 0);
  if (storage_order != 0 && storage_order != 1) return ctx.Error("storage_order must be 0 or 1");
  state->column_major_indices = storage_order == 1;

  ctx.set_output(0, dtype, y);
  if (ctx.has_output(1)) ctx.set_output(1, DType::kInt64, y);
  ctx.set_state(state);
  return Status::Ok();
}

// Position of the spatial index `at` in a column-major layout of `dims`.
int64_t ColumnMajorOffset(const int64_t* at, const int64_t* dims, int rank) {
  int64_t offset = 0;
  for (int d = rank - 1; d >= 0; --d) offset = offset * dims[d] + at[d];
  return offset;
}

template <typename T>
void MaxPoolPlanes(const MaxPoolState& state, int64_t planes, const T* x, T* y, int64_t* indices) {
  const WindowGeometry& g = state.geometry;
  const int r = g.rank;
  const int64_t in_plane = Product(g.in, r);
  const int64_t out_plane = Product(g.out, r);
  for (int64_t p = 0; p < planes; ++p) {
    const T* x_plane = x + p * in_plane;
    int64_t o[kMaxRank] = {};
    for (int64_t out_pos = 0; out_pos < out_plane; ++out_pos, NextIndex(o, g.out, r)) {
      // A window entirely in padding (possible with dilation) has no maximum;
      // it yields the lowest value and index -1.
      WindowTaps taps;
      T best = std::numeric_limits<T>::lowest();
      int64_t best_offset = -1;
      int64_t best_at[kMaxRank] = {};
      if (ClipWindow(g, o, &taps) > 0) {
        int64_t k[kMaxRank];
        for (int d = 0; d < r; ++d) k[d] = taps.lo[d];
        do {
          const int64_t offset = TapOffset(g, taps, k);
          const T value = x_plane[offset];
          if (best_offset < 0 || value > best) {
            best = value;
            best_offset = offset;
            if (state.column_major_indices) {
              for (int d = 0; d < r; ++d) best_at[d] = taps.start[d] + k[d] * g.dilation[d];
            }
          }
        } while (NextIndexInBox(k, taps.lo, taps.hi, r));
      }

      y[p * out_plane + out_pos] = best;
      if (indices) {
        int64_t index = -1;
        if (best_offset >= 0) {
          index = p * in_plane + (state.column_major_indices ? ColumnMajorOffset(best_at, g.in, r) : best_offset);
        }
        indices[p * out_plane + out_pos] = index;
      }
    }
  }
}

Status Run(const KernelContext& ctx) {
  const MaxPoolState& state = ctx.get_state<MaxPoolState>();
  const Tensor& x = *ctx.inputs[0];
  Tensor& y = *ctx.outputs[0];
  Tensor* indices = ctx.output(1);
  int64_t* indices_data = indices ? indices->data<int64_t>() : nullptr;
  const int64_t planes = x.dim(0) * x.dim(1);
  switch (x.dtype()) {
    case DType::kFloat32:
      MaxPoolPlanes(state, planes, x.data<float>(), y.data<float>(), indices_data);
      break;
    case DType::kInt8:
      MaxPoolPlanes(state, planes, x.data<int8_t>(), y.data<int8_t>(), indices_data);
      break;
    case DType::kUInt8:
      MaxPoolPlanes(state, planes, x.data<uint8_t>(), y.data<uint8_t>(), indices_data);
      break;
    default:
      return ctx.Error(std::string("unexpected type ") + DTypeName(x.dtype()));
  }
  return Status::Ok();
}

}  // namespace

// Cost: one comparison per tap.
extern const OpDef kMaxPool = {"MaxPool", Infer, Run, PoolCost, false};

}  // namespace edgebench::ops
