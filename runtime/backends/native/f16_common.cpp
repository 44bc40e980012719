#include "runtime/backends/native/f16_common.h"

#include <algorithm>

#include "runtime/core/float16.h"

namespace edgebench::native {

Float32StandIns::Float32StandIns(const InferContext& outer, std::vector<Tensor> tensors, std::vector<bool> known)
    : tensors_(std::move(tensors)),
      known_(known),
      ctx_(outer.node(), outer.opset(),
           [&] {
             std::vector<const Tensor*> ptrs(tensors_.size(), nullptr);
             for (size_t i = 0; i < tensors_.size(); ++i) {
               if (outer.has_input(static_cast<int>(i))) ptrs[i] = &tensors_[i];
             }
             return ptrs;
           }(),
           known) {
  ctx_.set_num_threads(outer.num_threads());
}

Expected<std::unique_ptr<Float32StandIns>> Float32StandIns::Create(const InferContext& ctx) {
  const int n = ctx.num_inputs();
  std::vector<Tensor> tensors(n);
  std::vector<bool> known(n, false);
  for (int i = 0; i < n; ++i) {
    if (!ctx.has_input(i)) continue;
    const Tensor* value = ctx.input_value(i);
    known[i] = value != nullptr;
    if (ctx.input_dtype(i) != DType::kFloat16) {
      tensors[i] = value ? *value : Tensor::View(ctx.input_dtype(i), ctx.input_shape(i), nullptr);
    } else if (value) {
      EB_ASSIGN_OR_RETURN(tensors[i], Tensor::Allocate(DType::kFloat32, value->shape()));
      Float16ToFloat32(value->data<uint16_t>(), tensors[i].data<float>(), static_cast<size_t>(value->num_elements()));
    } else {
      tensors[i] = Tensor::View(DType::kFloat32, ctx.input_shape(i), nullptr);
    }
  }
  return std::unique_ptr<Float32StandIns>(new Float32StandIns(ctx, std::move(tensors), std::move(known)));
}

bool AllFloat16(const InferContext& ctx, int n) {
  for (int i = 0; i < n && i < ctx.num_inputs(); ++i) {
    if (ctx.has_input(i) && ctx.input_dtype(i) != DType::kFloat16) return false;
  }
  return true;
}

std::vector<uint16_t> ToHalfStorage(const std::vector<float>& values, const F16Kernels& f16) {
  std::vector<uint16_t> half(values.size());
  f16.to_half(values.data(), half.data(), static_cast<int64_t>(values.size()));
  return half;
}

void ForEachLane(ThreadPool* pool, int lanes, int64_t items, double cost_per_item,
                 FunctionRef<void(int slot, int64_t begin, int64_t end)> body) {
  const double cost_per_lane = cost_per_item * static_cast<double>(items) / lanes;
  ParallelFor(pool, lanes, cost_per_lane, [&](int64_t l0, int64_t l1) {
    // Lanes of one range run one after the other: they share the range's first slot.
    for (int64_t lane = l0; lane < l1; ++lane) {
      const int64_t begin = items * lane / lanes;
      const int64_t end = items * (lane + 1) / lanes;
      if (begin < end) body(static_cast<int>(l0), begin, end);
    }
  });
}

void StoreWideRowAsHalf(const F16Kernels& f16, const float* wide, int64_t first_flat, int64_t count, int64_t wq,
                        int64_t out_w, uint16_t* dense) {
  const int64_t end = first_flat + count;
  int64_t f = first_flat;
  int64_t oh = f / wq;
  int64_t ow = f - oh * wq;
  while (f < end) {
    if (ow < out_w) {
      const int64_t n = std::min(out_w - ow, end - f);
      f16.to_half(wide + (f - first_flat), dense + oh * out_w + ow, n);
    }
    f += wq - ow;
    ++oh;
    ow = 0;
  }
}

}  // namespace edgebench::native
