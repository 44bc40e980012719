#include "reports/charts/chart_set.h"

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "reports/history/history_file.h"
#include "runtime/core/file_io.h"
#include "reports/results/results_reader.h"
#include "tests/support/png_stats.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

using nlohmann::json;

std::string FixturePath() { return std::string(EDGEBENCH_SOURCE_DIR) + "/tests/data/reports/quick_results.json"; }

json Fixture() {
  Expected<json> doc = ReadResultsJson(FixturePath());
  EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  return doc.ok() ? doc.value() : json::object();
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Each SVG's root element and size through Python's XML parser (a malformed
// file prints "error"): "path {http://www.w3.org/2000/svg}svg 960 540".
std::map<std::string, std::string> SvgRoots(const std::vector<std::string>& paths, const std::string& work_dir) {
  const std::string script = work_dir + "/svg_roots.py";
  testing::WriteFile(script,
                     "import sys, xml.etree.ElementTree as ET\n"
                     "for p in sys.argv[1:]:\n"
                     "    try:\n"
                     "        r = ET.parse(p).getroot()\n"
                     "        print(p, r.tag, r.get('width'), r.get('height'))\n"
                     "    except Exception as e:\n"
                     "        print(p, 'error', type(e).__name__)\n");
  std::string cmd = "/usr/bin/python3 '" + script + "'";
  for (const std::string& p : paths) cmd += " '" + p + "'";
  const std::string out = work_dir + "/svg_roots.txt";
  cmd += " >'" + out + "' 2>&1";
  const int status = std::system(cmd.c_str());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << ReadText(out);
  std::map<std::string, std::string> roots;
  std::istringstream lines(ReadText(out));
  for (std::string line; std::getline(lines, line);) {
    const size_t space = line.find(' ');
    if (space != std::string::npos) roots[line.substr(0, space)] = line.substr(space + 1);
  }
  return roots;
}

// Every chart: a PNG with ink but not all ink, the same size as its SVG; the
// SVG well-formed, <svg> at the root, with the chart's title in it.
void ExpectChartsReadable(const std::vector<ChartFile>& charts, const std::string& out_dir) {
  std::vector<std::string> svgs;
  for (const ChartFile& chart : charts) svgs.push_back(out_dir + "/" + chart.svg_path);
  const std::map<std::string, std::string> roots = SvgRoots(svgs, out_dir);
  for (const ChartFile& chart : charts) {
    SCOPED_TRACE(chart.id);
    EXPECT_EQ(chart.png_path, "charts/" + chart.id + ".png");
    EXPECT_EQ(chart.svg_path, "charts/" + chart.id + ".svg");
    EXPECT_FALSE(chart.caption.empty());
    const Expected<testing::PngStats> png = testing::ReadPngStats(out_dir + "/" + chart.png_path);
    ASSERT_TRUE(png.ok()) << png.status().ToString();
    EXPECT_GE(png->width, 640);
    EXPECT_LE(png->width, 4000);
    EXPECT_GE(png->height, 320);
    EXPECT_LE(png->height, 4000);
    EXPECT_GT(png->distinct_colors, 16) << "anti-aliased text and several series give many colours";
    EXPECT_GT(png->non_background_fraction, 0.01) << "nearly blank";
    EXPECT_LT(png->non_background_fraction, 0.5) << "mostly ink";

    const std::string svg_path = out_dir + "/" + chart.svg_path;
    ASSERT_TRUE(roots.count(svg_path)) << "no verdict for " << svg_path;
    EXPECT_EQ(roots.at(svg_path),
              "{http://www.w3.org/2000/svg}svg " + std::to_string(png->width) + " " + std::to_string(png->height));
    EXPECT_NE(ReadText(svg_path).find(chart.title), std::string::npos) << "title not in the SVG: " << chart.title;
  }
}

std::vector<std::string> Ids(const std::vector<ChartFile>& charts) {
  std::vector<std::string> ids;
  for (const ChartFile& chart : charts) ids.push_back(chart.id);
  return ids;
}

TEST(ChartSetTest, DrawsEveryChartOfTheQuickFixture) {
  ReportInput input;
  input.runs.push_back({FixturePath(), Fixture()});
  const std::string out = testing::MakeTempDir("eb_charts_fixture_");
  const Expected<std::vector<ChartFile>> charts = RenderCharts(input, out);
  ASSERT_TRUE(charts.ok()) << charts.status().ToString();

  const std::vector<std::string> models = {"mobilenet_v2", "resnet18",   "squeezenet1_1",   "ds_cnn_kws",
                                           "accel_cnn1d",  "gru_kws",    "mlp_autoencoder", "transformer_encoder"};
  std::vector<std::string> expected = {"latency_vs_threads", "precision_comparison"};
  for (const std::string& m : models) expected.push_back("latency_cdf_" + m);
  expected.insert(expected.end(), {"memory_breakdown", "energy"});
  for (const std::string& m : models) expected.push_back("op_breakdown_" + m);
  for (const std::string& m : models) expected.push_back("hardware_selection_" + m);
  EXPECT_EQ(Ids(*charts), expected) << "one run and no history: no trend";

  ExpectChartsReadable(*charts, out);

  std::map<std::string, const ChartFile*> by_id;
  for (const ChartFile& chart : *charts) by_id[chart.id] = &chart;
  // The fixture's threads > 1 and fp16/int8 did not run: said, with the reasons.
  EXPECT_NE(by_id["latency_vs_threads"]->caption.find("40 configurations not drawn"), std::string::npos);
  EXPECT_NE(by_id["latency_vs_threads"]->caption.find("backend 'ref' is single-threaded"), std::string::npos);
  // Accuracy is unavailable for every result: unknown with the reason, no bar.
  EXPECT_NE(by_id["precision_comparison"]->caption.find("accuracy deltas are not measured by this version"),
            std::string::npos);
  EXPECT_NE(by_id["energy"]->title.find("estimated"), std::string::npos);
  EXPECT_NE(by_id["energy"]->caption.find("Energy unknown for 40 configurations"), std::string::npos);
  EXPECT_NE(by_id["hardware_selection_mobilenet_v2"]->caption.find("Price unknown"), std::string::npos);
}

// The fixture with one model only, so a test draws few charts and stays fast.
json OneModel(const std::string& model) {
  json doc = Fixture();
  json kept = json::array();
  for (const json& r : doc["results"]) {
    if (r["config"]["model"] == model) kept.push_back(r);
  }
  doc["results"] = kept;
  return doc;
}

// Test data, not a measurement: the fixture's ok ds_cnn_kws result copied
// into the slots of configurations that did not run (fp16 and int8 at one
// thread, fp32 at two), with made-up latencies, one measured energy and one
// accuracy figure, so the multi-series paths are drawn.
json SyntheticRun(const std::string& id, double scale) {
  json doc = OneModel("ds_cnn_kws");
  doc["run"]["id"] = id;
  doc["run"]["started"] = id;
  json ok_result;
  for (const json& r : doc["results"]) {
    if (r["config"]["model"] == "ds_cnn_kws" && r["status"] == "ok") ok_result = r;
  }
  for (json& r : doc["results"]) {
    if (r["config"]["model"] != "ds_cnn_kws") continue;
    const std::string precision = r["config"]["precision"];
    const int threads = r["config"]["threads"];
    double factor = scale;
    if (r["status"] == "ok") {
      for (json& s : r["latency_ms"]["samples"]) s = s.get<double>() * factor;
      for (const char* p : {"p50", "p90", "p99"}) r["latency_ms"][p] = r["latency_ms"][p].get<double>() * factor;
      continue;
    }
    if (!((precision == "fp16" && threads == 1) || (precision == "int8" && threads == 1) ||
          (precision == "fp32" && threads == 2))) {
      continue;
    }
    factor *= precision == "int8" ? 0.4 : precision == "fp16" ? 0.8 : 0.6;
    json copy = ok_result;
    copy["config"] = r["config"];
    copy["config_key"] = r["config_key"];
    for (json& s : copy["latency_ms"]["samples"]) s = s.get<double>() * factor;
    for (const char* p : {"p50", "p90", "p99"}) copy["latency_ms"][p] = copy["latency_ms"][p].get<double>() * factor;
    copy["latency_ms"]["p50_ci95"] = {copy["latency_ms"]["p50"].get<double>() * 0.97,
                                      copy["latency_ms"]["p50"].get<double>() * 1.04};
    if (precision != "fp32") copy["memory"]["weights_bytes"] = precision == "int8" ? 24908 : 49816;
    if (precision == "fp16") copy["accuracy"] = {{"reference", "fp32"}, {"rel_l2", 0.0012}};
    if (precision == "int8") {
      copy["energy"]["kind"] = "measured";
      copy["energy"]["source"] = "test sensor";
    }
    r = copy;
  }
  return doc;
}

TEST(ChartSetTest, SeveralPrecisionsThreadsRunsAndAHistory) {
  ReportInput input;
  input.runs.push_back({"synthetic_a.json", SyntheticRun("synthetic-run-a", 1.0)});
  input.runs.push_back({"synthetic_b.json", SyntheticRun("synthetic-run-b", 1.1)});
  for (int i = 0; i < 3; ++i) {
    json entry = HistoryEntry(SyntheticRun("history-" + std::to_string(i), 1.0 + 0.05 * i), "h.json");
    input.history.push_back(entry);
  }
  const std::string out = testing::MakeTempDir("eb_charts_synthetic_");
  const Expected<std::vector<ChartFile>> charts = RenderCharts(input, out);
  ASSERT_TRUE(charts.ok()) << charts.status().ToString();
  std::map<std::string, ChartFile> by_id;
  for (const ChartFile& chart : *charts) by_id[chart.id] = chart;
  ASSERT_TRUE(by_id.count("trend"));
  EXPECT_EQ(charts->back().id, "trend");
  EXPECT_NE(by_id["trend"].title.find("run history"), std::string::npos);
  EXPECT_NE(by_id["trend"].caption.find("3 runs"), std::string::npos);
  EXPECT_NE(by_id["trend"].caption.find("confidence interval"), std::string::npos);
  EXPECT_NE(by_id["precision_comparison"].caption.find("rel_l2"), std::string::npos);
  // FP32 is what the deltas are measured against: its slot says so.
  const Expected<std::string> precision_svg = ReadFileBytes(out + "/" + by_id["precision_comparison"].svg_path);
  ASSERT_TRUE(precision_svg.ok()) << precision_svg.status().ToString();
  EXPECT_NE(precision_svg->find(">reference<"), std::string::npos);
  EXPECT_NE(by_id["energy"].title.find("measured and estimated"), std::string::npos);
  EXPECT_NE(by_id["memory_breakdown"].caption.find("#2 = synthetic-run-b (synthetic_b.json)"), std::string::npos);

  std::vector<ChartFile> drawn;
  for (const char* id : {"latency_vs_threads", "precision_comparison", "latency_cdf_ds_cnn_kws", "memory_breakdown",
                         "energy", "trend"}) {
    ASSERT_TRUE(by_id.count(id)) << id;
    drawn.push_back(by_id[id]);
  }
  ExpectChartsReadable(drawn, out);
  // Four ds_cnn_kws configurations in each of two runs: eight CDF curves.
  const std::string cdf = ReadText(out + "/charts/latency_cdf_ds_cnn_kws.svg");
  EXPECT_NE(cdf.find("ds_cnn_kws int8 t1 #2"), std::string::npos);
}

TEST(ChartSetTest, TrendAcrossTheRunsGivenWithoutHistory) {
  ReportInput input;
  input.runs.push_back({"a.json", SyntheticRun("run-a", 1.0)});
  input.runs.push_back({"b.json", SyntheticRun("run-b", 1.2)});
  const std::string out = testing::MakeTempDir("eb_charts_trend_");
  const Expected<std::vector<ChartFile>> charts = RenderCharts(input, out);
  ASSERT_TRUE(charts.ok()) << charts.status().ToString();
  ASSERT_EQ(charts->back().id, "trend");
  EXPECT_NE(charts->back().title.find("runs given"), std::string::npos);
}

TEST(ChartSetTest, SameInputGivesTheSameSvgBytes) {
  ReportInput input;
  input.runs.push_back({"one.json", OneModel("accel_cnn1d")});
  const std::string a = testing::MakeTempDir("eb_charts_same_a_");
  const std::string b = testing::MakeTempDir("eb_charts_same_b_");
  const Expected<std::vector<ChartFile>> first = RenderCharts(input, a);
  const Expected<std::vector<ChartFile>> second = RenderCharts(input, b);
  ASSERT_TRUE(first.ok() && second.ok()) << first.status().ToString() << second.status().ToString();
  ASSERT_EQ(Ids(*first), Ids(*second));
  for (const ChartFile& chart : *first) {
    const std::string bytes = ReadText(a + "/" + chart.svg_path);
    EXPECT_FALSE(bytes.empty()) << chart.id;
    EXPECT_EQ(bytes, ReadText(b + "/" + chart.svg_path)) << chart.id;
    EXPECT_EQ(bytes.find(a), std::string::npos) << "an absolute path is drawn in " << chart.id;
  }
}

TEST(ChartSetTest, MalformedFieldIsAnErrorNamingFileKeyAndField) {
  json doc = OneModel("gru_kws");
  std::string key;
  for (json& r : doc["results"]) {
    if (r["status"] == "ok") {
      r["latency_ms"]["p50"] = "fast";
      key = r["config_key"];
    }
  }
  ReportInput input;
  input.runs.push_back({"broken.json", doc});
  const Expected<std::vector<ChartFile>> charts = RenderCharts(input, testing::MakeTempDir("eb_charts_broken_"));
  ASSERT_FALSE(charts.ok());
  const std::string message = charts.status().message();
  EXPECT_NE(message.find("broken.json"), std::string::npos) << message;
  EXPECT_NE(message.find(key), std::string::npos) << message;
  EXPECT_NE(message.find("latency_ms.p50"), std::string::npos) << message;
}

TEST(ChartSetTest, NoResultsFileIsAnError) {
  const Expected<std::vector<ChartFile>> charts = RenderCharts(ReportInput{}, testing::MakeTempDir("eb_charts_none_"));
  EXPECT_FALSE(charts.ok());
}

}  // namespace
}  // namespace edgebench
