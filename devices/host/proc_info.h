// Parsers of /proc/cpuinfo and /proc/meminfo text, apart from the reads so
// tests can feed them any machine's files.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "profilers/thermal/known.h"

namespace edgebench {

// The "model name" field (x86; most arm64 kernels have none).
Known<std::string> ParseCpuInfoModel(const std::string& cpuinfo);

// For each CPU feature the kernels care about on `architecture` (uname -m),
// whether /proc/cpuinfo lists it ("flags" on x86, "Features" on arm64). Keys
// are the kernel's own flag names, e.g. "avx512_vnni", "asimddp".
Known<std::map<std::string, bool>> ParseCpuInfoFeatures(const std::string& cpuinfo,
                                                        const std::string& architecture);

// MemTotal in bytes.
Known<int64_t> ParseMemInfoTotal(const std::string& meminfo);

}  // namespace edgebench
