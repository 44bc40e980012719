#include "runtime/backends/ref/ref_backend.h"

#include "runtime/ops/op_registry.h"

namespace edgebench {

const OpDef* RefBackendImpl::Find(const Node& node, const InferContext& /*ctx*/) const {
  return FindRefOp(node.domain, node.op_type);
}

}  // namespace edgebench
