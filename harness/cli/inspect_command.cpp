// edgebench inspect MODEL.onnx [--json] [--no-layers] [--opt-level none|basic|all]
#include <cstdio>

#include <CLI/CLI.hpp>

#include "harness/cli/cli.h"
#include "harness/cli/session_flags.h"
#include "harness/inspect/model_summary.h"

namespace edgebench::cli {
namespace {

struct InspectFlags {
  std::string model;
  bool json = false;
  bool no_layers = false;
  SessionFlags session;
};

Status RunInspect(const InspectFlags& flags) {
  EB_ASSIGN_OR_RETURN(SessionOptions options, ToSessionOptions(flags.session));
  EB_ASSIGN_OR_RETURN(auto model, LoadModelAtOptLevel(flags.model, flags.session));
  EB_ASSIGN_OR_RETURN(auto session, Session::Create(model, options));
  const ModelSummary summary = SummarizeModel(*session);
  if (flags.json) {
    std::printf("%s\n", ToJson(summary).dump(2).c_str());
  } else {
    std::printf("%s", FormatSummary(summary, !flags.no_layers).c_str());
  }
  return Status::Ok();
}

}  // namespace

void AddInspectCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<InspectFlags>();
  CLI::App* cmd = app.add_subcommand(
      "inspect", "Show a model's inputs, outputs, opset, ops, parameters, MACs/FLOPs, memory plan and layers");
  cmd->add_option("model", flags->model, "ONNX model file")->required();
  cmd->add_flag("--json", flags->json, "Print JSON instead of tables");
  cmd->add_flag("--no-layers", flags->no_layers, "Omit the per-layer table");
  AddSessionFlags(*cmd, &flags->session);
  // The model file as written unless asked: inspect describes what was given.
  flags->session.opt_level = "none";
  AddOptLevelFlag(*cmd, &flags->session);
  cmd->callback([flags, exit_code] { *exit_code = ReportStatus(RunInspect(*flags)); });
}

}  // namespace edgebench::cli
