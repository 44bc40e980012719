// edgebench zoo list | zoo build [--out DIR] [--model NAME ...] [--seed N]
#include <cstdio>

#include <CLI/CLI.hpp>

#include "harness/cli/cli.h"
#include "harness/zoo/zoo.h"

namespace edgebench::cli {
namespace {

struct ZooBuildFlags {
  std::string out = "zoo";
  std::vector<std::string> models;
  uint64_t seed = 42;
};

Status RunZooList() {
  for (const zoo::ZooModel& m : zoo::Models()) {
    std::printf("%-22s %-28s %s\n", m.name, m.task, m.description);
  }
  return Status::Ok();
}

Status RunZooBuild(const ZooBuildFlags& flags) {
  for (const std::string& name : flags.models) {
    if (!zoo::FindModel(name)) return InvalidArgument("no zoo model named '" + name + "' (see `edgebench zoo list`)");
  }
  EB_ASSIGN_OR_RETURN(auto paths, zoo::BuildZoo(flags.out, flags.models, flags.seed));
  for (const std::string& p : paths) std::printf("wrote %s\n", p.c_str());
  return Status::Ok();
}

}  // namespace

void AddZooCommand(CLI::App& app, int* exit_code) {
  CLI::App* zoo_cmd = app.add_subcommand("zoo", "The built-in model zoo (deterministic weights, no downloads)");
  zoo_cmd->require_subcommand(1);
  CLI::App* list = zoo_cmd->add_subcommand("list", "List the zoo's models");
  list->callback([exit_code] { *exit_code = ReportStatus(RunZooList()); });

  auto flags = std::make_shared<ZooBuildFlags>();
  CLI::App* build = zoo_cmd->add_subcommand("build", "Write the zoo's models as .onnx files");
  build->add_option("--out", flags->out, "Output folder")->capture_default_str();
  build->add_option("--model", flags->models, "Only these models (repeatable)");
  build->add_option("--seed", flags->seed, "Weight seed")->capture_default_str();
  build->callback([flags, exit_code] { *exit_code = ReportStatus(RunZooBuild(*flags)); });
}

}  // namespace edgebench::cli
