#include "runtime/ops/op_registry.h"

#include <string>

namespace edgebench {
namespace ops {
#define EB_OP(name) extern const OpDef k##name;
#include "runtime/ops/op_list.inc"
#undef EB_OP
}  // namespace ops

const std::vector<const OpDef*>& AllRefOps() {
  static const std::vector<const OpDef*> kOps = {
#define EB_OP(name) &ops::k##name,
#include "runtime/ops/op_list.inc"
#undef EB_OP
  };
  return kOps;
}

const OpDef* FindRefOp(const std::string& domain, const std::string& op_type) {
  const std::string& wanted = domain == "ai.onnx" ? std::string() : domain;
  for (const OpDef* op : AllRefOps()) {
    if (op_type == op->op_type && wanted == op->domain) return op;
  }
  return nullptr;
}

OpCost ElementwiseCost(const CostContext& ctx) {
  OpCost cost;
  for (const Tensor* t : ctx.inputs) {
    if (t) cost.bytes_read += static_cast<int64_t>(t->num_bytes());
  }
  for (const Tensor* t : ctx.outputs) {
    if (t) {
      cost.bytes_written += static_cast<int64_t>(t->num_bytes());
      cost.flops += t->num_elements();
    }
  }
  return cost;
}

OpCost DefaultCost(const OpDef& op, const CostContext& ctx) {
  return op.cost ? op.cost(ctx) : ElementwiseCost(ctx);
}

}  // namespace edgebench
