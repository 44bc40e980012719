#include "harness/suite/suite.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "harness/suite/json_object.h"
#include "runtime/core/file_io.h"

namespace edgebench {

namespace {

using nlohmann::json;

// Bounds beyond any sensible suite: they catch unit mistakes (seconds written
// as milliseconds) and bound the samples a worker keeps in memory.
constexpr int64_t kMaxBatch = 4096;
constexpr int64_t kMaxDim = int64_t{1} << 31;
constexpr int64_t kMaxWarmupIterations = 1'000'000;
constexpr int64_t kMaxIterations = 10'000'000;
constexpr int64_t kMaxRepetitions = 1000;
constexpr NumberRange kTimeMs = {0, 3'600'000};  // up to an hour
constexpr NumberRange kPositiveTimeMs = {0, 3'600'000, /*min_exclusive=*/true};
constexpr NumberRange kTimeoutS = {0, 86'400, /*min_exclusive=*/true};
constexpr size_t kMaxSuiteBytes = size_t{1} << 20;
constexpr size_t kMaxNameChars = 64;

using NameCheck = Status (*)(const std::string& value, const std::string& path);

Status CheckOneOf(const std::string& value, const std::vector<std::string>& allowed, const std::string& path) {
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return Status::Ok();
  std::string names;
  for (const std::string& name : allowed) names += (names.empty() ? "" : ", ") + name;
  return FieldError(path, "'" + value + "' is not one of " + names);
}

Status CheckPrecision(const std::string& value, const std::string& path) {
  return CheckOneOf(value, SuitePrecisions(), path);
}
Status CheckOptLevel(const std::string& value, const std::string& path) {
  return CheckOneOf(value, SuiteOptLevels(), path);
}
Status CheckScenario(const std::string& value, const std::string& path) {
  return CheckOneOf(value, SuiteScenarios(), path);
}

// Backends are open-ended (the planner lists unknown ones as unsupported), so
// only the spelling is checked: lower-case letters, digits and '_'.
Status CheckBackend(const std::string& value, const std::string& path) {
  const bool spelled = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
  if (spelled) return Status::Ok();
  return FieldError(path, "'" + value + "' is not a backend name (lower-case letters, digits and '_')");
}

// Suite names end up in result files and folder names.
Status CheckSuiteName(const std::string& value, const std::string& path) {
  const auto allowed = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  };
  if (!value.empty() && value.size() <= kMaxNameChars && std::isalnum(static_cast<unsigned char>(value[0])) &&
      std::all_of(value.begin(), value.end(), allowed)) {
    return Status::Ok();
  }
  return FieldError(path, "'" + value + "' is not a suite name (up to " + std::to_string(kMaxNameChars) +
                              " letters, digits, '_', '-' or '.', starting with a letter or digit)");
}

// A non-empty list of distinct strings, each passing `check`.
Expected<std::vector<std::string>> ReadNames(const json& list, const std::string& path, NameCheck check) {
  if (!list.is_array()) return FieldError(path, "must be a list, got " + DescribeJson(list));
  std::vector<std::string> names;
  for (size_t i = 0; i < list.size(); ++i) {
    EB_ASSIGN_OR_RETURN(std::string name, ReadString(list[i], JsonPathIndex(path, i)));
    EB_RETURN_IF_ERROR(check(name, JsonPathIndex(path, i)));
    names.push_back(std::move(name));
  }
  EB_RETURN_IF_ERROR(CheckNonEmptyUnique(list, path));
  return names;
}

Expected<std::vector<int64_t>> ReadBatchSizes(const json& list, const std::string& path) {
  if (!list.is_array()) return FieldError(path, "must be a list, got " + DescribeJson(list));
  std::vector<int64_t> sizes;
  for (size_t i = 0; i < list.size(); ++i) {
    EB_ASSIGN_OR_RETURN(const int64_t size, ReadInt(list[i], JsonPathIndex(path, i), 1, kMaxBatch));
    sizes.push_back(size);
  }
  EB_RETURN_IF_ERROR(CheckNonEmptyUnique(list, path));
  return sizes;
}

// Validates every entry now; the machine's count is only known at plan time.
Status CheckThreads(const json& list, const std::string& path) {
  if (!list.is_array()) return FieldError(path, "must be a list, got " + DescribeJson(list));
  if (list.empty()) return FieldError(path, "must not be empty");
  for (size_t i = 0; i < list.size(); ++i) {
    EB_RETURN_IF_ERROR(ParseThreadSpec(list[i], JsonPathIndex(path, i)).status());
  }
  return Status::Ok();
}

Status ParseAxes(const json& value, const std::string& path, SuiteAxes* axes) {
  EB_ASSIGN_OR_RETURN(JsonObject object, JsonObject::Open(value, path));
  const auto read_names = [&object](const char* key, NameCheck check, std::vector<std::string>* out) -> Status {
    const json* list = object.Find(key);
    if (list == nullptr) return Status::Ok();
    EB_ASSIGN_OR_RETURN(*out, ReadNames(*list, object.PathOf(key), check));
    return Status::Ok();
  };
  EB_RETURN_IF_ERROR(read_names("precisions", CheckPrecision, &axes->precisions));
  EB_RETURN_IF_ERROR(read_names("backends", CheckBackend, &axes->backends));
  if (const json* threads = object.Find("threads")) {
    EB_RETURN_IF_ERROR(CheckThreads(*threads, object.PathOf("threads")));
    axes->threads = *threads;
  }
  if (const json* batch = object.Find("batch")) {
    EB_ASSIGN_OR_RETURN(axes->batch, ReadBatchSizes(*batch, object.PathOf("batch")));
  }
  EB_RETURN_IF_ERROR(read_names("opt_levels", CheckOptLevel, &axes->opt_levels));
  EB_RETURN_IF_ERROR(read_names("scenarios", CheckScenario, &axes->scenarios));
  return object.CheckNoUnknownKeys();
}

// The rules that involve more than one field.
Status CheckRunRules(const SuiteRunRules& run, const std::string& path) {
  if (run.min_time_ms > run.max_time_ms) {
    return FieldError(
        JsonPathKey(path, "min_time_ms"),
        FormatJsonNumber(run.min_time_ms) + " ms exceeds max_time_ms (" + FormatJsonNumber(run.max_time_ms) + " ms)");
  }
  // A timeout shorter than the longest measurement turns slow models into
  // timeouts instead of results stopped by max_time_ms.
  const double per_op_ms = run.profile.per_op ? run.profile.per_op_min_time_ms : 0;
  const double longest_ms = run.warmup_min_time_ms + run.repetitions * run.max_time_ms + per_op_ms;
  if (run.timeout_s * 1000 < longest_ms) {
    const std::string message =
        FormatJsonNumber(run.timeout_s) + " s is shorter than warmup_min_time_ms + repetitions x max_time_ms" +
        (per_op_ms > 0 ? " + profile.per_op_min_time_ms" : "") + " = " + FormatJsonNumber(longest_ms) + " ms";
    return FieldError(JsonPathKey(path, "timeout_s"), message);
  }
  return Status::Ok();
}

Status ReadRunRules(const json& value, const std::string& path, SuiteRunRules* run) {
  EB_ASSIGN_OR_RETURN(JsonObject object, JsonObject::Open(value, path));
  EB_RETURN_IF_ERROR(object.Read("warmup_iterations", 0, kMaxWarmupIterations, &run->warmup_iterations));
  EB_RETURN_IF_ERROR(object.Read("warmup_min_time_ms", kTimeMs, &run->warmup_min_time_ms));
  EB_RETURN_IF_ERROR(object.Read("min_iterations", 1, kMaxIterations, &run->min_iterations));
  EB_RETURN_IF_ERROR(object.Read("min_time_ms", kTimeMs, &run->min_time_ms));
  EB_RETURN_IF_ERROR(object.Read("max_time_ms", kPositiveTimeMs, &run->max_time_ms));
  EB_RETURN_IF_ERROR(object.Read("repetitions", 1, kMaxRepetitions, &run->repetitions));
  EB_RETURN_IF_ERROR(object.Read("timeout_s", kTimeoutS, &run->timeout_s));
  EB_RETURN_IF_ERROR(object.Read("duty_cycle_period_ms", kPositiveTimeMs, &run->duty_cycle_period_ms));
  EB_RETURN_IF_ERROR(object.Read("interleave", &run->interleave));
  EB_RETURN_IF_ERROR(object.Read("seed", &run->seed));
  if (const json* profile = object.Find("profile")) {
    EB_ASSIGN_OR_RETURN(run->profile, ParseProfileRules(*profile, object.PathOf("profile")));
  }
  if (const json* precision = object.Find("precision")) {
    EB_ASSIGN_OR_RETURN(run->precision, ParsePrecisionRules(*precision, object.PathOf("precision")));
  }
  EB_RETURN_IF_ERROR(object.CheckNoUnknownKeys());
  return CheckRunRules(*run, path);
}

Status ParseInputShapes(const json& value, const std::string& path, ModelOverride* model) {
  if (!value.is_object() || value.empty()) {
    return FieldError(path, "must be an object of input name -> dims, got " + DescribeJson(value));
  }
  for (const auto& [input, dims] : value.items()) {
    const std::string dims_path = JsonPathKey(path, input);
    if (!dims.is_array()) return FieldError(dims_path, "must be a list of dims, got " + DescribeJson(dims));
    std::vector<int64_t>& shape = model->input_shapes[input];
    for (size_t i = 0; i < dims.size(); ++i) {
      EB_ASSIGN_OR_RETURN(const int64_t dim, ReadInt(dims[i], JsonPathIndex(dims_path, i), 1, kMaxDim));
      shape.push_back(dim);
    }
  }
  return Status::Ok();
}

Expected<ModelOverride> ParseModelOverride(const json& value, const std::string& path, const std::string& base_dir) {
  EB_ASSIGN_OR_RETURN(JsonObject object, JsonObject::Open(value, path));
  ModelOverride model;
  if (const json* shapes = object.Find("input_shapes")) {
    EB_RETURN_IF_ERROR(ParseInputShapes(*shapes, object.PathOf("input_shapes"), &model));
  }
  if (const json* dataset = object.Find("dataset")) {
    EB_ASSIGN_OR_RETURN(const std::string folder, ReadString(*dataset, object.PathOf("dataset")));
    if (folder.empty()) return FieldError(object.PathOf("dataset"), "must not be empty");
    EB_ASSIGN_OR_RETURN(model.dataset, ResolvePath(base_dir, folder));
  }
  if (const json* calibration = object.Find("calibration")) {
    EB_ASSIGN_OR_RETURN(const std::string folder, ReadString(*calibration, object.PathOf("calibration")));
    if (folder.empty()) return FieldError(object.PathOf("calibration"), "must not be empty");
    EB_ASSIGN_OR_RETURN(model.calibration, ResolvePath(base_dir, folder));
  }
  EB_RETURN_IF_ERROR(object.CheckNoUnknownKeys());
  if (model.input_shapes.empty() && model.dataset.empty() && model.calibration.empty()) {
    return FieldError(path, "overrides nothing (give input_shapes, dataset, calibration or several)");
  }
  return model;
}

// Keys are model names, checked against what the models entries can name so
// that a misspelt model does not silently lose its overrides.
Status ParseOverrides(const json& value, const std::string& path, const std::string& base_dir, Suite* suite) {
  if (!value.is_object()) {
    return FieldError(path, "must be an object of model name -> override, got " + DescribeJson(value));
  }
  for (const auto& [name, entry] : value.items()) {
    const std::string entry_path = JsonPathKey(path, name);
    const bool named = std::any_of(suite->models.begin(), suite->models.end(),
                                   [&name = name](const ModelEntry& model) { return ModelEntryCanName(model, name); });
    if (!named) return FieldError(entry_path, "no entry of models gives a model named '" + name + "'");
    EB_ASSIGN_OR_RETURN(suite->overrides[name], ParseModelOverride(entry, entry_path, base_dir));
  }
  return Status::Ok();
}

Expected<std::vector<ModelEntry>> ParseModels(const json& list, const std::string& path, const std::string& base_dir) {
  if (!list.is_array()) return FieldError(path, "must be a list, got " + DescribeJson(list));
  std::vector<ModelEntry> models;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string entry_path = JsonPathIndex(path, i);
    EB_ASSIGN_OR_RETURN(const std::string text, ReadString(list[i], entry_path));
    EB_ASSIGN_OR_RETURN(ModelEntry entry, ParseModelEntry(text, base_dir, entry_path));
    models.push_back(std::move(entry));
  }
  EB_RETURN_IF_ERROR(CheckNonEmptyUnique(list, path));
  return models;
}

Expected<Suite> ParseSuiteFields(const json& document, const std::string& base_dir) {
  EB_ASSIGN_OR_RETURN(JsonObject object, JsonObject::Open(document, ""));
  Suite suite;
  EB_ASSIGN_OR_RETURN(const json* schema, object.Require("schema"));
  EB_ASSIGN_OR_RETURN(const std::string schema_name, ReadString(*schema, "schema"));
  if (schema_name != kSuiteSchema) {
    return FieldError("schema", "'" + schema_name + "' is not a suite schema this edgebench reads (" +
                                    std::string(kSuiteSchema) + ")");
  }
  EB_ASSIGN_OR_RETURN(const json* name, object.Require("name"));
  EB_ASSIGN_OR_RETURN(suite.name, ReadString(*name, "name"));
  EB_RETURN_IF_ERROR(CheckSuiteName(suite.name, "name"));
  EB_RETURN_IF_ERROR(object.Read("description", &suite.description));
  EB_ASSIGN_OR_RETURN(const json* models, object.Require("models"));
  EB_ASSIGN_OR_RETURN(suite.models, ParseModels(*models, "models", base_dir));
  if (const json* axes = object.Find("axes")) EB_RETURN_IF_ERROR(ParseAxes(*axes, "axes", &suite.axes));
  if (const json* run = object.Find("run")) EB_RETURN_IF_ERROR(ReadRunRules(*run, "run", &suite.run));
  if (const json* overrides = object.Find("overrides")) {
    EB_RETURN_IF_ERROR(ParseOverrides(*overrides, "overrides", base_dir, &suite));
  }
  EB_RETURN_IF_ERROR(object.CheckNoUnknownKeys());
  return suite;
}

// nlohmann's parser, strict: no comments, and a key given twice in one object
// is an error rather than the last one silently winning.
Expected<json> ParseStrictJson(const std::string& text) {
  struct Frame {
    std::set<std::string> keys;
    std::string last_key;
  };
  std::vector<Frame> objects;
  std::string duplicate;
  const json::parser_callback_t callback = [&](int /*depth*/, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::object_start) objects.emplace_back();
    if (event == json::parse_event_t::object_end) objects.pop_back();
    if (event == json::parse_event_t::key && duplicate.empty()) {
      Frame& frame = objects.back();
      frame.last_key = parsed.get<std::string>();
      if (!frame.keys.insert(frame.last_key).second) {
        const std::string parent = objects.size() > 1 ? objects[objects.size() - 2].last_key : "";
        duplicate = "'" + frame.last_key + "'" + (parent.empty() ? "" : " in '" + parent + "'");
      }
    }
    return true;
  };
  json document;
  try {
    document = json::parse(text, callback, /*allow_exceptions=*/true, /*ignore_comments=*/false);
  } catch (const json::parse_error& e) {
    // what() is "[json.exception.parse_error.101] parse error at line 3, column 5: ...".
    const std::string what = e.what();
    const size_t start = what.find("] ");
    return InvalidArgument("not valid JSON: " + (start == std::string::npos ? what : what.substr(start + 2)));
  }
  if (!duplicate.empty()) return InvalidArgument("not valid JSON for a suite: the key " + duplicate + " appears twice");
  return document;
}

