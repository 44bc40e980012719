#include "harness/cli/session_flags.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "harness/zoo/zoo.h"
#include "tests/support/tiny_models.h"

namespace edgebench::cli {
namespace {

TEST(SessionFlagsTest, LoadModelAtOptLevelRunsThePassesOfTheLevel) {
  const std::string dir = testing::MakeTempDir("eb_session_flags_");
  auto built = zoo::BuildZoo(dir, {"ds_cnn_kws"});
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  SessionFlags flags;
  flags.opt_level = "none";
  auto none = LoadModelAtOptLevel(built->at(0), flags);
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  flags.opt_level = "all";
  auto all = LoadModelAtOptLevel(built->at(0), flags);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_LT((*all)->graph.nodes.size(), (*none)->graph.nodes.size());
  flags.opt_level = "extended";
  auto bad = LoadModelAtOptLevel(built->at(0), flags);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("'extended'"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace edgebench::cli
