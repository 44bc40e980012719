// Interleaved repetitions: Google Benchmark's random interleaving, one level
// up. With the suite's `interleave`, repetition k of every configuration runs
// in round k, each in its own worker process, the configurations in an order
// shuffled afresh per round. A machine that slows down for a few seconds (this
// shared VM does, by 50%) then touches one repetition of a configuration, not
// all of them, so compare's repetition rule calls the change noise instead of
// a regression; a fresh process per repetition also resamples what is fixed
// for a process's life (its memory layout, the core it was scheduled on).
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "harness/suite/suite.h"
#include "harness/sweep/run_config.h"
#include "harness/sweep/worker_process.h"

namespace edgebench {

// The worker request for round `round` (0-based) of a configuration: one
// repetition, and after the first round latency only.
nlohmann::json RoundRequest(const RunConfig& config, const SuiteRunRules& rules, int round);

// Whether the configuration goes on to its next round: the worker finished and
// replied "ok".
bool RoundSucceeded(const WorkerOutcome& outcome);

// A failed round as the configuration's outcome, its error naming the round.
WorkerOutcome FailedRound(WorkerOutcome outcome, int round, int rounds);

// One configuration's rounds, every one RoundSucceeded, as one outcome: round
// 1's measurement with every round's repetition in round order, the wall times
// summed, later rounds' warnings added once (a "repetition 0" of round k
// renamed repetition k), counters and energy scoped to
// round 1, and a "rounds" object saying which figures come from round 1.
// `rounds` must not be empty.
WorkerOutcome MergeRounds(const std::vector<WorkerOutcome>& rounds);

}  // namespace edgebench
