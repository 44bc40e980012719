// Runs one configuration in a child process (the same binary's `worker`
// subcommand), so that a crash, a leak or a stray thread cannot taint the
// next configuration. The request goes in on stdin, the result comes back as
// JSON on stdout.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace edgebench {

struct WorkerOutcome {
  std::string status;  // "ok", "error" or "timeout"
  std::string error;   // why, for error and timeout
  nlohmann::json reply;  // the worker's JSON, for ok
  double wall_s = 0;
};

// `binary` is the edgebench executable. A worker that exits non-zero, dies on
// a signal, prints no valid JSON or outlives `timeout_s` (then killed) becomes
// an error or timeout outcome; this function itself never fails.
WorkerOutcome RunWorker(const std::string& binary, const nlohmann::json& request, double timeout_s);

// The running executable (/proc/self/exe), for spawning workers.
std::string SelfExecutable();

}  // namespace edgebench
