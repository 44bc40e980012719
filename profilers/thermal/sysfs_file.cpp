#include "profilers/thermal/sysfs_file.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace edgebench {

namespace {

namespace fs = std::filesystem;

// Pseudo-files worth reading are far smaller; this bounds a wrong path.
constexpr size_t kMaxBytes = size_t{1} << 20;

std::string Trim(const std::string& text) {
  const char* kSpace = " \t\r\n";
  const size_t first = text.find_first_not_of(kSpace);
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

}  // namespace

Expected<std::string> ReadSysfsText(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return NotFound("no " + path);
  if (fs::is_directory(path, ec)) return InvalidArgument(path + " is a directory, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot open " + path + ": " + std::strerror(errno));
  std::string text;
  char buffer[4096];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxBytes) return ResourceExhausted(path + " is over " + std::to_string(kMaxBytes) + " bytes");
  }
  // Some attributes fail at read time (EIO, EAGAIN) even though they exist.
  if (in.bad()) return IoError("reading " + path + " failed: " + std::strerror(errno));
  return text;
}

Expected<std::string> ReadSysfsValue(const std::string& path) {
  EB_ASSIGN_OR_RETURN(const std::string text, ReadSysfsText(path));
  std::string value = Trim(text);
  if (value.empty()) return InvalidArgument(path + " is empty");
  return value;
}

Expected<int64_t> ReadSysfsInt(const std::string& path, int base) {
  EB_ASSIGN_OR_RETURN(const std::string value, ReadSysfsValue(path));
  errno = 0;
  char* end = nullptr;
  const long long parsed = std::strtoll(value.c_str(), &end, base);
  if (end == value.c_str() || *end != '\0' || errno == ERANGE) {
    return InvalidArgument(path + " holds '" + value + "', not " + (base == 16 ? "a hex integer" : "an integer"));
  }
  return static_cast<int64_t>(parsed);
}

std::vector<int> ListNumberedEntries(const std::string& dir, const std::string& prefix) {
  std::vector<int> numbers;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string digits = name.substr(prefix.size());
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    if (digits.size() > 6) continue;  // not a plausible CPU or zone number
    numbers.push_back(std::atoi(digits.c_str()));
  }
  std::sort(numbers.begin(), numbers.end());
  return numbers;
}

}  // namespace edgebench
