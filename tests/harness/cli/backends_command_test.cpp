// `edgebench backends`: every backend of the registry, its kernels on this
// host and threading, as a table and as JSON; a bad EDGEBENCH_NATIVE_ISA is
// a note, not a failure.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "runtime/backends/backend.h"
#include "runtime/backends/native/native_backend.h"

namespace edgebench {
namespace {

// The command's stdout; empty when it did not exit with 0.
std::string EdgebenchStdout(const std::string& args, const std::string& env = "") {
  const std::string cmd = env + " " + EDGEBENCH_BINARY + " " + args + " 2>/dev/null";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return "";
  std::string out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof(buf), pipe)) > 0;) out.append(buf, n);
  const int status = pclose(pipe);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? out : "";
}

TEST(BackendsCommandTest, JsonListsEveryBackendWithItsKernels) {
  const auto listed = nlohmann::json::parse(EdgebenchStdout("backends --json"), nullptr, false);
  ASSERT_TRUE(listed.is_array()) << listed.dump();
  ASSERT_EQ(listed.size(), BackendNames().size());
  for (size_t i = 0; i < listed.size(); ++i) {
    const nlohmann::json& b = listed[i];
    EXPECT_EQ(b["name"], BackendNames()[i]);
    EXPECT_TRUE(b["variant"].is_string());
    EXPECT_EQ(b["multithreaded"].get<bool>(), (*FindBackend(BackendNames()[i]))->multithreaded());
    EXPECT_FALSE(b.contains("note")) << b.dump();
    if (b["name"] == "native") {
      EXPECT_EQ(b["variant"].get<std::string>().rfind(NativeIsaName(), 0), 0u);
    }
  }
}

TEST(BackendsCommandTest, TextHasOneLinePerBackend) {
  const std::string text = EdgebenchStdout("backends");
  ASSERT_EQ(text.rfind("backend  threads  kernels\n", 0), 0u) << text;
  EXPECT_NE(text.find("ref      one      ref\n"), std::string::npos) << text;
  EXPECT_NE(text.find("eigen    many     eigen "), std::string::npos) << text;
  EXPECT_NE(text.find(std::string("native   many     ") + NativeIsaName()), std::string::npos) << text;
}

TEST(BackendsCommandTest, UnknownIsaIsANote) {
  const std::string text = EdgebenchStdout("backends", "EDGEBENCH_NATIVE_ISA=bogus");
  EXPECT_NE(text.find("note: native: EDGEBENCH_NATIVE_ISA"), std::string::npos) << text;
  const auto listed = nlohmann::json::parse(EdgebenchStdout("backends --json", "EDGEBENCH_NATIVE_ISA=bogus"),
                                            nullptr, false);
  ASSERT_TRUE(listed.is_array());
  bool noted = false;
  for (const auto& b : listed) noted = noted || (b["name"] == "native" && b.contains("note"));
  EXPECT_TRUE(noted) << listed.dump();
}

}  // namespace
}  // namespace edgebench
