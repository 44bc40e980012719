#include "tests/support/subprocess.h"

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>

namespace edgebench::testing {

constexpr char kPython[] = "/usr/bin/python3";

int RunEdgebench(const std::string& args, const std::string& env) {
  const std::string cmd = env + " " + EDGEBENCH_BINARY + " " + args + " >/dev/null 2>&1";
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::map<std::string, std::string> SchemaVerdicts(const std::vector<std::string>& files, const std::string& work_dir,
                                                  const std::string& schema) {
  const std::string out = work_dir + "/verdicts.txt";
  std::string cmd = std::string(kPython) + " " + EDGEBENCH_SOURCE_DIR + "/suites/schema/validate.py";
  if (!schema.empty()) cmd += " --schema '" + schema + "'";
  for (const std::string& file : files) cmd += " '" + file + "'";
  cmd += " >'" + out + "' 2>&1";
  const int status = std::system(cmd.c_str());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) <= 1) << cmd;
  std::map<std::string, std::string> verdicts;
  std::string printed;
  std::ifstream in(out);
  for (std::string line; std::getline(in, line);) {
    printed += line + "\n";
    for (const std::string& file : files) {
      if (line.rfind(file + ": ", 0) == 0) verdicts[file] = line.substr(file.size() + 2);
    }
  }
  EXPECT_EQ(verdicts.size(), files.size()) << "validate.py printed:\n" << printed;
  return verdicts;
}

bool HaveJsonschema() {
  const std::string cmd = std::string(kPython) + " -c 'import jsonschema' >/dev/null 2>&1";
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace edgebench::testing
