#include "runtime/ops/elementwise/elementwise.h"

namespace edgebench::ops {

Status CheckInputCount(const InferContext& ctx, int min_inputs, int max_inputs) {
  const int n = ctx.num_inputs();
  if (n < min_inputs || (max_inputs >= 0 && n > max_inputs)) {
    std::string expected = std::to_string(min_inputs);
    if (max_inputs < 0) {
      expected += " or more";
    } else if (max_inputs != min_inputs) {
      expected += " to " + std::to_string(max_inputs);
    }
    return ctx.Error("expects " + expected + " inputs, got " + std::to_string(n));
  }
  for (int i = 0; i < min_inputs; ++i) {
    if (!ctx.has_input(i)) return ctx.Error("required input " + std::to_string(i) + " is missing");
  }
  return Status::Ok();
}

Status CheckSameDType(const InferContext& ctx, int first, int end) {
  for (int i = first + 1; i < end; ++i) {
    if (ctx.input_dtype(i) != ctx.input_dtype(first)) {
      return ctx.Error("input " + std::to_string(i) + " has dtype " + DTypeName(ctx.input_dtype(i)) + " but input " +
                       std::to_string(first) + " has " + DTypeName(ctx.input_dtype(first)) +
                       "; they must match");
    }
  }
  return Status::Ok();
}

}  // namespace edgebench::ops
