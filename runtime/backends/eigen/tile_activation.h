// The activation of a com.microsoft FusedConv / FusedGemm, applied in a
// kernel's output step to contiguous runs of a tile, from any pool thread.
// It runs the shared ref code (runtime/ops/fused_activation.h, one ref kernel
// per activation) on views of the runs: each thread slot has its own kernel
// context and views of the two run lengths a kernel writes (a full tile and
// the tail), re-pointed per call, so Apply allocates nothing.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/core/status.h"
#include "runtime/core/tensor.h"
#include "runtime/ops/fused_activation.h"
#include "runtime/ops/op.h"

namespace edgebench::eigen {

enum class ActivationAttributes { kFusedConv, kFusedGemm };

class TileActivation {
 public:
  TileActivation() = default;
  // The slots point into activation_: neither copied nor moved once prepared.
  TileActivation(const TileActivation&) = delete;
  TileActivation& operator=(const TileActivation&) = delete;

  // Reads the node's activation attributes and prepares it for `slots`
  // threads and runs of `full` and `tail` elements. Call after ctx's output 0
  // is set. Without an `activation` attribute there is nothing to apply.
  Status Prepare(const InferContext& ctx, ActivationAttributes kind, int slots, int64_t full, int64_t tail);

  bool active() const { return activation_.op != nullptr; }

  // Applies the activation in place to data[0, n), n being `full` or `tail`;
  // `slot` is the calling thread's slot.
  Status Apply(int slot, float* data, int64_t n) const;

 private:
  struct Slot {
    KernelContext ctx;
    Tensor full;
    Tensor tail;
  };
  ops::FusedActivation activation_;
  mutable std::vector<Slot> slots_;
  int64_t full_ = 0;
  int64_t tail_ = 0;
};

}  // namespace edgebench::eigen
