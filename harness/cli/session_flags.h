// Flags shared by every command that opens a model: backend, batch, shapes.
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
};

void AddSessionFlags(CLI::App& command, SessionFlags* flags);
Expected<SessionOptions> ToSessionOptions(const SessionFlags& flags);
// "1x3x224x224" -> {1, 3, 224, 224}.
Expected<Shape> ParseShape(const std::string& text);

}  // namespace edgebench::cli
