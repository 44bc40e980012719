// Softmax (ONNX Softmax-1..13); the shared kernel is in softmax_kernel.cpp.
#include "runtime/ops/math/softmax_kernel.h"

namespace edgebench::ops {
namespace {

Status Run(const KernelContext& ctx) { return RunSoftmax(ctx, /*log=*/false); }

}  // namespace

// In place: each row is read in full before any of its outputs is written.
extern const OpDef kSoftmax = {"Softmax", InferSoftmax, Run, SoftmaxCost, /*in_place=*/true};

}  // namespace edgebench::ops
