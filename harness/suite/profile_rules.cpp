#include "harness/suite/profile_rules.h"

#include <set>

#include "harness/suite/json_object.h"

namespace edgebench {
namespace {

using json = nlohmann::json;

constexpr int kMaxPerOpIterations = 1000;
constexpr NumberRange kPerOpTimeMs = {0, 600'000};
constexpr NumberRange kTemperatureC = {0, 150, /*min_exclusive=*/true};
constexpr NumberRange kWaitS = {0, 86'400};
constexpr NumberRange kPollS = {0.01, 3600};
constexpr NumberRange kSamplePeriodS = {0.05, 3600};
constexpr NumberRange kIdleMs = {0, 60'000, /*min_exclusive=*/true};  // a sensor needs time to average

Expected<std::vector<std::string>> ReadCounterNames(const json& value, const std::string& path) {
  if (!value.is_array()) return FieldError(path, "must be a list of event names, got " + DescribeJson(value));
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (size_t i = 0; i < value.size(); ++i) {
    EB_ASSIGN_OR_RETURN(std::string name, ReadString(value[i], JsonPathIndex(path, i)));
    if (name.empty()) return FieldError(JsonPathIndex(path, i), "must not be empty");
    if (!seen.insert(name).second) return FieldError(JsonPathIndex(path, i), "'" + name + "' is listed twice");
    names.push_back(std::move(name));
  }
  return names;
}

Expected<CooldownRule> ReadCooldown(const json& value, const std::string& path) {
  EB_ASSIGN_OR_RETURN(JsonObject object, JsonObject::Open(value, path));
  CooldownRule rule;
  EB_ASSIGN_OR_RETURN(const json* below, object.Require("below_c"));
  EB_ASSIGN_OR_RETURN(rule.below_c, ReadNumber(*below, object.PathOf("below_c"), kTemperatureC));
  EB_RETURN_IF_ERROR(object.Read("max_wait_s", kWaitS, &rule.max_wait_s));
  EB_RETURN_IF_ERROR(object.Read("poll_s", kPollS, &rule.poll_s));
  EB_RETURN_IF_ERROR(object.CheckNoUnknownKeys());
  return rule;
}

}  // namespace

json ToJson(const ProfileRules& rules) {
  json out = {{"per_op", rules.per_op},
              {"per_op_iterations", rules.per_op_iterations},
              {"per_op_min_time_ms", rules.per_op_min_time_ms},
              {"counters", rules.counters},
              {"thermal_sample_period_s", rules.thermal_sample_period_s},
              {"energy_idle_ms", rules.energy_idle_ms}};
  if (rules.cooldown) {
    out["cooldown"] = {{"below_c", rules.cooldown->below_c},
                       {"max_wait_s", rules.cooldown->max_wait_s},
                       {"poll_s", rules.cooldown->poll_s}};
  }
  return out;
}

Expected<ProfileRules> ParseProfileRules(const json& value, const std::string& path) {
  EB_ASSIGN_OR_RETURN(JsonObject object, JsonObject::Open(value, path));
  ProfileRules rules;
  EB_RETURN_IF_ERROR(object.Read("per_op", &rules.per_op));
  EB_RETURN_IF_ERROR(object.Read("per_op_iterations", 1, kMaxPerOpIterations, &rules.per_op_iterations));
  EB_RETURN_IF_ERROR(object.Read("per_op_min_time_ms", kPerOpTimeMs, &rules.per_op_min_time_ms));
  if (const json* counters = object.Find("counters")) {
    EB_ASSIGN_OR_RETURN(rules.counters, ReadCounterNames(*counters, object.PathOf("counters")));
  }
  if (const json* cooldown = object.Find("cooldown")) {
    EB_ASSIGN_OR_RETURN(rules.cooldown, ReadCooldown(*cooldown, object.PathOf("cooldown")));
  }
  EB_RETURN_IF_ERROR(object.Read("thermal_sample_period_s", kSamplePeriodS, &rules.thermal_sample_period_s));
  EB_RETURN_IF_ERROR(object.Read("energy_idle_ms", kIdleMs, &rules.energy_idle_ms));
  EB_RETURN_IF_ERROR(object.CheckNoUnknownKeys());
  return rules;
}

}  // namespace edgebench
