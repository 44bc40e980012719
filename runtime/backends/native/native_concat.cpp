// Concat on the native backend: for each index before the axis (the batch,
// for NCHW axis 1) every input contributes one contiguous block, copied with
// memcpy; the block sizes are worked out once at infer. Checks and Y's shape
// are ref's (tensor/concat.cpp). Any dtype: the copy moves bytes.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "runtime/backends/native/native_ops.h"
#include "runtime/core/thread_pool.h"
#include "runtime/ops/op_registry.h"

namespace edgebench::native {
namespace {

struct ConcatPlan {
  int64_t outer = 1;                 // product of the dims before the axis
  std::vector<size_t> block_bytes;  // per input: its axis dim x inner x element size
  size_t row_bytes = 0;             // their sum: the output bytes per index before the axis
};

// The work of copying one byte, in the pool's FLOP-sized units: a copy
// under about 256 KB stays on one thread.
constexpr double kCopyCostPerByte = 0.25;

Status InferConcat(InferContext& ctx) {
  EB_RETURN_IF_ERROR(FindRefOp("", "Concat")->infer(ctx));
  const int rank = ctx.input_rank(0);
  int64_t axis = ctx.attributes().GetInt("axis", 0);
  if (axis < 0) axis += rank;  // ref's infer has checked the range
  const Shape& first = ctx.input_shape(0);
  auto plan = std::make_shared<ConcatPlan>();
  for (int64_t d = 0; d < axis; ++d) plan->outer *= first[d];
  int64_t inner = 1;
  for (int d = static_cast<int>(axis) + 1; d < rank; ++d) inner *= first[d];
  const size_t elem = DTypeSize(ctx.input_dtype(0));
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    plan->block_bytes.push_back(static_cast<size_t>(ctx.input_shape(i)[axis] * inner) * elem);
    plan->row_bytes += plan->block_bytes.back();
  }
  ctx.set_state(std::move(plan));
  return Status::Ok();
}

// Output bytes [b0, b1): each piece is a run of one (index before the axis,
// input) block, copied from the matching offset of that input.
void CopyRange(const ConcatPlan& plan, const KernelContext& ctx, int64_t b0, int64_t b1) {
  auto* dst = static_cast<uint8_t*>(ctx.outputs[0]->raw_data());
  const int64_t row = static_cast<int64_t>(plan.row_bytes);
  for (int64_t b = b0; b < b1;) {
    const int64_t o = b / row;
    int64_t at = b % row;  // offset inside row o
    size_t i = 0;
    while (at >= static_cast<int64_t>(plan.block_bytes[i])) at -= static_cast<int64_t>(plan.block_bytes[i++]);
    const int64_t n = std::min(static_cast<int64_t>(plan.block_bytes[i]) - at, b1 - b);
    const auto* src = static_cast<const uint8_t*>(ctx.inputs[i]->raw_data()) +
                      o * static_cast<int64_t>(plan.block_bytes[i]) + at;
    std::memcpy(dst + b, src, static_cast<size_t>(n));
    b += n;
  }
}

Status RunConcat(const KernelContext& ctx) {
  const ConcatPlan& plan = ctx.get_state<ConcatPlan>();
  // Split by output bytes, so that the threads share even a two-input
  // Concat (SqueezeNet's fire modules) instead of one copying while the
  // others wait.
  const int64_t total = plan.outer * static_cast<int64_t>(plan.row_bytes);
  ParallelFor(ctx.pool, total, kCopyCostPerByte,
              [&](int64_t b0, int64_t b1) { CopyRange(plan, ctx, b0, b1); });
  return Status::Ok();
}

OpCost CostConcat(const CostContext& ctx) { return DefaultCost(*FindRefOp("", "Concat"), ctx); }

const OpDef kConcatOp = {"Concat", InferConcat, RunConcat, CostConcat};

}  // namespace

bool SupportsConcat(const InferContext& ctx) {
  if (ctx.num_inputs() == 0) return false;
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    if (!ctx.has_input(i)) return false;
  }
  return true;
}

const OpDef& NativeConcatOp() { return kConcatOp; }

}  // namespace edgebench::native
