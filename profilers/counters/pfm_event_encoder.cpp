#include "profilers/counters/pfm_event_encoder.h"

#include <cstring>

namespace edgebench {

#if EDGEBENCH_HAVE_LIBPFM

namespace {

// pfm_initialize() sets up libpfm4's tables once per process; its result is
// kept so every later encoding can report a failed initialization.
int InitializePfmOnce() {
  static const int result = pfm_initialize();
  return result;
}

}  // namespace

Expected<perf_event_attr> EncodePerfEvent(const std::string& name, bool count_kernel) {
  const int init = InitializePfmOnce();
  if (init != PFM_SUCCESS) {
    return Unsupported("cannot encode perf event '" + name + "': libpfm4 failed to initialize: " + pfm_strerror(init));
  }
  perf_event_attr attr;
  std::memset(&attr, 0, sizeof attr);
  pfm_perf_encode_arg_t arg;
  std::memset(&arg, 0, sizeof arg);
  arg.attr = &attr;
  arg.size = sizeof arg;
  // PFM_OS_PERF_EVENT_EXT also accepts perf-only modifiers in the name (excl, ...).
  const int plm = count_kernel ? (PFM_PLM0 | PFM_PLM3) : PFM_PLM3;
  const int status = pfm_get_os_event_encoding(name.c_str(), plm, PFM_OS_PERF_EVENT_EXT, &arg);
  if (status != PFM_SUCCESS) {
    return InvalidArgument("perf event '" + name + "' cannot be encoded for this machine's PMUs: libpfm4: " +
                           pfm_strerror(status) + " (`perf list` or libpfm4's showevtinfo list the known names)");
  }
  attr.size = sizeof attr;  // libpfm4 leaves the ABI size to the caller
  return attr;
}

#else

Expected<perf_event_attr> EncodePerfEvent(const std::string& name, bool /*count_kernel*/) {
  return Unsupported("cannot encode perf event '" + name + "': edgebench was built without libpfm4");
}

#endif

}  // namespace edgebench
