#include "devices/profiles/profile_json.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "devices/profiles/profile_vocabulary.h"

namespace edgebench {

namespace {

using nlohmann::json;

constexpr double kNoMax = std::numeric_limits<double>::infinity();

// What a number field accepts. The schema's bounds are these (a test checks
// the bad-profile table against both).
struct Bounds {
  double min = 0;
  bool min_exclusive = true;
  double max = kNoMax;
  bool integer = false;
};

constexpr Bounds kPositive{};
constexpr Bounds kNonNegative{0, false};
constexpr Bounds kByteCount{1, false, kNoMax, true};
// Catches a frequency written in Hz or kHz instead of MHz.
constexpr Bounds kFrequencyMhz{0, true, 10000};
constexpr int64_t kMaxCores = 4096;

std::string Excerpt(const json& value) {
  std::string text = value.dump();
  if (text.size() > 60) text = text.substr(0, 60) + "...";
  return text;
}

std::string Join(const std::vector<std::string>& words) {
  std::string joined;
  for (const std::string& word : words) joined += (joined.empty() ? "" : ", ") + word;
  return joined;
}

// Whole numbers as integers: byte counts must be, for the schema, and 1500
// reads better than 1500.0.
json NumberJson(double value) {
  if (value == std::floor(value) && std::fabs(value) < 9e15) return static_cast<int64_t>(value);
  return value;
}

std::string FormatNumber(double value) { return NumberJson(value).dump(); }

Status FieldError(const std::string& path, const std::string& message) {
  return InvalidArgument((path.empty() ? "" : path + ": ") + message);
}

// One JSON object's fields, read by name. Keys nobody asked for are an error
// so that a misspelt optional field does not vanish silently.
class Fields {
 public:
  static Expected<Fields> Open(const json& value, const std::string& path) {
    if (!value.is_object()) return FieldError(path, "must be an object, got " + Excerpt(value));
    return Fields(value, path);
  }

  const json* Find(const std::string& key) {
    asked_.insert(key);
    const auto it = object_->find(key);
    return it == object_->end() ? nullptr : &*it;
  }

  Expected<const json*> Require(const std::string& key) {
    const json* value = Find(key);
    if (value == nullptr) return FieldError(path_, "the required field '" + key + "' is missing");
    return value;
  }

