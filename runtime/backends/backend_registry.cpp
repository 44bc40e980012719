#include "runtime/backends/backend.h"

#include "runtime/backends/eigen/eigen_backend.h"
#include "runtime/backends/native/native_backend.h"
#include "runtime/backends/ref/ref_backend.h"

namespace edgebench {
namespace {

// The one list of backends; later issues add eigen and native here.
const std::vector<const Backend*>& AllBackends() {
  static const std::vector<const Backend*> kAll = {&RefBackend(), &EigenBackendInstance(), &NativeBackendInstance()};
  return kAll;
}

}  // namespace

const Backend& RefBackend() {
  static const RefBackendImpl kRef;
  return kRef;
}

std::vector<std::string> BackendNames() {
  std::vector<std::string> names;
  for (const Backend* b : AllBackends()) names.push_back(b->name());
  return names;
}

Expected<const Backend*> FindBackend(const std::string& name) {
  std::string known;
  for (const Backend* b : AllBackends()) {
    if (name == b->name()) return b;
    known += (known.empty() ? "" : ", ") + std::string(b->name());
  }
  return InvalidArgument("unknown backend '" + name + "' (known: " + known + ")");
}

}  // namespace edgebench
