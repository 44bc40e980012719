// Suite files with one mistake each, shared by the loader tests (the error
// must name the field) and the schema tests (JSON Schema must reject the same
// files, except for the rules it cannot express).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace edgebench::testing {

struct BadSuite {
  std::string name;
  std::string text;     // the file's contents
  std::string error;    // what LoadSuite's message says after "<file>: "
  bool schema_rejects;  // false: a rule only the C++ loader checks
};

// A valid minimal suite with `patch` merged in (RFC 7386: null removes a key).
inline std::string MinimalSuiteWith(const char* patch) {
  nlohmann::json suite = {{"schema", "edgebench.suite/1"}, {"name", "t"}, {"models", {"resnet18"}}};
  suite.merge_patch(nlohmann::json::parse(patch));
  return suite.dump(2);
}

inline std::vector<BadSuite> BadSuites() {
  const auto with = MinimalSuiteWith;
  return {
      // Not JSON: nlohmann's message, with line and column.
      {"trailing_comma",
       "{\n  \"schema\": \"edgebench.suite/1\",\n  \"name\": \"t\",\n  \"models\": [\"resnet18\"],\n}\n",
       "not valid JSON: parse error at line 5, column 1", true},
      {"comment", "// quick\n{}", "not valid JSON: parse error at line 1, column 1", true},
      {"empty_file", "", "not valid JSON: parse error at line 1, column 1", true},
      {"duplicate_key", R"({"schema": "edgebench.suite/1", "name": "a", "name": "b", "models": ["resnet18"]})",
       "not valid JSON for a suite: the key 'name' appears twice", true},
      {"duplicate_nested_key",
       R"({"schema": "edgebench.suite/1", "name": "a", "models": ["resnet18"], "run": {"seed": 1, "seed": 2}})",
       "not valid JSON for a suite: the key 'seed' in 'run' appears twice", true},
      // The top level.
      {"root_array", "[]", "must be an object, got array []", true},
      {"missing_schema", with(R"({"schema": null})"), "the required field 'schema' is missing", true},
      {"schema_version", with(R"({"schema": "edgebench.suite/2"})"),
       "schema: 'edgebench.suite/2' is not a suite schema this edgebench reads (edgebench.suite/1)", true},
      {"name_with_space", with(R"({"name": "my suite"})"), "name: 'my suite' is not a suite name", true},
      {"description_number", with(R"({"description": 5})"), "description: must be a string, got integer 5", true},
      {"unknown_key", with(R"({"descripton": "x"})"), "descripton: unknown field (did you mean 'description'?)", true},
      // Models.
      {"models_string", with(R"({"models": "resnet18"})"), "models: must be a list, got string \"resnet18\"", true},
      {"models_number", with(R"({"models": [3]})"), "models[0]: must be a string, got integer 3", true},
      {"models_empty", with(R"({"models": []})"), "models: must not be empty", true},
      {"models_typo", with(R"({"models": ["resnet81"]})"),
       "models[0]: 'resnet81' is neither a zoo model (mobilenet_v2, ", true},
      {"models_zoo_typo", with(R"({"models": ["resnet18", "zoo:resnet"]})"),
       "models[1]: 'zoo:resnet' is not a zoo model", true},
      {"models_twice", with(R"({"models": ["resnet18", "gru_kws", "resnet18"]})"),
       "models[2]: 'resnet18' is listed twice (also at [0])", true},
      {"models_key_typo", with(R"({"models": null, "modles": ["resnet18"]})"),
       "the required field 'models' is missing (found 'modles': a typo?)", true},
      // Axes.
      {"axes_array", with(R"({"axes": []})"), "axes: must be an object, got array []", true},
      {"axes_unknown_key", with(R"({"axes": {"thread": [1]}})"), "axes.thread: unknown field (did you mean 'threads'?)",
       true},
      {"precision_unknown", with(R"({"axes": {"precisions": ["fp32", "fp64"]}})"),
       "axes.precisions[1]: 'fp64' is not one of fp32, fp16, int8", true},
      {"precisions_string", with(R"({"axes": {"precisions": "fp32"}})"),
       "axes.precisions: must be a list, got string \"fp32\"", true},
      {"precisions_twice", with(R"({"axes": {"precisions": ["fp32", "int8", "fp32"]}})"),
       "axes.precisions[2]: 'fp32' is listed twice (also at [0])", true},
      {"scenario_unknown", with(R"({"axes": {"scenarios": ["server"]}})"),
       "axes.scenarios[0]: 'server' is not one of single_stream, offline, duty_cycle", true},
      {"opt_level_unknown", with(R"({"axes": {"opt_levels": ["O3"]}})"),
       "axes.opt_levels[0]: 'O3' is not one of none, basic, all", true},
      {"backend_spelling", with(R"({"axes": {"backends": ["Eigen"]}})"),
       "axes.backends[0]: 'Eigen' is not a backend name", true},
      {"threads_not_a_range", with(R"({"axes": {"threads": [1, 2, "1..x"]}})"),
       "axes.threads[2]: '1..x' is not a thread count or range", true},
      {"threads_empty_range", with(R"({"axes": {"threads": ["4-1"]}})"),
       "axes.threads[0]: '4-1' is an empty range (4 > 1)", false},
      {"threads_zero_string", with(R"({"axes": {"threads": ["0"]}})"), "axes.threads[0]: '0': thread counts start at 1",
       false},
      {"threads_zero", with(R"({"axes": {"threads": [0]}})"), "axes.threads[0]: 0: thread counts start at 1", true},
      {"threads_empty", with(R"({"axes": {"threads": []}})"), "axes.threads: must not be empty", true},
      {"batch_zero", with(R"({"axes": {"batch": [0]}})"), "axes.batch[0]: 0 is out of range [1, 4096]", true},
      {"batch_fraction", with(R"({"axes": {"batch": [1.5]}})"), "axes.batch[0]: must be an integer, got number 1.5",
       true},
      // Run rules.
      {"run_number", with(R"({"run": 5})"), "run: must be an object, got integer 5", true},
      {"run_unknown_key", with(R"({"run": {"min_time": 5}})"),
       "run.min_time: unknown field (did you mean 'min_time_ms'?)", true},
      {"min_time_negative", with(R"({"run": {"min_time_ms": -5}})"), "run.min_time_ms: -5 is out of range [0, 3600000]",
       true},
      {"max_time_zero", with(R"({"run": {"max_time_ms": 0}})"), "run.max_time_ms: 0 is out of range (0, 3600000]",
       true},
      {"min_time_over_max", with(R"({"run": {"min_time_ms": 800, "max_time_ms": 500}})"),
       "run.min_time_ms: 800 ms exceeds max_time_ms (500 ms)", false},
      {"timeout_too_short", with(R"({"run": {"timeout_s": 1}})"),
       "run.timeout_s: 1 s is shorter than warmup_min_time_ms + repetitions x max_time_ms + profile.per_op_min_time_ms = 5200 ms", false},
      {"repetitions_zero", with(R"({"run": {"repetitions": 0}})"), "run.repetitions: 0 is out of range [1, 1000]",
       true},
      {"warmup_fraction", with(R"({"run": {"warmup_iterations": 2.5}})"),
       "run.warmup_iterations: must be an integer, got number 2.5", true},
      {"min_time_string", with(R"({"run": {"min_time_ms": "300"}})"),
       "run.min_time_ms: must be a number, got string \"300\"", true},
      {"interleave_string", with(R"({"run": {"interleave": "yes"}})"),
       "run.interleave: must be true or false, got string \"yes\"", true},
      {"seed_negative", with(R"({"run": {"seed": -1}})"), "run.seed: -1 is negative", true},
      // Overrides.
      {"override_unknown_model", with(R"({"overrides": {"mobilenet_v2": {"dataset": "data"}}})"),
       "overrides.mobilenet_v2: no entry of models gives a model named 'mobilenet_v2'", false},
      {"override_unknown_file_model",
       with(R"({"models": ["models/model.v2.onnx"], "overrides": {"model.v3": {"dataset": "data"}}})"),
       "overrides[\"model.v3\"]: no entry of models gives a model named 'model.v3'", false},
      {"override_empty", with(R"({"overrides": {"resnet18": {}}})"),
       "overrides.resnet18: overrides nothing (give input_shapes, dataset, calibration or several)", true},
      {"override_key_typo", with(R"({"overrides": {"resnet18": {"datset": "data"}}})"),
       "overrides.resnet18.datset: unknown field (did you mean 'dataset'?)", true},
      {"override_dim_zero", with(R"({"overrides": {"resnet18": {"input_shapes": {"input": [1, 3, 0, 224]}}}})"),
       "overrides.resnet18.input_shapes.input[2]: 0 is out of range [1, 2147483648]", true},
      {"override_shape_string", with(R"({"overrides": {"resnet18": {"input_shapes": {"input": "1x3x224x224"}}}})"),
       "overrides.resnet18.input_shapes.input: must be a list of dims, got string \"1x3x224x224\"", true},
      {"override_dataset_number", with(R"({"overrides": {"resnet18": {"dataset": 5}}})"),
       "overrides.resnet18.dataset: must be a string, got integer 5", true},
      // run.profile (harness/suite/profile_rules.h).
      {"profile_counters_string", with(R"({"run": {"profile": {"counters": "cycles"}}})"),
       "run.profile.counters: must be a list of event names, got string \"cycles\"", true},
      {"profile_counter_twice", with(R"({"run": {"profile": {"counters": ["cycles", "cycles"]}}})"),
       "run.profile.counters[1]: 'cycles' is listed twice", true},
      {"profile_cooldown_without_threshold", with(R"({"run": {"profile": {"cooldown": {"max_wait_s": 10}}}})"),
       "run.profile.cooldown: the required field 'below_c' is missing", true},
      {"profile_per_op_iterations_zero", with(R"({"run": {"profile": {"per_op_iterations": 0}}})"),
       "run.profile.per_op_iterations: 0 is out of range [1, 1000]", true},
      {"profile_idle_zero", with(R"({"run": {"profile": {"energy_idle_ms": 0}}})"),
       "run.profile.energy_idle_ms: 0 is out of range (0, 60000]", true},
      {"profile_typo", with(R"({"run": {"profile": {"per_opp": true}}})"),
       "run.profile.per_opp: unknown field (did you mean 'per_op'?)", true},
  };
}

}  // namespace edgebench::testing
