#include "runtime/backends/ref/ref_backend.h"

#include "runtime/backends/ref/float16_adapter.h"
#include "runtime/ops/op_registry.h"

namespace edgebench {

// Ref kernels compute in float32; a node with float16 inputs runs them through
// the float16 adapter unless its op moves float16 elements itself.
const OpDef* RefBackendImpl::Find(const Node& node, const InferContext& ctx) const {
  const OpDef* op = FindRefOp(node.domain, node.op_type);
  if (op && NeedsFloat16Adapter(node, ctx)) return Float16AdapterFor(op);
  return op;
}

}  // namespace edgebench
