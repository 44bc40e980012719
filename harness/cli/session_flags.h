// Flags shared by every command that opens a model: backend, batch, shapes,
// and the opt level of the graph passes.
#pragma once

#include <string>
#include <vector>

#include "runtime/session/session.h"

namespace CLI {
class App;
}

namespace edgebench::cli {

struct SessionFlags {
  std::string backend = "ref";
  int64_t batch = 1;
  std::vector<std::string> shapes;  // "NAME=1x3x224x224"
  std::string opt_level = "all";    // runtime/passes/graph_optimizer.h
};

void AddSessionFlags(CLI::App& command, SessionFlags* flags);
// --opt-level, for commands that load their model with LoadModelAtOptLevel.
void AddOptLevelFlag(CLI::App& command, SessionFlags* flags);
// Reads `path` and runs the graph passes of flags.opt_level before loading;
// at "none" the model loads as it is.
Expected<std::shared_ptr<const Model>> LoadModelAtOptLevel(const std::string& path, const SessionFlags& flags);
Expected<SessionOptions> ToSessionOptions(const SessionFlags& flags);
// "1x3x224x224" -> {1, 3, 224, 224}.
Expected<Shape> ParseShape(const std::string& text);

}  // namespace edgebench::cli
