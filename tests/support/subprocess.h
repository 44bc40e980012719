// Tests that run the edgebench binary or Debian's python3-jsonschema.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace edgebench::testing {

// Runs `edgebench <args>` (output discarded) with `env` assignments in front;
// the exit code, or -1 when it did not exit normally.
int RunEdgebench(const std::string& args, const std::string& env = "");

// suites/schema/validate.py's verdict per file: "ok" or "invalid: ...".
// `schema` is a schema file; empty means the suite schema. Expects (gtest)
// one verdict per file.
std::map<std::string, std::string> SchemaVerdicts(const std::vector<std::string>& files, const std::string& work_dir,
                                                  const std::string& schema = "");

// Whether python3-jsonschema is installed (scripts/install-deps.sh installs it).
bool HaveJsonschema();

}  // namespace edgebench::testing
