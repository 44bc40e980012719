// A suite (suites/*.json, schema edgebench.suite/1): the models to run, the
// axes to sweep and the rules for measuring each configuration. Loading
// validates everything a file can get wrong and names the field at fault by
// its JSON path; what depends on the machine (thread counts, globs) is
// expanded at plan time. suites/schema/suite.schema.json describes the same
// format, defaults included; the schema test checks that the two agree.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "harness/suite/model_entry.h"
#include "harness/suite/precision_rules.h"
#include "harness/suite/profile_rules.h"
#include "harness/suite/thread_spec.h"
#include "runtime/core/status.h"

namespace edgebench {

inline constexpr char kSuiteSchema[] = "edgebench.suite/1";

// The values of the enumerated axes.
const std::vector<std::string>& SuitePrecisions();  // fp32, fp16, int8
const std::vector<std::string>& SuiteOptLevels();   // none, basic, all
const std::vector<std::string>& SuiteScenarios();   // single_stream, offline, duty_cycle

// The sweep is the cartesian product of the models and these axes.
struct SuiteAxes {
  std::vector<std::string> precisions = {"fp32"};
  std::vector<std::string> backends = {"ref"};
  // As written (validated): ints and range strings; see ExpandThreads.
  nlohmann::json threads = nlohmann::json::array({1});
  std::vector<int64_t> batch = {1};
  std::vector<std::string> opt_levels = {"all"};
  std::vector<std::string> scenarios = {"single_stream"};
};

// How each configuration is measured (issue 3, "Running a configuration").
struct SuiteRunRules {
  int warmup_iterations = 3;
  double warmup_min_time_ms = 100;
  int min_iterations = 10;
  double min_time_ms = 500;           // stop once both min_iterations and min_time_ms are reached...
  double max_time_ms = 5000;          // ...or max_time_ms has passed
  int repetitions = 1;                // of the measured phase, so run-to-run variance shows
  double timeout_s = 120;             // per configuration, load to last repetition
  double duty_cycle_period_ms = 100;  // duty_cycle scenario: one inference every period
  bool interleave = false;            // shuffled order by `seed`, repetitions in rounds (repetition_rounds.h)
  uint64_t seed = 42;                 // interleaving and synthetic inputs
  ProfileRules profile;               // beyond latency: per-op, counters, thermal, energy
  PrecisionRules precision;           // fp16/int8: quantization, calibration, accuracy deltas
};

struct Suite {
  std::string name;
  std::string description;
  std::vector<ModelEntry> models;
  SuiteAxes axes;
  SuiteRunRules run;
  std::map<std::string, ModelOverride> overrides;  // by model name
  std::string source;                              // the label it was parsed with (the file's path)
};

// Validates a parsed document. `label` prefixes every error
// ("suites/quick.json: axes.threads[2]: ...") and, taken as a path, anchors
// relative model and dataset paths at its folder.
Expected<Suite> ParseSuite(const nlohmann::json& document, const std::string& label);
// Reads, parses (strict JSON: no comments, no duplicate keys) and validates.
Expected<Suite> LoadSuite(const std::string& path);

// The suite with every default filled in and paths made absolute: what a
// sweep ran, for its results. ParseSuite reads it back to the same suite.
nlohmann::json ToJson(const Suite& suite);
// The "run" object alone: also the measurement rules a worker process receives.
nlohmann::json ToJson(const SuiteRunRules& run);
Expected<SuiteRunRules> ParseRunRules(const nlohmann::json& value, const std::string& path);

// The suite's models as files, with their overrides attached; see
// ResolveModelEntries. Zoo models are <zoo_dir>/<name>.onnx.
Expected<std::vector<ModelRef>> ResolveModels(const Suite& suite, const std::string& zoo_dir);

// What the command line may change. Empty lists and unset values leave the
// suite's own; given ones replace them whole and are validated like the file.
struct SuiteOverrides {
  std::vector<std::string> models;  // entries as in the file; relative to the working directory
  std::vector<std::string> precisions;
  std::vector<std::string> backends;
  std::vector<std::string> threads;  // "1", "1-4", "1..max", "max"
  std::vector<int64_t> batch;
  std::optional<int> repetitions;
  std::optional<double> min_time_ms;
  std::optional<double> max_time_ms;
  std::optional<uint64_t> seed;
  std::vector<std::string> counters;  // --counters a,b,c: hardware events by libpfm4 name
  std::optional<bool> per_op;         // --per-op / --no-per-op
  std::optional<double> cooldown_below_c;
};

// Errors name the option ("--threads[1]: ...") and leave `suite` unchanged.
Status ApplyCliOverrides(Suite& suite, const SuiteOverrides& overrides);

}  // namespace edgebench
