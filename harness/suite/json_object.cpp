#include "harness/suite/json_object.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace edgebench {

namespace {

bool IsIdentifier(const std::string& key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key[0]))) return false;
  return std::all_of(key.begin(), key.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// Levenshtein distance, for "did you mean" suggestions on unknown keys.
size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string Quoted(const nlohmann::json& value) {
  return value.is_string() ? "'" + value.get<std::string>() + "'" : value.dump();
}

}  // namespace

std::string JsonPathKey(const std::string& path, const std::string& key) {
  if (!IsIdentifier(key)) return path + "[" + nlohmann::json(key).dump() + "]";
  return path.empty() ? key : path + "." + key;
}

std::string JsonPathIndex(const std::string& path, size_t index) { return path + "[" + std::to_string(index) + "]"; }

std::string JsonTypeName(const nlohmann::json& value) {
  if (value.is_number_integer()) return "integer";
  if (value.is_number()) return "number";
  return value.type_name();  // "string", "boolean", "array", "object", "null"
}

std::string DescribeJson(const nlohmann::json& value) {
  if (value.is_null()) return "null";
  std::string text = value.dump();
  constexpr size_t kMaxChars = 60;
  if (text.size() > kMaxChars) text = text.substr(0, kMaxChars) + "...";
  return JsonTypeName(value) + " " + text;
}

Status FieldError(const std::string& path, const std::string& message) {
  return InvalidArgument(path.empty() ? message : path + ": " + message);
}

std::string FormatJsonNumber(double value) {
  // Shortest form that reads back exactly, fixed notation unless longer.
  char buffer[32];
  const std::to_chars_result result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}

Expected<std::string> ReadString(const nlohmann::json& value, const std::string& path) {
  if (!value.is_string()) return FieldError(path, "must be a string, got " + DescribeJson(value));
  return value.get<std::string>();
}

Expected<int64_t> ReadInt(const nlohmann::json& value, const std::string& path, int64_t min, int64_t max) {
  if (!value.is_number_integer()) {
    return FieldError(path, "must be an integer, got " + DescribeJson(value));
  }
  // Unsigned values above INT64_MAX would wrap in get<int64_t>().
  const bool too_big = value.is_number_unsigned() && value.get<uint64_t>() > static_cast<uint64_t>(max);
  if (too_big || value.get<int64_t>() < min || value.get<int64_t>() > max) {
    return FieldError(path,
                      value.dump() + " is out of range [" + std::to_string(min) + ", " + std::to_string(max) + "]");
  }
  return value.get<int64_t>();
}

Expected<uint64_t> ReadUint64(const nlohmann::json& value, const std::string& path) {
  if (!value.is_number_unsigned()) {
    const bool negative = value.is_number_integer();
    return FieldError(path, negative ? value.dump() + " is negative; it must be an integer >= 0"
                                     : "must be an integer >= 0, got " + DescribeJson(value));
  }
  return value.get<uint64_t>();
}

Expected<double> ReadNumber(const nlohmann::json& value, const std::string& path, const NumberRange& range) {
  if (!value.is_number()) return FieldError(path, "must be a number, got " + DescribeJson(value));
  const double number = value.get<double>();
  const bool below = range.min_exclusive ? number <= range.min : number < range.min;
  if (below || number > range.max) {
    return FieldError(path, FormatJsonNumber(number) + " is out of range " +
                                std::string(range.min_exclusive ? "(" : "[") + FormatJsonNumber(range.min) + ", " +
                                FormatJsonNumber(range.max) + "]");
  }
  return number;
}

Status CheckNonEmptyUnique(const nlohmann::json& value, const std::string& path) {
  if (!value.is_array()) return FieldError(path, "must be a list, got " + DescribeJson(value));
  if (value.empty()) return FieldError(path, "must not be empty");
  for (size_t i = 0; i < value.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (value[i] == value[j]) {
        return FieldError(JsonPathIndex(path, i),
                          Quoted(value[i]) + " is listed twice (also at [" + std::to_string(j) + "])");
      }
    }
  }
  return Status::Ok();
}

Expected<JsonObject> JsonObject::Open(const nlohmann::json& value, const std::string& path) {
  if (!value.is_object()) {
    return FieldError(path, "must be an object, got " + DescribeJson(value));
  }
  return JsonObject(value, path);
}

const nlohmann::json* JsonObject::Find(const std::string& key) {
  known_.insert(key);
  const auto it = object_->find(key);
  return it == object_->end() ? nullptr : &*it;
}

Expected<const nlohmann::json*> JsonObject::Require(const std::string& key) {
  const nlohmann::json* value = Find(key);
  if (value != nullptr) return value;
  std::string hint;
  for (const auto& [present, unused] : object_->items()) {
    if (EditDistance(present, key) <= 2) hint = " (found '" + present + "': a typo?)";
  }
  return FieldError(path_, "the required field '" + key + "' is missing" + hint);
}

Status JsonObject::Read(const std::string& key, std::string* out) {
  const nlohmann::json* value = Find(key);
  if (value == nullptr) return Status::Ok();
  EB_ASSIGN_OR_RETURN(*out, ReadString(*value, PathOf(key)));
  return Status::Ok();
}

Status JsonObject::Read(const std::string& key, bool* out) {
  const nlohmann::json* value = Find(key);
  if (value == nullptr) return Status::Ok();
  if (!value->is_boolean()) {
    return FieldError(PathOf(key), "must be true or false, got " + DescribeJson(*value));
  }
  *out = value->get<bool>();
  return Status::Ok();
}

Status JsonObject::Read(const std::string& key, uint64_t* out) {
  const nlohmann::json* value = Find(key);
  if (value == nullptr) return Status::Ok();
  EB_ASSIGN_OR_RETURN(*out, ReadUint64(*value, PathOf(key)));
  return Status::Ok();
}

Status JsonObject::Read(const std::string& key, int64_t min, int64_t max, int* out) {
  const nlohmann::json* value = Find(key);
  if (value == nullptr) return Status::Ok();
  EB_ASSIGN_OR_RETURN(const int64_t number, ReadInt(*value, PathOf(key), min, max));
  *out = static_cast<int>(number);
  return Status::Ok();
}

Status JsonObject::Read(const std::string& key, const NumberRange& range, double* out) {
  const nlohmann::json* value = Find(key);
  if (value == nullptr) return Status::Ok();
  EB_ASSIGN_OR_RETURN(*out, ReadNumber(*value, PathOf(key), range));
  return Status::Ok();
}

Status JsonObject::CheckNoUnknownKeys() const {
  for (const auto& [key, value] : object_->items()) {
    if (known_.count(key) != 0) continue;
    std::string nearest;
    size_t nearest_distance = 3;  // suggest only close matches: typos, not other fields
    for (const std::string& candidate : known_) {
      // A unit left off ("min_time" for "min_time_ms") counts as close.
      const std::string& shorter = key.size() < candidate.size() ? key : candidate;
      const std::string& longer = key.size() < candidate.size() ? candidate : key;
      const bool prefix = shorter.size() >= 4 && longer.rfind(shorter, 0) == 0;
      const size_t distance = prefix ? 1 : EditDistance(key, candidate);
      if (distance < nearest_distance) {
        nearest = candidate;
        nearest_distance = distance;
      }
    }
    std::string known;
    for (const std::string& candidate : known_) known += (known.empty() ? "" : ", ") + candidate;
    return FieldError(PathOf(key), "unknown field" + (nearest.empty() ? "" : " (did you mean '" + nearest + "'?)") +
                                       "; known fields: " + known);
  }
  return Status::Ok();
}

}  // namespace edgebench
