// The run history: a JSONL file (one JSON object per line, schema
// edgebench.history/1) that collects a summary of each run, so `report` can
// draw trends without keeping every results.json. Appending never rewrites
// earlier lines, so a history kept in a repository diffs one line per run.
//
// A line:
//   {"schema": "edgebench.history/1",
//    "source": "<results.json path as given>",
//    "run": {"id", "started", "finished", "suite", "git_sha", "edgebench_version"},
//    "host": {"cpu_model"}, "device": {"id", "mode"},
//    "results": [{"config_key", "config": {...as in results.json}, "status",
//                 "latency_ms": {"count", "mean", "p50", "p90", "p99", "p50_ci95"},
//                 "throughput_ips",
//                 "memory": {"weights_bytes", "peak_activation_bytes", "rss_peak_bytes"},
//                 "energy": {"kind", "joules_per_inference"}}]}
// Fields missing from the results file are missing from the line: a summary
// never invents a figure.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/core/status.h"

namespace edgebench {

constexpr const char* kHistorySchema = "edgebench.history/1";

// The history line for one results document (already through ReadResultsJson).
nlohmann::json HistoryEntry(const nlohmann::json& results_doc, const std::string& source);

// Appends one line, creating the file (and nothing else) when absent.
Status AppendHistory(const std::string& path, const nlohmann::json& entry);

// Every line, oldest first. A line that is not a history entry is an error
// naming the file and the line number; blank lines are skipped.
Expected<std::vector<nlohmann::json>> ReadHistory(const std::string& path);

}  // namespace edgebench
