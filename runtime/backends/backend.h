// A backend runs some nodes with its own kernels. The session asks the chosen
// backend per node; a node it does not run falls back to `ref`, and the
// fallback is recorded.
#pragma once

#include <string>
#include <vector>

#include "runtime/core/status.h"
#include "runtime/ops/op.h"

namespace edgebench {

class Backend {
 public:
  virtual ~Backend() = default;
  virtual const char* name() const = 0;
  // The implementation this backend uses for `node` with these input types
  // and shapes, or null when it does not run it.
  virtual const OpDef* Find(const Node& node, const InferContext& ctx) const = 0;
  // Whether its kernels split their work over the session's thread pool. A
  // session with threads > 1 on a backend that does not is refused: the
  // extra threads would only idle, and the result would mislabel 1 thread.
  virtual bool multithreaded() const { return false; }
  // Whether the graph passes should move its convolution chains to NHWC
  // (runtime/passes/nhwc_layout.h): only where it has fast kernels for them.
  virtual bool prefers_nhwc() const { return false; }
};

// The backend called `name`, or an error listing the known ones.
Expected<const Backend*> FindBackend(const std::string& name);
const Backend& RefBackend();
std::vector<std::string> BackendNames();

}  // namespace edgebench
