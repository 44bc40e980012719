#include "runtime/ops/elementwise/broadcast.h"

#include <algorithm>
#include <string>

namespace edgebench::ops {

Status MakeBroadcastPlan(const InferContext& ctx, int num_inputs, BroadcastPlan* plan) {
  Shape out = ctx.input_shape(0);
  for (int k = 1; k < num_inputs; ++k) {
    Expected<Shape> joined = BroadcastShapes(out, ctx.input_shape(k));
    if (!joined.ok()) return ctx.Error("inputs do not broadcast: " + joined.status().message());
    out = std::move(joined).value();
  }
  const int rank = static_cast<int>(out.size());
  if (rank > kMaxRank) {
    return ctx.UnsupportedError("output rank " + std::to_string(rank) + " exceeds the maximum of " +
                                std::to_string(kMaxRank));
  }
  Expected<int64_t> num_elements = CheckedNumElements(out);
  if (!num_elements.ok()) return ctx.Error(num_elements.status().message());

  // Per merged dim, which inputs really vary along it (the rest broadcast).
  // Output dims of 1 are dropped; neighbours with the same pattern merge.
  std::vector<int64_t> dims;
  std::vector<std::vector<bool>> varies;
  for (int d = 0; d < rank; ++d) {
    if (out[d] == 1) continue;
    std::vector<bool> pattern(num_inputs);
    for (int k = 0; k < num_inputs; ++k) {
      const Shape& in = ctx.input_shape(k);
      const int in_d = d - (rank - static_cast<int>(in.size()));
      pattern[k] = in_d >= 0 && in[in_d] == out[d];
    }
    if (!dims.empty() && varies.back() == pattern) {
      dims.back() *= out[d];
    } else {
      dims.push_back(out[d]);
      varies.push_back(std::move(pattern));
    }
  }
  if (dims.empty()) {  // a scalar: one row of one element
    dims.push_back(1);
    varies.emplace_back(num_inputs, false);
  }

  plan->out_shape = out;
  plan->num_elements = num_elements.value();
  plan->rank = static_cast<int>(dims.size());
  std::copy(dims.begin(), dims.end(), plan->dims.begin());
  plan->strides.assign(num_inputs, {});
  for (int k = 0; k < num_inputs; ++k) {
    int64_t stride = 1;
    for (int d = plan->rank - 1; d >= 0; --d) {
      plan->strides[k][d] = varies[d][k] ? stride : 0;
      if (varies[d][k]) stride *= dims[d];
    }
  }
  return Status::Ok();
}

OpCost VariadicCost(const CostContext& ctx) {
  OpCost cost = ElementwiseCost(ctx);
  const int64_t combines = std::max<int64_t>(1, static_cast<int64_t>(ctx.inputs.size()) - 1);
  cost.flops *= combines;
  return cost;
}

}  // namespace edgebench::ops
