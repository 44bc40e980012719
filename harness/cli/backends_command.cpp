// edgebench backends [--json]: each backend the binary has, the kernels it
// runs on this host (native's ISA level, eigen's version) and whether they
// use the thread pool. The ops each runs are not listed: a backend decides
// per node from its types, shapes and attributes (Backend::Find), and a
// session's "kernels" and "ops" in a result say what actually ran.
#include <cstdio>
#include <memory>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "harness/cli/cli.h"
#include "harness/sweep/backend_kernels.h"
#include "runtime/backends/backend.h"

namespace edgebench::cli {
namespace {

Status RunBackends(bool json) {
  nlohmann::json all = nlohmann::json::array();
  std::string notes;
  std::printf("%s", json ? "" : "backend  threads  kernels\n");
  for (const std::string& name : BackendNames()) {
    EB_ASSIGN_OR_RETURN(const Backend* backend, FindBackend(name));
    const BackendKernels k = DescribeBackendKernels(*backend);
    nlohmann::json one = {{"name", k.backend}, {"variant", k.variant}, {"multithreaded", k.multithreaded}};
    if (!k.note.empty()) {
      one["note"] = k.note;
      notes += "note: " + k.backend + ": " + k.note + "\n";
    }
    all.push_back(std::move(one));
    if (!json) std::printf("%-8s %-8s %s\n", k.backend.c_str(), k.multithreaded ? "many" : "one", k.variant.c_str());
  }
  if (json) {
    std::printf("%s\n", all.dump(2).c_str());
  } else {
    std::printf("%s", notes.c_str());
  }
  return Status::Ok();
}

}  // namespace

void AddBackendsCommand(CLI::App& app, int* exit_code) {
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("backends", "List the backends, their kernels on this host and threading");
  cmd->add_flag("--json", *json, "Print JSON: [{name, variant, multithreaded[, note]}]");
  cmd->callback([json, exit_code] { *exit_code = ReportStatus(RunBackends(*json)); });
}

}  // namespace edgebench::cli