  std::string PathOf(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

  Status CheckNoOthers() const {
    for (const auto& [key, unused] : object_->items()) {
      if (asked_.count(key) == 0) {
        return FieldError(PathOf(key), "unknown field; known fields: " +
                                           Join(std::vector<std::string>(asked_.begin(), asked_.end())));
      }
    }
    return Status::Ok();
  }

 private:
  Fields(const json& object, std::string path) : object_(&object), path_(std::move(path)) {}

  const json* object_;
  std::string path_;
  std::set<std::string> asked_;
};

Expected<std::string> ReadText(const json& value, const std::string& path, bool allow_empty = false) {
  if (!value.is_string()) return FieldError(path, "must be a string, got " + Excerpt(value));
  std::string text = value.get<std::string>();
  if (!allow_empty && text.find_first_not_of(" \t\n") == std::string::npos) {
    return FieldError(path, "must not be empty");
  }
  return text;
}

Expected<std::string> ReadWord(const json& value, const std::string& path, const std::vector<std::string>& words) {
  EB_ASSIGN_OR_RETURN(std::string word, ReadText(value, path));
  if (std::find(words.begin(), words.end(), word) == words.end()) {
    return FieldError(path, "'" + word + "' is not one of " + Join(words));
  }
  return word;
}

Status CheckBounds(double number, const std::string& path, const Bounds& bounds) {
  const bool below = bounds.min_exclusive ? number <= bounds.min : number < bounds.min;
  if (!below && number <= bounds.max) return Status::Ok();
  std::string range = bounds.min_exclusive ? "> " + FormatNumber(bounds.min) : ">= " + FormatNumber(bounds.min);
  if (bounds.max != kNoMax) range += " and <= " + FormatNumber(bounds.max);
  return FieldError(path, FormatNumber(number) + " is out of range: it must be " + range);
}

// {"value": N, "source": "..."}: the number and where it came from.
Expected<Sourced> ReadSourced(const json& value, const std::string& path, const Bounds& bounds) {
  if (value.is_number()) {
    return FieldError(path, "the bare number " + Excerpt(value) + " has no source; write {\"value\": " +
                                Excerpt(value) + ", \"source\": \"<datasheet or vendor page, or 'estimated: how'>\"}");
  }
  EB_ASSIGN_OR_RETURN(Fields fields, Fields::Open(value, path));
  Sourced sourced;
  EB_ASSIGN_OR_RETURN(const json* number, fields.Require("value"));
  if (!number->is_number()) return FieldError(fields.PathOf("value"), "must be a number, got " + Excerpt(*number));
  if (bounds.integer && !number->is_number_integer()) {
    return FieldError(fields.PathOf("value"), "must be a whole number, got " + Excerpt(*number));
  }
  sourced.value = number->get<double>();
  EB_RETURN_IF_ERROR(CheckBounds(sourced.value, fields.PathOf("value"), bounds));
  EB_ASSIGN_OR_RETURN(const json* source, fields.Require("source"));
  EB_ASSIGN_OR_RETURN(sourced.source, ReadText(*source, fields.PathOf("source")));
  EB_RETURN_IF_ERROR(fields.CheckNoOthers());
  return sourced;
}

Expected<Sourced> RequireSourced(Fields& fields, const std::string& key, const Bounds& bounds) {
  EB_ASSIGN_OR_RETURN(const json* value, fields.Require(key));
  return ReadSourced(*value, fields.PathOf(key), bounds);
}

Expected<std::optional<Sourced>> OptionalSourced(Fields& fields, const std::string& key, const Bounds& bounds) {
  const json* value = fields.Find(key);
  if (value == nullptr) return std::optional<Sourced>();
  EB_ASSIGN_OR_RETURN(Sourced sourced, ReadSourced(*value, fields.PathOf(key), bounds));
  return std::optional<Sourced>(std::move(sourced));
}

Expected<std::string> RequireText(Fields& fields, const std::string& key) {
  EB_ASSIGN_OR_RETURN(const json* value, fields.Require(key));
  return ReadText(*value, fields.PathOf(key));
}

// A list of distinct strings, each one of `words` when `words` is given.
Expected<std::vector<std::string>> ReadTextList(const json& value, const std::string& path,
                                                const std::vector<std::string>* words) {
  if (!value.is_array()) return FieldError(path, "must be a list, got " + Excerpt(value));
  std::vector<std::string> list;
  for (size_t i = 0; i < value.size(); ++i) {
    const std::string item_path = path + "[" + std::to_string(i) + "]";
    EB_ASSIGN_OR_RETURN(std::string item,
                        words != nullptr ? ReadWord(value[i], item_path, *words) : ReadText(value[i], item_path));
    if (std::find(list.begin(), list.end(), item) != list.end()) {
      return FieldError(item_path, "'" + item + "' is listed twice");
    }
    list.push_back(std::move(item));
  }
  return list;
}

Expected<CpuSpec> ReadCpu(const json& value, const std::string& path) {
  EB_ASSIGN_OR_RETURN(Fields fields, Fields::Open(value, path));
  CpuSpec cpu;
  EB_ASSIGN_OR_RETURN(const json* cores, fields.Require("cores"));
  if (!cores->is_number_integer() || cores->get<int64_t>() < 1 || cores->get<int64_t>() > kMaxCores) {
    return FieldError(fields.PathOf("cores"), "must be a whole number from 1 to " + std::to_string(kMaxCores) +
                                                  ", got " + Excerpt(*cores));
  }
  cpu.cores = cores->get<int>();
  EB_ASSIGN_OR_RETURN(cpu.microarchitecture, RequireText(fields, "microarchitecture"));
  EB_ASSIGN_OR_RETURN(cpu.max_freq_mhz, RequireSourced(fields, "max_freq_mhz", kFrequencyMhz));
  EB_ASSIGN_OR_RETURN(const json* isa, fields.Require("isa_features"));
  EB_ASSIGN_OR_RETURN(cpu.isa_features, ReadTextList(*isa, fields.PathOf("isa_features"), nullptr));
  EB_RETURN_IF_ERROR(fields.CheckNoOthers());
  return cpu;
}

// {"fp32": {...}, "int8": {...}}: kept in ProfilePrecisions() order.
Expected<std::vector<PrecisionPeak>> ReadPeaks(const json& value, const std::string& path) {
  EB_ASSIGN_OR_RETURN(Fields fields, Fields::Open(value, path));
  if (value.empty()) return FieldError(path, "lists no precision; a unit must support at least one");
  std::vector<PrecisionPeak> peaks;
  for (const std::string& precision : ProfilePrecisions()) {
    EB_ASSIGN_OR_RETURN(std::optional<Sourced> gops, OptionalSourced(fields, precision, kPositive));
    if (gops) peaks.push_back({precision, *gops});
  }
  for (const auto& [key, unused] : value.items()) {
    if (std::find(ProfilePrecisions().begin(), ProfilePrecisions().end(), key) == ProfilePrecisions().end()) {
      return FieldError(fields.PathOf(key), "'" + key + "' is not a precision; precisions are " +
                                                Join(ProfilePrecisions()));
    }
  }
  return peaks;
}

Expected<ComputeUnit> ReadUnit(const json& value, const std::string& path) {
  EB_ASSIGN_OR_RETURN(Fields fields, Fields::Open(value, path));
  ComputeUnit unit;
  EB_ASSIGN_OR_RETURN(unit.name, RequireText(fields, "name"));
  EB_ASSIGN_OR_RETURN(const json* kind, fields.Require("kind"));
  EB_ASSIGN_OR_RETURN(unit.kind, ReadWord(*kind, fields.PathOf("kind"), ComputeUnitKinds()));
  EB_ASSIGN_OR_RETURN(const json* peaks, fields.Require("peaks_gops"));
  EB_ASSIGN_OR_RETURN(unit.peaks, ReadPeaks(*peaks, fields.PathOf("peaks_gops")));
  EB_RETURN_IF_ERROR(fields.CheckNoOthers());
  return unit;
}

Expected<std::vector<ComputeUnit>> ReadUnits(const json& value, const std::string& path) {
  if (!value.is_array() || value.empty()) {
    return FieldError(path, "must be a non-empty list of compute units, got " + Excerpt(value));
  }
  std::vector<ComputeUnit> units;
  for (size_t i = 0; i < value.size(); ++i) {
    const std::string unit_path = path + "[" + std::to_string(i) + "]";
    EB_ASSIGN_OR_RETURN(ComputeUnit unit, ReadUnit(value[i], unit_path));
    for (const ComputeUnit& earlier : units) {
      if (earlier.name == unit.name) return FieldError(unit_path + ".name", "'" + unit.name + "' is listed twice");
    }
    units.push_back(std::move(unit));
  }
  // Projection scales the first unit by threads; it must be the CPU.
  if (units.front().kind != "cpu") {
    return FieldError(path + "[0].kind", "the first unit must be the CPU (kind 'cpu'), got '" + units.front().kind + "'");
  }
  return units;
}

Status CheckId(const std::string& id, const std::string& path) {
  const bool spelled = !id.empty() && id.size() <= 64 && id.front() != '-' &&
                       std::all_of(id.begin(), id.end(), [](char c) {
                         return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                       });
  if (spelled) return Status::Ok();
  return FieldError(path, "'" + id + "' is not a device id (up to 64 of a-z, 0-9 and '-', not starting with '-')");
}

Status CheckPowerOrder(const DeviceProfile& profile) {
  if (profile.idle_w.value > profile.typical_w.value) {
    return FieldError("idle_w", FormatNumber(profile.idle_w.value) + " W exceeds typical_w (" +
                                    FormatNumber(profile.typical_w.value) + " W)");
  }
  if (profile.typical_w.value > profile.max_w.value) {
    return FieldError("typical_w", FormatNumber(profile.typical_w.value) + " W exceeds max_w (" +
                                       FormatNumber(profile.max_w.value) + " W)");
  }
  return Status::Ok();
}

Expected<DeviceProfile> ParseFields(const json& document) {
  EB_ASSIGN_OR_RETURN(Fields fields, Fields::Open(document, ""));
  DeviceProfile profile;
  EB_ASSIGN_OR_RETURN(const std::string schema, RequireText(fields, "schema"));
  if (schema != kDeviceProfileSchema) {
    return FieldError("schema", "'" + schema + "' is not " + kDeviceProfileSchema);
  }
  EB_ASSIGN_OR_RETURN(profile.id, RequireText(fields, "id"));
  EB_RETURN_IF_ERROR(CheckId(profile.id, "id"));
  EB_ASSIGN_OR_RETURN(profile.name, RequireText(fields, "name"));
  EB_ASSIGN_OR_RETURN(const json* device_class, fields.Require("class"));
  EB_ASSIGN_OR_RETURN(profile.device_class, ReadWord(*device_class, "class", DeviceClasses()));
  EB_ASSIGN_OR_RETURN(const json* cpu, fields.Require("cpu"));
  EB_ASSIGN_OR_RETURN(profile.cpu, ReadCpu(*cpu, "cpu"));
  EB_ASSIGN_OR_RETURN(const json* units, fields.Require("units"));
  EB_ASSIGN_OR_RETURN(profile.units, ReadUnits(*units, "units"));
  EB_ASSIGN_OR_RETURN(profile.ram_bytes, RequireSourced(fields, "ram_bytes", kByteCount));
  EB_ASSIGN_OR_RETURN(profile.memory_bandwidth_gbps, RequireSourced(fields, "memory_bandwidth_gbps", kPositive));
  EB_ASSIGN_OR_RETURN(profile.flash_bytes, OptionalSourced(fields, "flash_bytes", kByteCount));
  EB_ASSIGN_OR_RETURN(profile.storage, RequireText(fields, "storage"));
  EB_ASSIGN_OR_RETURN(profile.idle_w, RequireSourced(fields, "idle_w", kNonNegative));
  EB_ASSIGN_OR_RETURN(profile.typical_w, RequireSourced(fields, "typical_w", kPositive));
  EB_ASSIGN_OR_RETURN(profile.max_w, RequireSourced(fields, "max_w", kPositive));
  EB_RETURN_IF_ERROR(CheckPowerOrder(profile));
  EB_ASSIGN_OR_RETURN(profile.price_usd, OptionalSourced(fields, "price_usd", kPositive));
  EB_ASSIGN_OR_RETURN(profile.max_model_bytes, RequireSourced(fields, "max_model_bytes", kByteCount));
  EB_ASSIGN_OR_RETURN(profile.target_latency_ms, RequireSourced(fields, "target_latency_ms", kPositive));
  EB_ASSIGN_OR_RETURN(const json* sensors, fields.Require("sensors"));
  EB_ASSIGN_OR_RETURN(profile.sensors, ReadTextList(*sensors, "sensors", &ProfileSensors()));
  if (const json* model = fields.Find("device_tree_model")) {
    EB_ASSIGN_OR_RETURN(profile.device_tree_model, ReadText(*model, "device_tree_model", /*allow_empty=*/false));
  }
  if (const json* notes = fields.Find("notes")) {
    EB_ASSIGN_OR_RETURN(profile.notes, ReadText(*notes, "notes", /*allow_empty=*/true));
  }
  EB_RETURN_IF_ERROR(fields.CheckNoOthers());
  return profile;
}

json SourcedJson(const Sourced& sourced) { return {{"value", NumberJson(sourced.value)}, {"source", sourced.source}}; }

}  // namespace

Expected<DeviceProfile> ParseDeviceProfile(const nlohmann::json& document, const std::string& origin) {
  Expected<DeviceProfile> profile = ParseFields(document);
  if (!profile.ok()) return Status(profile.status().code(), origin + ": " + profile.status().message());
  return profile;
}

nlohmann::json ToJson(const DeviceProfile& profile) {
  json units = json::array();
  for (const ComputeUnit& unit : profile.units) {
    json peaks = json::object();
    for (const PrecisionPeak& peak : unit.peaks) peaks[peak.precision] = SourcedJson(peak.gops);
    units.push_back({{"name", unit.name}, {"kind", unit.kind}, {"peaks_gops", peaks}});
  }
  json out = {
      {"schema", kDeviceProfileSchema},
      {"id", profile.id},
      {"name", profile.name},
      {"class", profile.device_class},
      {"cpu",
       {{"cores", profile.cpu.cores},
        {"microarchitecture", profile.cpu.microarchitecture},
        {"max_freq_mhz", SourcedJson(profile.cpu.max_freq_mhz)},
        {"isa_features", profile.cpu.isa_features}}},
      {"units", units},
      {"ram_bytes", SourcedJson(profile.ram_bytes)},
      {"memory_bandwidth_gbps", SourcedJson(profile.memory_bandwidth_gbps)},
      {"storage", profile.storage},
      {"idle_w", SourcedJson(profile.idle_w)},
      {"typical_w", SourcedJson(profile.typical_w)},
      {"max_w", SourcedJson(profile.max_w)},
      {"max_model_bytes", SourcedJson(profile.max_model_bytes)},
      {"target_latency_ms", SourcedJson(profile.target_latency_ms)},
      {"sensors", profile.sensors},
      {"notes", profile.notes},
  };
  if (profile.flash_bytes) out["flash_bytes"] = SourcedJson(*profile.flash_bytes);
  if (profile.price_usd) out["price_usd"] = SourcedJson(*profile.price_usd);
  if (!profile.device_tree_model.empty()) out["device_tree_model"] = profile.device_tree_model;
  return out;
}

const PrecisionPeak* BestPeak(const DeviceProfile& profile, const std::string& precision) {
  const PrecisionPeak* best = nullptr;
  for (const ComputeUnit& unit : profile.units) {
    for (const PrecisionPeak& peak : unit.peaks) {
      if (peak.precision == precision && (best == nullptr || peak.gops.value > best->gops.value)) best = &peak;
    }
  }
  return best;
}

}  // namespace edgebench
