// Typed reads of one JSON field for ReadResultRows (result_rows.h): each names
// the file, the configuration key and the field when the type is wrong.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/results/result_rows.h"
#include "runtime/core/status.h"

namespace edgebench::result_rows_detail {

// Where a field is, for error messages: "'q.json': result 'mobilenet_v2|fp32|…'".
struct Place {
  std::string file;
  std::string config_key;  // empty for fields outside results[]

  Status Bad(const std::string& field, const std::string& problem) const;
};

// The member `name` of `obj` (nullptr when absent); `obj` must be an object.
const nlohmann::json* Member(const nlohmann::json& obj, const std::string& name);

// Required: absent, null or another type is an error. `field` is the path
// named in errors ("latency_ms.p50").
Expected<const nlohmann::json*> RequireObject(const nlohmann::json& obj, const std::string& name,
                                              const std::string& field, const Place& place);
Expected<double> RequireNumber(const nlohmann::json& obj, const std::string& name, const std::string& field,
                               const Place& place);
Expected<std::string> RequireString(const nlohmann::json& obj, const std::string& name, const std::string& field,
                                    const Place& place);
Expected<bool> RequireBool(const nlohmann::json& obj, const std::string& name, const std::string& field,
                           const Place& place);
// A list of strings (fit_problems, warnings).
Expected<std::vector<std::string>> RequireStrings(const nlohmann::json& obj, const std::string& name,
                                                  const std::string& field, const Place& place);

// Optional: absent or null gives "" (nullopt), another type an error.
Expected<std::string> OptionalString(const nlohmann::json& obj, const std::string& name, const std::string& field,
                                     const Place& place);
Expected<std::optional<double>> OptionalNumber(const nlohmann::json& obj, const std::string& name,
                                               const std::string& field, const Place& place);
// {"value", "source"} of a device profile.
Expected<std::optional<SourcedNumber>> OptionalSourced(const nlohmann::json& obj, const std::string& name,
                                                 const std::string& field, const Place& place);

// A "reasonOr" field: a number (a Figure of `kind`), or "unknown" with the
// reason in <name>_reason. Absent or null is unknown too, not an error.
Expected<Figure> ReadFigure(const nlohmann::json& obj, const std::string& name, const std::string& kind,
                            const std::string& field, const Place& place);

}  // namespace edgebench::result_rows_detail
