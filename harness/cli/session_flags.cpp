#include "harness/cli/session_flags.h"

#include <CLI/CLI.hpp>
#include <onnx/onnx_pb.h>

#include <filesystem>

#include "runtime/passes/graph_optimizer.h"
#include "runtime/quant/onnx_model_edit.h"

namespace edgebench::cli {

void AddSessionFlags(CLI::App& command, SessionFlags* flags) {
  command.add_option("--backend", flags->backend, "Backend that runs the nodes (ref)")->capture_default_str();
  command.add_option("--batch", flags->batch, "Binds a symbolic leading input dim")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command.add_option("--shape", flags->shapes, "Full input shape, NAME=1x3x224x224 (repeatable)");
}

void AddOptLevelFlag(CLI::App& command, SessionFlags* flags) {
  command.add_option("--opt-level", flags->opt_level, "Graph passes before the run: none, basic or all")
      ->check(CLI::IsMember({"none", "basic", "all"}))
      ->capture_default_str();
}

Expected<std::shared_ptr<const Model>> LoadModelAtOptLevel(const std::string& path, const SessionFlags& flags) {
  EB_ASSIGN_OR_RETURN(const OptLevel level, ParseOptLevel(flags.opt_level));
  if (level == OptLevel::kNone) return LoadModel(path);
  EB_ASSIGN_OR_RETURN(onnx::ModelProto proto, ReadModelProto(path));
  EB_RETURN_IF_ERROR(OptimizeModel(proto, level, nullptr, PassOptionsFor(flags.backend)).WithContext(path));
  return LoadModelFromBytes(proto.SerializeAsString(), std::filesystem::path(path).parent_path().string(),
                            path + " (opt level " + flags.opt_level + ")");
}

Expected<Shape> ParseShape(const std::string& text) {
  Shape shape;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find('x', start), text.size());
    const std::string dim = text.substr(start, end - start);
    if (dim.empty() || dim.find_first_not_of("0123456789") != std::string::npos || dim.size() > 12) {
      return InvalidArgument("bad shape '" + text + "': expected dims like 1x3x224x224");
    }
    shape.push_back(std::stoll(dim));
    start = end + 1;
  }
  return shape;
}

Expected<SessionOptions> ToSessionOptions(const SessionFlags& flags) {
  SessionOptions options;
  options.backend = flags.backend;
  options.batch = flags.batch;
  for (const std::string& s : flags.shapes) {
    const size_t eq = s.rfind('=');
    if (eq == std::string::npos || eq == 0) return InvalidArgument("bad --shape '" + s + "': expected NAME=DIMS");
    EB_ASSIGN_OR_RETURN(Shape shape, ParseShape(s.substr(eq + 1)));
    options.input_shapes[s.substr(0, eq)] = shape;
  }
  return options;
}

}  // namespace edgebench::cli
