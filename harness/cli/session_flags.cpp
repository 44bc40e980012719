#include "harness/cli/session_flags.h"

#include <CLI/CLI.hpp>

namespace edgebench::cli {

void AddSessionFlags(CLI::App& command, SessionFlags* flags) {
  command.add_option("--backend", flags->backend, "Backend that runs the nodes (ref)")->capture_default_str();
  command.add_option("--batch", flags->batch, "Binds a symbolic leading input dim")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command.add_option("--shape", flags->shapes, "Full input shape, NAME=1x3x224x224 (repeatable)");
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
