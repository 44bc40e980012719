// Typed reads of fields inside a result, for the report. ReadResultsJson only
// checks the envelope, so a field of the wrong type is found here and becomes
// an error naming the file, the configuration and the field, never a throw.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "reports/report/figure.h"
#include "runtime/core/status.h"

namespace edgebench {

// Where a field sits: "'results.json': result 'mobilenet_v2|fp32|...'".
struct FieldPlace {
  std::string file;
  std::string config_key;  // empty for fields outside results[]

  std::string Name(const std::string& field) const;
};

// Required fields.
Expected<double> ReadNumber(const nlohmann::json& obj, const std::string& field, const FieldPlace& place,
                            const std::string& path_prefix = "");
Expected<std::string> ReadString(const nlohmann::json& obj, const std::string& field, const FieldPlace& place,
                                 const std::string& path_prefix = "");
Expected<const nlohmann::json*> ReadObject(const nlohmann::json& obj, const std::string& field,
                                           const FieldPlace& place, const std::string& path_prefix = "");
Expected<const nlohmann::json*> ReadArray(const nlohmann::json& obj, const std::string& field,
                                          const FieldPlace& place, const std::string& path_prefix = "");
// A list of strings (fit_problems, warnings).
Expected<std::vector<std::string>> ReadStrings(const nlohmann::json& obj, const std::string& field,
                                               const FieldPlace& place, const std::string& path_prefix = "");

// Optional fields: absent (or null) gives nullopt, a wrong type an error.
Expected<std::optional<std::string>> ReadOptionalString(const nlohmann::json& obj, const std::string& field,
                                                        const FieldPlace& place, const std::string& path_prefix = "");
Expected<std::optional<Sourced>> ReadOptionalSourced(const nlohmann::json& obj, const std::string& field,
                                                     const FieldPlace& place, const std::string& path_prefix = "");

// A "reasonOr" field (a number, or "unknown" with the reason in <field>_reason)
// as a Figure of `kind`. Absent or null is unknown with `absent_reason`.
Expected<Figure> ReadFigure(const nlohmann::json& obj, const std::string& field, const std::string& kind,
                            const FieldPlace& place, const std::string& path_prefix = "",
                            const std::string& absent_reason = "");

}  // namespace edgebench
