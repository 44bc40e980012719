#include "devices/host/proc_info.h"

#include <cstdlib>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

namespace edgebench {

namespace {

// The features the runtime's kernels dispatch on, by architecture.
const char* const kX86Features[] = {"avx2",        "fma",      "f16c",        "avx512f",    "avx512bw",
                                    "avx512_vnni", "avx_vnni", "avx512_bf16", "avx512_fp16"};
const char* const kArm64Features[] = {"asimd", "asimddp", "fphp", "asimdhp", "i8mm"};

std::string Trim(const std::string& text) {
  const char* kSpace = " \t\r\n";
  const size_t first = text.find_first_not_of(kSpace);
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

// The value of the first "key : value" line whose key is `key`.
std::optional<std::string> FindField(const std::string& text, const std::string& key) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    if (Trim(line.substr(0, colon)) == key) return Trim(line.substr(colon + 1));
  }
  return std::nullopt;
}

template <size_t N>
std::map<std::string, bool> Lookup(const char* const (&wanted)[N], const std::string& listed) {
  std::set<std::string> present;
  std::istringstream words(listed);
  for (std::string word; words >> word;) present.insert(word);
  std::map<std::string, bool> out;
  for (const char* name : wanted) out[name] = present.count(name) > 0;
  return out;
}

}  // namespace

Known<std::string> ParseCpuInfoModel(const std::string& cpuinfo) {
  const std::optional<std::string> model = FindField(cpuinfo, "model name");
  if (!model || model->empty()) return Known<std::string>::Unknown("no 'model name' in /proc/cpuinfo");
  return Known<std::string>::Of(*model);
}

Known<std::map<std::string, bool>> ParseCpuInfoFeatures(const std::string& cpuinfo,
                                                        const std::string& architecture) {
  using Features = Known<std::map<std::string, bool>>;
  const bool x86 = architecture == "x86_64" || architecture == "i686" || architecture == "i386";
  const bool arm64 = architecture == "aarch64" || architecture == "arm64";
  if (!x86 && !arm64) return Features::Unknown("no list of kernel-relevant CPU features for " + architecture);
  const char* key = x86 ? "flags" : "Features";
  const std::optional<std::string> listed = FindField(cpuinfo, key);
  if (!listed) return Features::Unknown(std::string("no '") + key + "' line in /proc/cpuinfo");
  return Features::Of(x86 ? Lookup(kX86Features, *listed) : Lookup(kArm64Features, *listed));
}

Known<int64_t> ParseMemInfoTotal(const std::string& meminfo) {
  const std::optional<std::string> total = FindField(meminfo, "MemTotal");
  if (!total) return Known<int64_t>::Unknown("no MemTotal in /proc/meminfo");
  char* end = nullptr;
  const long long kib = std::strtoll(total->c_str(), &end, 10);
  if (end == total->c_str() || Trim(end) != "kB" || kib <= 0) {
    return Known<int64_t>::Unknown("/proc/meminfo MemTotal is '" + *total + "', not '<n> kB'");
  }
  return Known<int64_t>::Of(static_cast<int64_t>(kib) * 1024);
}

}  // namespace edgebench
