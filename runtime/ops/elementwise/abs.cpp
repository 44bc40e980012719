// Abs: Y = |X| (opsets 6, 13); integer abs of the lowest value wraps.
#include <type_traits>

#include "runtime/ops/elementwise/elementwise.h"
#include "runtime/ops/elementwise/scalar_math.h"

namespace edgebench::ops {
namespace {

using Types = NumericTypes;

Status Infer(InferContext& ctx) { return InferUnary<Types>(ctx); }

Status Run(const KernelContext& ctx) {
  return RunUnary<Types>(ctx, [](auto x) {
    using T = decltype(x);
    if constexpr (std::is_signed_v<T>) {
      return x < T{0} ? WrapSub(T{0}, x) : x;
    } else {
      return x;
    }
  });
}

}  // namespace

extern const OpDef kAbs = {"Abs", Infer, Run, nullptr, true};

}  // namespace edgebench::ops
