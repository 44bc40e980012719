// The measured part of one configuration, run inside a worker process:
// cold start, first inference, warm-up, then R repetitions of the measured
// loop, keeping every per-iteration latency.
#pragma once

#include <nlohmann/json.hpp>

#include "harness/suite/suite.h"
#include "harness/sweep/run_config.h"
#include "profilers/latency/timer.h"  // NowNs

namespace edgebench {

// What a worker measures besides latency. An interleaved sweep runs each
// repetition in its own worker process (see repetition_rounds.h); the first
// round's process measures everything, the later ones latency only, so the
// per-op pass and the accuracy check are not repeated.
enum class MeasureParts { kAll, kLatencyOnly };

// Runs the configuration and returns its raw measurement: phase times, raw
// samples per repetition, memory plan figures and warnings. Errors (bad model,
// unsupported op, run failure) come back as a Status.
Expected<nlohmann::json> MeasureConfiguration(const RunConfig& config, const SuiteRunRules& rules,
                                              MeasureParts parts = MeasureParts::kAll);

}  // namespace edgebench
