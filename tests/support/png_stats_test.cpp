#include "tests/support/png_stats.h"

#include <string>

#include <gtest/gtest.h>

#include "tests/support/tiny_models.h"

namespace edgebench::testing {
namespace {

// A 4x2 RGB PNG written by PIL: white, with three red pixels.
constexpr char kFourByTwoPng[] =
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x04\x00\x00\x00\x02\x08\x02"
    "\x00\x00\x00\xf0\xca\xea\x34\x00\x00\x00\x23\x49\x44\x41\x54\x78\xda\x63\x3c\x21\x27\xc7\xc0\xc0\x60\xfe"
    "\xf0\x21\x03\x03\x03\xe3\xff\xff\xff\x19\x18\x18\x18\x18\x18\x4e\xca\xcb\x03\x00\x5f\xba\x07\x04\x9a\xfc"
    "\x33\x5d\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

TEST(PngStatsTest, CountsColoursAndInkOfAKnownImage) {
  const std::string dir = MakeTempDir("eb_png_stats_test_");
  const std::string path = dir + "/four_by_two.png";
  WriteFile(path, std::string(kFourByTwoPng, sizeof(kFourByTwoPng) - 1));
  const Expected<PngStats> stats = ReadPngStats(path);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->width, 4);
  EXPECT_EQ(stats->height, 2);
  EXPECT_EQ(stats->distinct_colors, 2);
  EXPECT_DOUBLE_EQ(stats->non_background_fraction, 3.0 / 8.0);
}

TEST(PngStatsTest, MissingFileIsAnErrorNamingIt) {
  const std::string path = MakeTempDir("eb_png_stats_test_") + "/absent.png";
  const Expected<PngStats> stats = ReadPngStats(path);
  ASSERT_FALSE(stats.ok());
  EXPECT_NE(stats.status().message().find(path), std::string::npos) << stats.status().ToString();
}

TEST(PngStatsTest, TextFileIsNotAPng) {
  const std::string path = MakeTempDir("eb_png_stats_test_") + "/not_a.png";
  WriteFile(path, "just text\n");
  const Expected<PngStats> stats = ReadPngStats(path);
  ASSERT_FALSE(stats.ok());
  EXPECT_NE(stats.status().message().find(path), std::string::npos) << stats.status().ToString();
}

}  // namespace
}  // namespace edgebench::testing
