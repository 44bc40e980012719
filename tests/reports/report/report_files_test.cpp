// report.md and report.html from the committed real quick.json run, with
// hand-made chart files (the charts themselves are reports/charts' to test).
#include "reports/report/report_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "reports/report/html_report.h"
#include "reports/report/report_text.h"
#include "runtime/core/file_io.h"
#include "tests/reports/report/report_fixtures.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

namespace fs = std::filesystem;

std::vector<ChartFile> HandMadeCharts(const std::string& out_dir) {
  std::vector<ChartFile> charts = {
      {"latency_cdf_mobilenet_v2", "latency_cdf", "Latency CDF: mobilenet_v2", "measured p50 and tail", "", ""},
      {"hardware_selection_mobilenet_v2", "hardware_selection", "Hardware selection: mobilenet_v2",
       "projected latency and estimated energy per device", "", ""}};
  fs::create_directories(fs::path(out_dir) / "charts");
  for (ChartFile& c : charts) {
    c.png_path = "charts/" + c.id + ".png";
    c.svg_path = "charts/" + c.id + ".svg";
    testing::WriteFile((fs::path(out_dir) / c.png_path).string(), testing::TinyPngBytes());
  }
  return charts;
}

struct Written {
  std::string dir;
  std::vector<ChartFile> charts;
  std::string markdown;
  std::string html;
};

Written WriteFor(ReportInput input) {
  Written w;
  w.dir = testing::MakeTempDir("report_files");
  w.charts = HandMadeCharts(w.dir);
  Expected<ReportFiles> files = WriteReportFiles(input, w.charts, w.dir);
  EXPECT_TRUE(files.ok()) << files.status().ToString();
  if (!files.ok()) return w;
  w.markdown = ReadFileBytes(files->markdown_path).value();
  w.html = ReadFileBytes(files->html_path).value();
  return w;
}

ReportInput QuickInput() {
  Expected<ReportInput> input = ReadReportInput({testing::QuickResultsPath()}, "");
  EXPECT_TRUE(input.ok()) << input.status().ToString();
  return input.ok() ? *input : ReportInput{};
}

// Every unsupported reason in the fixture.
std::vector<std::string> NotRunReasons(const ReportInput& input) {
  std::vector<std::string> reasons;
  for (const auto& r : input.runs[0].doc["results"]) {
    if (r["status"] != "ok") reasons.push_back(r["error"].get<std::string>());
  }
  return reasons;
}

void ExpectNoInventedFigures(const std::string& text) {
  static const std::regex kBad(R"(\b(nan|NaN|inf|Inf|INF|null|undefined)\b)");
  std::smatch m;
  EXPECT_FALSE(std::regex_search(text, m, kBad)) << "found '" << m.str() << "' near: "
                                                  << text.substr(m.position() > 80 ? m.position() - 80 : 0, 200);
}

TEST(ReportFilesTest, MarkdownOpensWithTheKeyTableAndHasEverySection) {
  const ReportInput input = QuickInput();
  const Written w = WriteFor(input);
  const std::string& md = w.markdown;
  const size_t key = md.find("## Key table");
  ASSERT_NE(key, std::string::npos);
  // Nothing but the title and the summary line comes before the key table.
  EXPECT_EQ(md.find("\n## "), key - 1);
  EXPECT_LT(key, md.find("## Runs"));
  EXPECT_LT(md.find("## Runs"), md.find("## Configurations\n"));
  EXPECT_LT(md.find("## Configurations\n"), md.find("## Configurations that did not run"));
  EXPECT_LT(md.find("## Configurations that did not run"), md.find("## Charts"));
  // One detail table per model, the measuring host's row labelled measured.
  for (const char* model : {"mobilenet_v2", "resnet18", "squeezenet1_1", "ds_cnn_kws", "accel_cnn1d", "gru_kws",
                            "mlp_autoencoder", "transformer_encoder"}) {
    EXPECT_NE(md.find(std::string("### ") + model + "\n"), std::string::npos) << model;
  }
  EXPECT_NE(md.find("AMD EPYC (this machine, 2 cores) (x86-ipc): measured here"), std::string::npos);
  EXPECT_NE(md.find(" projected |"), std::string::npos);
  EXPECT_NE(md.find(" estimated |"), std::string::npos);
  // i.MX 8M Plus has no price in its profile: unknown, with the reason in a note.
  EXPECT_NE(md.find("the device profile gives no price"), std::string::npos);
  EXPECT_NE(md.find("none within budget; nearest miss: projected latency"), std::string::npos);
  EXPECT_NE(md.find("none fits: arena+scratch"), std::string::npos);
  for (const ChartFile& c : w.charts) {
    EXPECT_NE(md.find("](" + c.png_path + ")"), std::string::npos) << c.id;
    EXPECT_NE(md.find(c.caption), std::string::npos) << c.id;
  }
  for (const std::string& reason : NotRunReasons(input)) {
    EXPECT_NE(md.find(EscapeMarkdown(reason)), std::string::npos) << reason;
  }
  // 40 unsupported configurations collapse to their three reasons.
  EXPECT_NE(md.find("| **unsupported** | precision 'fp16' is not implemented in the bundled runtime yet (fp32 only) | 16 |"),
            std::string::npos);
  ExpectNoInventedFigures(md);
  // The p50 confidence interval is unknown for 2 samples; the note says why.
  EXPECT_NE(md.find("too few samples for a distribution-free 95% interval"), std::string::npos);
  fs::remove_all(w.dir);
}

