// Concat on the native backend: for each index before the axis (the batch,
// for NCHW axis 1) every input contributes one contiguous block, copied with
// memcpy; the block sizes are worked out once at infer. Checks and Y's shape
// are ref's (tensor/concat.cpp). Any dtype: the copy moves bytes.
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "runtime/backends/native/native_ops.h"
#include "runtime/ops/op_registry.h"

namespace edgebench::native {
namespace {

struct ConcatPlan {
  int64_t outer = 1;                 // product of the dims before the axis
  std::vector<size_t> block_bytes;  // per input: its axis dim x inner x element size
};

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
  }
  ctx.set_state(std::move(plan));
  return Status::Ok();
}

Status RunConcat(const KernelContext& ctx) {
  const ConcatPlan& plan = ctx.get_state<ConcatPlan>();
  auto* dst = static_cast<uint8_t*>(ctx.outputs[0]->raw_data());
  for (int64_t o = 0; o < plan.outer; ++o) {
    for (size_t i = 0; i < plan.block_bytes.size(); ++i) {
      const size_t n = plan.block_bytes[i];
      if (n == 0) continue;  // an empty input: nothing to copy (and maybe no buffer)
      std::memcpy(dst, static_cast<const uint8_t*>(ctx.inputs[i]->raw_data()) + o * n, n);
      dst += n;
    }
  }
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