json ToJson(const SuiteAxes& axes) {
  return {{"precisions", axes.precisions}, {"backends", axes.backends},     {"threads", axes.threads},
          {"batch", axes.batch},           {"opt_levels", axes.opt_levels}, {"scenarios", axes.scenarios}};
}

json RunRulesJson(const SuiteRunRules& run) {
  return {{"warmup_iterations", run.warmup_iterations},
          {"warmup_min_time_ms", run.warmup_min_time_ms},
          {"min_iterations", run.min_iterations},
          {"min_time_ms", run.min_time_ms},
          {"max_time_ms", run.max_time_ms},
          {"repetitions", run.repetitions},
          {"timeout_s", run.timeout_s},
          {"duty_cycle_period_ms", run.duty_cycle_period_ms},
          {"interleave", run.interleave},
          {"seed", run.seed},
          {"profile", ToJson(run.profile)},
          {"precision", ToJson(run.precision)}};
}

}  // namespace

json ToJson(const SuiteRunRules& run) { return RunRulesJson(run); }

Expected<SuiteRunRules> ParseRunRules(const json& value, const std::string& path) {
  SuiteRunRules run;
  EB_RETURN_IF_ERROR(ReadRunRules(value, path, &run));
  return run;
}

const std::vector<std::string>& SuitePrecisions() {
  static const std::vector<std::string> kPrecisions = {"fp32", "fp16", "int8"};
  return kPrecisions;
}

