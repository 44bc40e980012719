// Opens report.html (with the real charts) in headless Chromium and checks
// that what a person would see is not blank.
#include <gtest/gtest.h>

#include <filesystem>

#include "reports/report/write_report.h"
#include "tests/reports/report/report_fixtures.h"
#include "tests/support/png_stats.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

namespace fs = std::filesystem;

constexpr char kChromium[] = "/usr/bin/chromium";

TEST(HtmlScreenshotTest, TheReportRendersInChromium) {
  if (!fs::exists(kChromium)) GTEST_SKIP() << kChromium << " missing (scripts/install-deps.sh installs chromium)";
  const std::string dir = testing::MakeTempDir("eb_report_shot_");
  Expected<ReportInput> input = ReadReportInput({testing::QuickResultsPath()}, "");
  ASSERT_TRUE(input.ok()) << input.status().ToString();
  Expected<ReportFiles> files = WriteReport(*input, dir + "/report");
  ASSERT_TRUE(files.ok()) << files.status().ToString();

  const std::string shot = dir + "/shot.png";
  // A throwaway profile and a timeout, so a stuck browser cannot hang the suite.
  const std::string cmd = std::string("timeout 60 ") + kChromium +
                          " --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run"
                          " --user-data-dir=" + dir + "/profile --window-size=1280,2400 --screenshot=" + shot +
                          " file://" + fs::absolute(files->html_path).string() + " >" + dir + "/chromium.log 2>&1";
  const int status = std::system(cmd.c_str());
  ASSERT_EQ(status, 0) << cmd << " (see " << dir << "/chromium.log)";
  Expected<testing::PngStats> stats = testing::ReadPngStats(shot);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->width, 1280);
  EXPECT_EQ(stats->height, 2400);
  // Text, zebra rows, borders and the embedded charts: many colours, much ink.
  EXPECT_GT(stats->distinct_colors, 100);
  EXPECT_GT(stats->non_background_fraction, 0.05);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace edgebench
