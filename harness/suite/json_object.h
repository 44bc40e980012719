// Reads the fields of one JSON object with errors that name the field by its
// JSON path ("axes.threads[2]: ..."), and rejects keys nobody asked for, so a
// typo in a hand-written file fails instead of passing silently.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "runtime/core/status.h"

namespace edgebench {

// "axes" + "threads" -> "axes.threads"; keys that are not identifiers are
// quoted: "overrides" + "model.v2" -> overrides["model.v2"].
std::string JsonPathKey(const std::string& path, const std::string& key);
// "axes.threads" + 2 -> "axes.threads[2]".
std::string JsonPathIndex(const std::string& path, size_t index);
// "string", "integer", "number", "boolean", "array", "object" or "null".
std::string JsonTypeName(const nlohmann::json& value);
// "integer 5", "array [1,2]": the type and an excerpt of the value, for errors.
std::string DescribeJson(const nlohmann::json& value);
// An InvalidArgument naming the field: "<path>: <message>".
Status FieldError(const std::string& path, const std::string& message);
// 300 -> "300", 0.5 -> "0.5": numbers as a person would write them.
std::string FormatJsonNumber(double value);

// Inclusive bounds, except that min_exclusive makes the lower one strict.
struct NumberRange {
  double min = 0;
  double max = 0;
  bool min_exclusive = false;
};

Expected<std::string> ReadString(const nlohmann::json& value, const std::string& path);
Expected<int64_t> ReadInt(const nlohmann::json& value, const std::string& path, int64_t min, int64_t max);
Expected<uint64_t> ReadUint64(const nlohmann::json& value, const std::string& path);
Expected<double> ReadNumber(const nlohmann::json& value, const std::string& path, const NumberRange& range);
// A non-empty array with no value twice.
Status CheckNonEmptyUnique(const nlohmann::json& value, const std::string& path);

class JsonObject {
 public:
  // Fails unless `value` is an object.
  static Expected<JsonObject> Open(const nlohmann::json& value, const std::string& path);

  // The value at `key`, or nullptr when absent. Either way the key becomes known.
  const nlohmann::json* Find(const std::string& key);
  // Like Find, but absence is an error.
  Expected<const nlohmann::json*> Require(const std::string& key);
  std::string PathOf(const std::string& key) const { return JsonPathKey(path_, key); }
  const std::string& path() const { return path_; }

  // Optional fields: absent leaves *out as it was (the default).
  Status Read(const std::string& key, std::string* out);
  Status Read(const std::string& key, bool* out);
  Status Read(const std::string& key, uint64_t* out);
  Status Read(const std::string& key, int64_t min, int64_t max, int* out);
  Status Read(const std::string& key, const NumberRange& range, double* out);

  // The first key no Find/Read asked about, with the nearest known key as a
  // suggestion. Call after reading every field.
  Status CheckNoUnknownKeys() const;

 private:
  JsonObject(const nlohmann::json& object, std::string path) : object_(&object), path_(std::move(path)) {}

  const nlohmann::json* object_;
  std::string path_;
  std::set<std::string> known_;
};

}  // namespace edgebench