const std::vector<std::string>& SuiteOptLevels() {
  static const std::vector<std::string> kOptLevels = {"none", "basic", "all"};
  return kOptLevels;
}

const std::vector<std::string>& SuiteScenarios() {
  static const std::vector<std::string> kScenarios = {"single_stream", "offline", "duty_cycle"};
  return kScenarios;
}

Expected<Suite> ParseSuite(const nlohmann::json& document, const std::string& label) {
  Expected<Suite> suite = ParseSuiteFields(document, std::filesystem::path(label).parent_path().string());
  if (!suite.ok()) return suite.status().WithContext(label);
  suite->source = label;
  return suite;
}

Expected<Suite> LoadSuite(const std::string& path) {
  Expected<std::string> text = ReadFileBytes(path, kMaxSuiteBytes);
  if (!text.ok()) return text.status().WithContext("cannot read suite");
  Expected<json> document = ParseStrictJson(*text);
  if (!document.ok()) return document.status().WithContext(path);
  return ParseSuite(*document, path);
}

nlohmann::json ToJson(const Suite& suite) {
  json models = json::array();
  for (const ModelEntry& entry : suite.models) {
    models.push_back(entry.kind == ModelEntryKind::kZoo ? "zoo:" + entry.value : entry.value);
  }
  json overrides = json::object();
  for (const auto& [name, model] : suite.overrides) {
    json& out = overrides[name];
    if (!model.input_shapes.empty()) out["input_shapes"] = model.input_shapes;
    if (!model.dataset.empty()) out["dataset"] = model.dataset;
    if (!model.calibration.empty()) out["calibration"] = model.calibration;
  }
  return {{"schema", kSuiteSchema}, {"name", suite.name},         {"description", suite.description},
          {"models", models},       {"axes", ToJson(suite.axes)}, {"run", RunRulesJson(suite.run)},
          {"overrides", overrides}};
}

