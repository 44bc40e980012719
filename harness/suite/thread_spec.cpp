#include "harness/suite/thread_spec.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <set>

#include "harness/suite/json_object.h"

namespace edgebench {

namespace {

constexpr char kForms[] = "N, \"A-B\", \"A..B\", \"A..max\" or \"max\"";

// A thread count written as digits, or -1 when the text is not digits.
int ParseCount(const std::string& text) {
  if (text.empty() || text.size() > 9) return -1;  // 9 digits cannot overflow int
  if (!std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return -1;
  }
  return std::stoi(text);
}

Status CheckCount(int count, const std::string& text, const std::string& path) {
  if (count < 1) return FieldError(path, text + ": thread counts start at 1");
  if (count > kMaxThreadCount)
    return FieldError(path, text + ": more than " + std::to_string(kMaxThreadCount) + " threads");
  return Status::Ok();
}

Expected<ThreadSpec> ParseThreadString(const std::string& text, const std::string& path) {
  const std::string quoted = "'" + text + "'";
  const Status not_a_spec = FieldError(path, quoted + " is not a thread count or range (" + kForms + ")");
  ThreadSpec spec;
  if (text == "max") {
    spec.first_is_max = spec.last_is_max = true;
    return spec;
  }
  size_t separator = text.find("..");
  size_t separator_size = 2;
  if (separator == std::string::npos) {
    separator = text.find('-');
    separator_size = 1;
  }
  if (separator == std::string::npos) {
    spec.first = spec.last = ParseCount(text);
    if (spec.first < 0) return not_a_spec;
    EB_RETURN_IF_ERROR(CheckCount(spec.first, quoted, path));
    return spec;
  }
  const std::string first = text.substr(0, separator);
  const std::string last = text.substr(separator + separator_size);
  spec.first = ParseCount(first);
  spec.last_is_max = last == "max";
  spec.last = spec.last_is_max ? kMaxThreadCount : ParseCount(last);
  if (spec.first < 0 || spec.last < 0) return not_a_spec;
  EB_RETURN_IF_ERROR(CheckCount(spec.first, quoted, path));
  EB_RETURN_IF_ERROR(CheckCount(spec.last, quoted, path));
  if (spec.first > spec.last) return FieldError(path, quoted + " is an empty range (" + first + " > " + last + ")");
  return spec;
}

}  // namespace

Expected<ThreadSpec> ParseThreadSpec(const nlohmann::json& entry, const std::string& path) {
  if (entry.is_string()) return ParseThreadString(entry.get<std::string>(), path);
  if (!entry.is_number_integer()) {
    return FieldError(
        path, "must be a thread count or a range string (" + std::string(kForms) + "), got " + DescribeJson(entry));
  }
  const bool huge = entry.is_number_unsigned() && entry.get<uint64_t>() > uint64_t{kMaxThreadCount};
  const int64_t count = huge ? kMaxThreadCount + 1 : entry.get<int64_t>();
  if (count < 1) return FieldError(path, entry.dump() + ": thread counts start at 1");
  if (count > kMaxThreadCount) {
    return FieldError(path, entry.dump() + ": more than " + std::to_string(kMaxThreadCount) + " threads");
  }
  ThreadSpec spec;
  spec.first = spec.last = static_cast<int>(count);
  return spec;
}

Expected<std::vector<int>> ExpandThreads(const nlohmann::json& specs, int max_threads, const std::string& path) {
  if (max_threads < 1 || max_threads > kMaxThreadCount) {
    return InvalidArgument("the machine's thread count " + std::to_string(max_threads) + " is out of range");
  }
  if (!specs.is_array()) return FieldError(path, "must be a list, got " + DescribeJson(specs));
  if (specs.empty()) return FieldError(path, "must not be empty");
  std::set<int> counts;
  for (size_t i = 0; i < specs.size(); ++i) {
    EB_ASSIGN_OR_RETURN(const ThreadSpec spec, ParseThreadSpec(specs[i], JsonPathIndex(path, i)));
    const int first = spec.first_is_max ? max_threads : spec.first;
    const int last = spec.last_is_max ? max_threads : spec.last;
    for (int threads = first; threads <= last; ++threads) counts.insert(threads);
  }
  if (counts.empty()) {
    return FieldError(
        path, specs.dump() + " gives no thread count on a machine with " + std::to_string(max_threads) + " threads");
  }
  return std::vector<int>(counts.begin(), counts.end());
}

}  // namespace edgebench
