// The `ref` backend: plain C++ for every op in op_list.inc; the oracle the
// other backends are tested against.
#pragma once

#include "runtime/backends/backend.h"

namespace edgebench {

class RefBackendImpl final : public Backend {
 public:
  const char* name() const override { return "ref"; }
  const OpDef* Find(const Node& node, const InferContext& ctx) const override;
  // The oracle stays plain and sequential: its kernels ignore the pool.
  bool multithreaded() const override { return false; }
};

}  // namespace edgebench
