// The edgebench command line: one file per subcommand, each registering
// itself on the CLI11 app. Only this layer turns a Status into an exit code.
#pragma once

#include "runtime/core/status.h"

namespace CLI {
class App;
}

namespace edgebench::cli {

// Exit codes shared by every command.
constexpr int kExitOk = 0;
constexpr int kExitInternal = 1;
constexpr int kExitBadInput = 2;

int RunCli(int argc, char** argv);
// Prints the error to stderr and maps its code to an exit code.
int ReportStatus(const Status& status);

// Each subcommand sets `*exit_code` when it runs.
void AddInspectCommand(CLI::App& app, int* exit_code);
void AddInferCommand(CLI::App& app, int* exit_code);
void AddZooCommand(CLI::App& app, int* exit_code);
void AddRunCommand(CLI::App& app, int* exit_code);
void AddWorkerCommand(CLI::App& app, int* exit_code);
void AddDevicesCommand(CLI::App& app, int* exit_code);
void AddReportCommand(CLI::App& app, int* exit_code);
void AddCompareCommand(CLI::App& app, int* exit_code);
void AddBaselineCommand(CLI::App& app, int* exit_code);
void AddHistoryCommand(CLI::App& app, int* exit_code);
void AddQuantizeCommand(CLI::App& app, int* exit_code);
void AddBackendsCommand(CLI::App& app, int* exit_code);

}  // namespace edgebench::cli