TEST(ReportFilesTest, HtmlIsSelfContainedAndEmbedsEveryChart) {
  const ReportInput input = QuickInput();
  const Written w = WriteFor(input);
  const std::string& html = w.html;
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src=\"charts/"), std::string::npos);
  const std::string embedded = "data:image/png;base64," + Base64(testing::TinyPngBytes());
  size_t images = 0;
  for (size_t at = html.find(embedded); at != std::string::npos; at = html.find(embedded, at + 1)) ++images;
  EXPECT_EQ(images, w.charts.size());
  for (const ChartFile& c : w.charts) EXPECT_NE(html.find(c.caption), std::string::npos) << c.id;
  for (const std::string& reason : NotRunReasons(input)) {
    EXPECT_NE(html.find(EscapeHtml(reason)), std::string::npos) << reason;
  }
  const size_t key = html.find("<h2 id=\"key-table\">");
  ASSERT_NE(key, std::string::npos);
  EXPECT_EQ(html.find("<h2"), key);
  EXPECT_NE(html.find("<nav class=\"toc\">"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"num\""), std::string::npos);
  ExpectNoInventedFigures(html);
  fs::remove_all(w.dir);
}

TEST(ReportFilesTest, TextFromResultsIsEscapedInBothReports) {
  ReportInput input = QuickInput();
  auto& results = input.runs[0].doc["results"];
  const std::string hostile = "<script>alert(1)</script>|`x`*y*";
  for (auto& r : results) {
    if (r["config"]["model"] == "mobilenet_v2") r["config"]["model"] = hostile;
  }
  results.push_back(testing::MakeUnsupportedResult("evil", "int8", "bad | pipe <b>bold</b> & `tick`"));
  const Written w = WriteFor(input);
  EXPECT_EQ(w.html.find("<script"), std::string::npos);
  EXPECT_NE(w.html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(w.html.find("<b>bold"), std::string::npos);
  EXPECT_NE(w.html.find("bad | pipe &lt;b&gt;bold&lt;/b&gt; &amp; `tick`"), std::string::npos);
  EXPECT_EQ(w.markdown.find("<script"), std::string::npos);
  EXPECT_NE(w.markdown.find("&lt;script&gt;alert(1)&lt;/script&gt;\\|\\`x\\`\\*y\\*"), std::string::npos);
  EXPECT_NE(w.markdown.find("bad \\| pipe &lt;b&gt;bold&lt;/b&gt; &amp; \\`tick\\`"), std::string::npos);
  fs::remove_all(w.dir);
}

TEST(ReportFilesTest, AMalformedResultIsAnErrorNotACrash) {
  ReportInput input = QuickInput();
  input.runs[0].doc["results"][0]["energy"]["joules_per_inference"] = "lots";
  const std::string dir = testing::MakeTempDir("report_files_bad");
  Expected<ReportFiles> files = WriteReportFiles(input, {}, dir);
  ASSERT_FALSE(files.ok());
  const std::string message = files.status().message();
  EXPECT_NE(message.find("quick_results.json"), std::string::npos) << message;
  EXPECT_NE(message.find("mobilenet_v2|fp32|ref|t1"), std::string::npos) << message;
  EXPECT_NE(message.find("energy.joules_per_inference"), std::string::npos) << message;
  EXPECT_FALSE(fs::exists(fs::path(dir) / "report.html"));
  fs::remove_all(dir);
}

TEST(ReportFilesTest, AMissingChartFileNamesIt) {
  const std::string dir = testing::MakeTempDir("report_files_missing_chart");
  ChartFile chart{"energy_x", "energy", "Energy", "estimated", "charts/energy_x.png", "charts/energy_x.svg"};
  Expected<ReportFiles> files = WriteReportFiles(QuickInput(), {chart}, dir);
  ASSERT_FALSE(files.ok());
  EXPECT_NE(files.status().message().find("energy_x.png"), std::string::npos) << files.status().ToString();
  fs::remove_all(dir);
}

TEST(ReportFilesTest, Base64MatchesTheRfc4648Vectors) {
  EXPECT_EQ(Base64(""), "");
  EXPECT_EQ(Base64("f"), "Zg==");
  EXPECT_EQ(Base64("fo"), "Zm8=");
  EXPECT_EQ(Base64("foo"), "Zm9v");
  EXPECT_EQ(Base64("foob"), "Zm9vYg==");
  EXPECT_EQ(Base64("fooba"), "Zm9vYmE=");
  EXPECT_EQ(Base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64(std::string("\xff\x00\x80", 3)), "/wCA");
}

}  // namespace
}  // namespace edgebench
