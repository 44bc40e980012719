#include "runtime/ops/nn/normalization.h"

#include <string>

namespace edgebench::ops {

Status CheckFloatInputs(const InferContext& ctx, const char* const* names, int count) {
  if (ctx.num_inputs() < count) {
    std::string list = names[0];
    for (int i = 1; i < count; ++i) list += std::string(i + 1 < count ? ", " : " and ") + names[i];
    return ctx.Error("needs inputs " + list);
  }
  for (int i = 0; i < count; ++i) {
    if (!ctx.has_input(i)) return ctx.Error(std::string("input ") + names[i] + " is required");
    if (ctx.input_dtype(i) != DType::kFloat32) {
      return ctx.UnsupportedError(std::string(names[i]) + " has type " + DTypeName(ctx.input_dtype(i)) +
                                  "; only float32 is implemented");
    }
  }
  return Status::Ok();
}

void MeanAndVariance(const float* values, int64_t size, double* mean, double* variance) {
  if (size == 0) {
    *mean = *variance = 0.0;
    return;
  }
  double sum = 0.0;
  for (int64_t i = 0; i < size; ++i) sum += values[i];
  const double m = sum / static_cast<double>(size);
  double squares = 0.0;
  for (int64_t i = 0; i < size; ++i) {
    const double centered = values[i] - m;
    squares += centered * centered;
  }
  *mean = m;
  *variance = squares / static_cast<double>(size);
}

}  // namespace edgebench::ops
