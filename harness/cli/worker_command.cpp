// edgebench worker: the child-process side of a sweep. Reads one request
// {"config": ..., "rules": ..., "latency_only": bool (optional)} from stdin
// and prints one JSON reply on stdout: {"status": "ok", "measurement": ...}
// or {"status": "error", "error": ...}.
// Not for people; hidden from --help.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include <CLI/CLI.hpp>

#include "harness/cli/cli.h"
#include "harness/sweep/measure.h"

namespace edgebench::cli {
namespace {

// Test-only switches: a worker whose model name equals the first variable
// aborts, so the isolation test can prove a crash stays inside its
// configuration; one whose model equals the second hangs, so the timeout test
// does not depend on how fast this machine runs a model.
constexpr const char* kCrashSwitch = "EDGEBENCH_TEST_CRASH_MODEL";
constexpr const char* kHangSwitch = "EDGEBENCH_TEST_HANG_MODEL";

nlohmann::json Handle(const std::string& input) {
  const nlohmann::json request = nlohmann::json::parse(input, nullptr, /*allow_exceptions=*/false);
  if (request.is_discarded() || !request.is_object()) {
    return {{"status", "error"}, {"error", "bad worker request: not a JSON object"}};
  }
  auto config = RunConfigFromJson(request.value("config", nlohmann::json::object()));
  if (!config.ok()) return {{"status", "error"}, {"error", config.status().message()}};
  auto rules = ParseRunRules(request.value("rules", nlohmann::json::object()), "rules");
  if (!rules.ok()) return {{"status", "error"}, {"error", rules.status().message()}};
  const char* crash = std::getenv(kCrashSwitch);
  if (crash && config->model == crash) std::abort();
  const char* hang = std::getenv(kHangSwitch);
  if (hang && config->model == hang) {
    for (;;) ::pause();  // until the sweep's timeout kills this process
  }
  const MeasureParts parts = request.value("latency_only", false) ? MeasureParts::kLatencyOnly : MeasureParts::kAll;
  auto measured = MeasureConfiguration(*config, *rules, parts);
  if (!measured.ok()) return {{"status", "error"}, {"error", measured.status().ToString()}};
  return {{"status", "ok"}, {"measurement", std::move(measured).value()}};
}

}  // namespace

void AddWorkerCommand(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand("worker", "Run one configuration from a JSON request on stdin (internal)");
  cmd->group("");  // hidden
  cmd->callback([exit_code] {
    std::string input;
    char buf[4096];
    for (size_t n; (n = std::fread(buf, 1, sizeof(buf), stdin)) > 0;) input.append(buf, n);
    std::printf("%s\n", Handle(input).dump().c_str());
    *exit_code = kExitOk;
  });
}

}  // namespace edgebench::cli
