#include "runtime/backends/eigen/tile_activation.h"

#include <string>

namespace edgebench::eigen {

Status TileActivation::Prepare(const InferContext& ctx, ActivationAttributes kind, int slots, int64_t full,
                               int64_t tail) {
  EB_RETURN_IF_ERROR(kind == ActivationAttributes::kFusedConv ? ops::ParseConvActivation(ctx, &activation_)
                                                              : ops::ParseGemmActivation(ctx, &activation_));
  EB_RETURN_IF_ERROR(ops::PrepareActivation(ctx, 0, &activation_));
  if (!active()) return Status::Ok();
  full_ = full;
  tail_ = tail;
  slots_.resize(static_cast<size_t>(slots));
  for (Slot& slot : slots_) {
    slot.ctx = activation_.ctx;  // node, opset and state of the activation
    slot.full = Tensor::View(DType::kFloat32, {full}, nullptr);
    slot.tail = Tensor::View(DType::kFloat32, {tail}, nullptr);
  }
  return Status::Ok();
}

Status TileActivation::Apply(int slot, float* data, int64_t n) const {
  if (!active()) return Status::Ok();
  Slot& s = slots_[static_cast<size_t>(slot)];
  Tensor* run = n == full_ ? &s.full : n == tail_ ? &s.tail : nullptr;
  if (!run) {
    return Internal("activation run of " + std::to_string(n) + " elements; prepared for " +
                    std::to_string(full_) + " and " + std::to_string(tail_));
  }
  run->set_data(data);
  // Element-wise kernels read element i before writing it, so in place is exact.
  s.ctx.inputs[0] = run;
  s.ctx.outputs[0] = run;
  return activation_.op->run(s.ctx);
}

}  // namespace edgebench::eigen