Expected<std::vector<ModelRef>> ResolveModels(const Suite& suite, const std::string& zoo_dir) {
  Expected<std::vector<ModelRef>> refs = ResolveModelEntries(suite.models, zoo_dir);
  if (!refs.ok()) return refs.status().WithContext(suite.source);
  for (ModelRef& ref : *refs) {
    const auto it = suite.overrides.find(ref.name);
    if (it != suite.overrides.end()) ref.overrides = it->second;
  }
  return refs;
}

Status ApplyCliOverrides(Suite& suite, const SuiteOverrides& overrides) {
  Suite updated = suite;  // all or nothing
  if (!overrides.models.empty()) {
    EB_ASSIGN_OR_RETURN(updated.models, ParseModels(json(overrides.models), "--models", /*base_dir=*/""));
  }
  if (!overrides.precisions.empty()) {
    EB_ASSIGN_OR_RETURN(updated.axes.precisions, ReadNames(json(overrides.precisions), "--precisions", CheckPrecision));
  }
  if (!overrides.backends.empty()) {
    EB_ASSIGN_OR_RETURN(updated.axes.backends, ReadNames(json(overrides.backends), "--backends", CheckBackend));
  }
  if (!overrides.threads.empty()) {
    updated.axes.threads = json(overrides.threads);
    EB_RETURN_IF_ERROR(CheckThreads(updated.axes.threads, "--threads"));
  }
  if (!overrides.batch.empty()) {
    EB_ASSIGN_OR_RETURN(updated.axes.batch, ReadBatchSizes(json(overrides.batch), "--batch"));
  }
  if (overrides.repetitions) {
    EB_ASSIGN_OR_RETURN(const int64_t repetitions,
                        ReadInt(json(*overrides.repetitions), "--repetitions", 1, kMaxRepetitions));
    updated.run.repetitions = static_cast<int>(repetitions);
  }
  if (overrides.min_time_ms) {
    EB_ASSIGN_OR_RETURN(updated.run.min_time_ms, ReadNumber(json(*overrides.min_time_ms), "--min-time", kTimeMs));
  }
  if (overrides.max_time_ms) {
    EB_ASSIGN_OR_RETURN(updated.run.max_time_ms,
                        ReadNumber(json(*overrides.max_time_ms), "--max-time", kPositiveTimeMs));
  }
  if (overrides.seed) updated.run.seed = *overrides.seed;
  if (!overrides.counters.empty() || overrides.per_op || overrides.cooldown_below_c) {
    json profile = ToJson(updated.run.profile);
    if (!overrides.counters.empty()) profile["counters"] = overrides.counters;
    if (overrides.per_op) profile["per_op"] = *overrides.per_op;
    if (overrides.cooldown_below_c) {
      if (!profile.contains("cooldown")) profile["cooldown"] = json::object();
      profile["cooldown"]["below_c"] = *overrides.cooldown_below_c;
    }
    EB_ASSIGN_OR_RETURN(updated.run.profile, ParseProfileRules(profile, "command line"));
  }
  EB_RETURN_IF_ERROR(CheckRunRules(updated.run, "run").WithContext("with the command-line overrides"));
  suite = std::move(updated);
  return Status::Ok();
}

}  // namespace edgebench
