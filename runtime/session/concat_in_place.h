// Concats that need no copy: where every input of a Concat is one contiguous
// slice of its output (all dims before the axis are 1, as for NCHW at batch 1
// on the channel axis) and nothing but the Concat reads it, the producers can
// write their outputs straight into the Concat's output buffer, and the
// Concat step does nothing. SqueezeNet's fire modules concatenate their two
// expand convolutions this way.
#pragma once

#include <cstddef>
#include <vector>

#include "runtime/core/tensor.h"
#include "runtime/ir/graph.h"

namespace edgebench {

// Where a value is written: into `concat_output` (a value, made by step
// `concat_step`) at byte `offset`, or in a buffer of its own when
// concat_output is kNoValue.
struct ConcatSlice {
  int concat_output = kNoValue;
  int concat_step = 0;
  size_t offset = 0;
};

struct InPlaceConcats {
  std::vector<ConcatSlice> slice_of;  // one per graph value
  std::vector<bool> elided_step;      // one per step: a Concat that does nothing
};

// `step_nodes` are the nodes that run, in run order; `tensors` every value's
// bound type and shape; `known` the values computed at creation (constants,
// folded nodes), which are never written at run time. An input qualifies when
// a step produces it, it is read once, by this Concat only, is not a graph
// output nor itself a Concat's output, and its slice starts at a multiple of
// kTensorAlignment (kernels may assume aligned tensors).
InPlaceConcats FindInPlaceConcats(const Graph& g, const std::vector<int>& step_nodes,
                                  const std::vector<Tensor>& tensors, const std::vector<bool>& known);

}  // namespace edgebench
