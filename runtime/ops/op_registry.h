// The table of every operator the ref backend implements, generated from
// op_list.inc (one list feeds the registry, the CLI's op listing, the
// conformance runner's skip logic and the docs).
#pragma once

#include <string>
#include <vector>

#include "runtime/ops/op.h"

namespace edgebench {

// The op registered for `op_type` in `domain` ("" and "ai.onnx" both name the
// default domain; contrib ops declare theirs, e.g. "com.microsoft"), or null.
// Any other domain has no ops.
const OpDef* FindRefOp(const std::string& domain, const std::string& op_type);
// Every registered op, in list order.
const std::vector<const OpDef*>& AllRefOps();

}  // namespace edgebench
