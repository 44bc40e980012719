// The measured part of one configuration, run inside a worker process:
// cold start, first inference, warm-up, then R repetitions of the measured
// loop, keeping every per-iteration latency.
#pragma once

#include <nlohmann/json.hpp>

#include "harness/suite/suite.h"
#include "harness/sweep/run_config.h"
#include "profilers/latency/timer.h"  // NowNs

namespace edgebench {


// Runs the configuration and returns its raw measurement: phase times, raw
// samples per repetition, memory plan figures and warnings. Errors (bad model,
// unsupported op, run failure) come back as a Status.
Expected<nlohmann::json> MeasureConfiguration(const RunConfig& config, const SuiteRunRules& rules);

}  // namespace edgebench
