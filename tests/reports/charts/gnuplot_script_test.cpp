#include "reports/charts/gnuplot_script.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "tests/support/png_stats.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

TEST(GnuplotScriptTest, WritesPngAndSvgFromInlineData) {
  const std::string dir = testing::MakeTempDir("eb_gnuplot_ok_");
  GnuplotScript script;
  script.width = 640;
  script.height = 400;
  script.data = DataBlock("$points", {{"1", "2"}, {"2", "3"}, {"3", "5"}});
  script.body = "set title " + GnuplotQuote("it's a_test") + "\nplot $points using 1:2 with linespoints title 'series'\n";
  ASSERT_TRUE(RenderGnuplot("tiny", script, dir).ok());
  const Expected<testing::PngStats> png = testing::ReadPngStats(dir + "/tiny.png");
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  EXPECT_EQ(png->width, 640);
  EXPECT_EQ(png->height, 400);
  EXPECT_GT(std::filesystem::file_size(dir + "/tiny.svg"), 100u);
}

TEST(GnuplotScriptTest, RejectedScriptIsAnErrorWithGnuplotsMessage) {
  const std::string dir = testing::MakeTempDir("eb_gnuplot_bad_");
  GnuplotScript script;
  // Long enough that gnuplot quits while the script is still being written.
  script.data = DataBlock("$filler", std::vector<std::vector<std::string>>(20000, {"1", "2"}));
  script.body = "plot $no_such_block using 1:2\n";
  const Status status = RenderGnuplot("broken_chart", script, dir);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("broken_chart"), std::string::npos) << status.ToString();
  EXPECT_NE(status.message().find("no datablock named $no_such_block"), std::string::npos) << status.ToString();
}

TEST(GnuplotScriptTest, QuotesAndNumbers) {
  EXPECT_EQ(GnuplotQuote("it's"), "'it''s'");
  EXPECT_EQ(GnuplotNumber(0.5), "0.5");
  EXPECT_EQ(GnuplotNumber(1.0 / 0.0), "NaN");
  EXPECT_EQ(DataText("a \"b\""), "\"a 'b'\"");
}

}  // namespace
}  // namespace edgebench
