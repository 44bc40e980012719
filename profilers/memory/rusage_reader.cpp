#include "profilers/memory/rusage_reader.h"

#include <sys/resource.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace edgebench {

Known<int64_t> ReadMaxRssBytes() {
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) != 0) {
    return Known<int64_t>::Unknown(std::string("getrusage(RUSAGE_SELF) failed: ") + std::strerror(errno));
  }
  if (usage.ru_maxrss <= 0) {
    return Known<int64_t>::Unknown("getrusage(RUSAGE_SELF) reported ru_maxrss " + std::to_string(usage.ru_maxrss));
  }
  return Known<int64_t>::Of(static_cast<int64_t>(usage.ru_maxrss) * 1024);
}

}  // namespace edgebench
