#include "harness/results/build_info.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>

namespace edgebench {
namespace {

bool BuiltWithSanitizers() {
#if defined(__SANITIZE_ADDRESS__)
  return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return true;
#else
  return false;
#endif
#else
  return false;
#endif
}

}  // namespace

nlohmann::json BuildJson() {
  return {{"type", EDGEBENCH_BUILD_TYPE},
          {"compiler", std::string(EDGEBENCH_COMPILER) + " " + __VERSION__},
          {"flags", EDGEBENCH_CXX_FLAGS},
          {"isa", EDGEBENCH_ISA},
          {"sanitizers", BuiltWithSanitizers()}};
}

nlohmann::json RunHeader(const std::string& suite_name, const std::string& suite_path, uint64_t seed,
                         const std::string& started_rfc3339) {
  char id[64];
  std::snprintf(id, sizeof(id), "%s-%d", started_rfc3339.c_str(), static_cast<int>(getpid()));
  return {{"id", id},
          {"started", started_rfc3339},
          {"finished", nullptr},
          {"suite", suite_name},
          {"suite_path", suite_path},
          {"edgebench_version", EDGEBENCH_VERSION},
          {"git_sha", EDGEBENCH_GIT_SHA},
          {"build", BuildJson()},
          {"seed", seed}};
}

std::vector<std::string> BuildWarnings() {
  std::vector<std::string> warnings;
  if (std::string(EDGEBENCH_BUILD_TYPE) != "Release") {
    warnings.push_back(std::string("edgebench was built as ") + EDGEBENCH_BUILD_TYPE +
                       ", not Release; timings are not representative");
  }
  if (BuiltWithSanitizers()) warnings.push_back("edgebench was built with sanitizers; timings are not representative");
  return warnings;
}

}  // namespace edgebench
