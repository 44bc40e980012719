// Size: the input's element count as an int64 scalar. Only the input's shape
// is read, never its data.
#include "runtime/ops/tensor/data_movement.h"

namespace edgebench::ops {
namespace {

Status Infer(InferContext& ctx) {
  if (!ctx.has_input(0)) return ctx.Error("missing input 'data'");
  if (ctx.has_output(0)) ctx.set_output(0, DType::kInt64, {});
  return Status::Ok();
}

Status Run(const KernelContext& ctx) {
  Tensor& out = *ctx.outputs[0];
  out.data<int64_t>()[0] = ctx.inputs[0]->num_elements();
  return Status::Ok();
}

// Reads only the input's metadata.
OpCost Cost(const CostContext& ctx) { return CopyCost(ctx, /*bytes_read=*/0); }

}  // namespace

extern const OpDef kSize = {"Size", Infer, Run, Cost, /*in_place=*/false,
                                /*reads_only_shapes=*/true};

}  // namespace edgebench::ops
