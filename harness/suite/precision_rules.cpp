#include "harness/suite/precision_rules.h"

#include "harness/suite/json_object.h"

namespace edgebench {
namespace {

using json = nlohmann::json;

constexpr NumberRange kPercentile = {50, 100, /*min_exclusive=*/true};
constexpr int kMaxSamples = 100'000;

Status CheckOneOf(const std::string& value, std::initializer_list<const char*> allowed, const std::string& path) {
  std::string list;
  for (const char* a : allowed) {
    if (value == a) return Status::Ok();
    list += list.empty() ? a : std::string(", ") + a;
  }
  return FieldError(path, "'" + value + "' is not one of " + list);
}

}  // namespace

json ToJson(const PrecisionRules& rules) {
  return {{"quantization", rules.quantization},
          {"calibration_method", rules.calibration_method},
          {"calibration_percentile", rules.calibration_percentile},
          {"calibration_samples", rules.calibration_samples},
          {"activation_type", rules.activation_type},
          {"per_channel", rules.per_channel},
          {"accuracy_samples", rules.accuracy_samples},
          {"max_accuracy_samples", rules.max_accuracy_samples}};
}

Expected<PrecisionRules> ParsePrecisionRules(const json& value, const std::string& path) {
  EB_ASSIGN_OR_RETURN(JsonObject object, JsonObject::Open(value, path));
  PrecisionRules rules;
  EB_RETURN_IF_ERROR(object.Read("quantization", &rules.quantization));
  EB_RETURN_IF_ERROR(CheckOneOf(rules.quantization, {"auto", "static", "dynamic"}, object.PathOf("quantization")));
  EB_RETURN_IF_ERROR(object.Read("calibration_method", &rules.calibration_method));
  EB_RETURN_IF_ERROR(CheckOneOf(rules.calibration_method, {"minmax", "percentile", "entropy"},
                                object.PathOf("calibration_method")));
  EB_RETURN_IF_ERROR(object.Read("calibration_percentile", kPercentile, &rules.calibration_percentile));
  EB_RETURN_IF_ERROR(object.Read("calibration_samples", 1, kMaxSamples, &rules.calibration_samples));
  EB_RETURN_IF_ERROR(object.Read("activation_type", &rules.activation_type));
  EB_RETURN_IF_ERROR(CheckOneOf(rules.activation_type, {"uint8", "int8"}, object.PathOf("activation_type")));
  EB_RETURN_IF_ERROR(object.Read("per_channel", &rules.per_channel));
  EB_RETURN_IF_ERROR(object.Read("accuracy_samples", 1, kMaxSamples, &rules.accuracy_samples));
  EB_RETURN_IF_ERROR(object.Read("max_accuracy_samples", 1, kMaxSamples, &rules.max_accuracy_samples));
  EB_RETURN_IF_ERROR(object.CheckNoUnknownKeys());
  return rules;
}

}  // namespace edgebench
