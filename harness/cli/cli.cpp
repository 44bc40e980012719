#include "harness/cli/cli.h"

#include <cstdio>

#include <CLI/CLI.hpp>

namespace edgebench::cli {

int ReportStatus(const Status& status) {
  if (status.ok()) return kExitOk;
  std::fprintf(stderr, "edgebench: %s\n", status.ToString().c_str());
  return status.code() == ErrorCode::kInternal ? kExitInternal : kExitBadInput;
}

int RunCli(int argc, char** argv) {
  CLI::App app{"edgebench: hardware-aware benchmarking and profiling of edge-AI inference"};
  app.require_subcommand(1);
  app.set_version_flag("--version", EDGEBENCH_VERSION);
  int exit_code = kExitOk;
  AddInspectCommand(app, &exit_code);
  AddInferCommand(app, &exit_code);
  AddZooCommand(app, &exit_code);
  AddRunCommand(app, &exit_code);
  AddWorkerCommand(app, &exit_code);
  AddDevicesCommand(app, &exit_code);
  AddReportCommand(app, &exit_code);
  AddCompareCommand(app, &exit_code);
  AddBaselineCommand(app, &exit_code);
  AddHistoryCommand(app, &exit_code);
  AddQuantizeCommand(app, &exit_code);
  AddBackendsCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  }
  return exit_code;
}

}  // namespace edgebench::cli
