// What the native float16 operators share: float32 stand-ins of a node's
// inputs for shape parsing and packing at infer, the per-thread lanes that
// widen packed half panels, and the store of a float tile as half.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/backends/native/f16_kernels.h"
#include "runtime/core/tensor.h"
#include "runtime/core/thread_pool.h"
#include "runtime/ops/op.h"

namespace edgebench::native {

// A float32 view of ctx's inputs: known float16 values widened (the packing
// code reads them as float32; the widened copies die with this object, the
// plans keep half panels), unknown ones as shape-only views. `ctx` is the
// InferContext to parse attributes and shapes on (the ref parsers accept
// float32 only).
class Float32StandIns {
 public:
  static Expected<std::unique_ptr<Float32StandIns>> Create(const InferContext& ctx);
  const InferContext& ctx() const { return ctx_; }
  // For a float32 op's infer on the stand-ins (it sets outputs and scratch here).
  InferContext& mutable_ctx() { return ctx_; }
  // Input i's widened value, or null when it is absent or unknown.
  const float* value(int i) const {
    return i < static_cast<int>(known_.size()) && known_[i] ? tensors_[i].data<float>() : nullptr;
  }

 private:
  Float32StandIns(const InferContext& outer, std::vector<Tensor> tensors, std::vector<bool> known);
  std::vector<Tensor> tensors_;
  std::vector<bool> known_;
  InferContext ctx_;
};

// Inputs 0 .. n-1 present ones all float16 (or absent when optional).
bool AllFloat16(const InferContext& ctx, int n);

// Rounds float32 values (exactly representable halves after a widening) back
// into half storage.
std::vector<uint16_t> ToHalfStorage(const std::vector<float>& values, const F16Kernels& f16);

// Splits `items` into `lanes` contiguous ranges and runs them on the pool;
// body(slot, begin, end) gets a slot < lanes that no concurrent call shares,
// so each lane can use its own part of the scratch (a widened panel).
void ForEachLane(ThreadPool* pool, int lanes, int64_t items, double cost_per_item,
                 FunctionRef<void(int slot, int64_t begin, int64_t end)> body);

// Rounds `count` floats of a wide-layout row (flat positions first_flat ..,
// row stride wq, valid columns < out_w) into dense half rows of out_w.
void StoreWideRowAsHalf(const F16Kernels& f16, const float* wide, int64_t first_flat, int64_t count, int64_t wq,
                        int64_t out_w, uint16_t* dense);

}  // namespace edgebench::native
