#include "reports/report/key_table.h"

#include <gtest/gtest.h>

#include "tests/reports/report/report_fixtures.h"

namespace edgebench {
namespace {

using testing::MakeResultsDoc;
using testing::ProjectionSpec;
using testing::ResultSpec;
using testing::TargetSpec;

ReportInput OneRun(const nlohmann::json& doc) { return ReportInput{{{"a.json", doc}}, {}}; }

// The key table of the rows the report reads.
Expected<KeyTable> BuildFor(const ReportInput& input) {
  EB_ASSIGN_OR_RETURN(std::vector<RunRows> runs, ReadResultRows(input));
  return BuildKeyTable(runs);
}

const KeyCell& Cell(const KeyTable& table, const std::string& model, const std::string& device, bool measuring = false) {
  for (const KeyModel& m : table.models) {
    if (m.model != model) continue;
    for (const KeyCell& c : m.cells) {
      if (c.device.id == device && c.device.measuring == measuring) return c;
    }
  }
  ADD_FAILURE() << "no cell for " << model << " on " << device;
  static const KeyCell kNone;
  return kNone;
}

TEST(KeyTableTest, PicksTheFastestConfigurationThatMeetsEveryBudget) {
  const auto doc = MakeResultsDoc({{"rpi5", 100, 1e8, 80.0}},
                                  {{"net", "fp32", 1, 20, 0.4, 1e6, {{"rpi5", 90.0, 0.9, {}, {}}}},
                                   {"net", "fp32", 2, 12, 0.5, 1e6, {{"rpi5", 60.0, 1.2, {}, {}}}}});
  Expected<KeyTable> table = BuildFor(OneRun(doc));
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->devices.size(), 2u);
  EXPECT_TRUE(table->devices[0].measuring);
  EXPECT_EQ(table->devices[1].id, "rpi5");
  ASSERT_TRUE(table->devices[1].price_usd.has_value());
  EXPECT_DOUBLE_EQ(table->devices[1].price_usd->value, 80.0);

  const KeyCell& rpi5 = Cell(*table, "net", "rpi5");
  EXPECT_EQ(rpi5.verdict, KeyVerdict::kWithinBudget);
  EXPECT_EQ(rpi5.shown.threads, 2);
  EXPECT_DOUBLE_EQ(*rpi5.shown.latency_ms.value, 60.0);
  EXPECT_EQ(rpi5.shown.latency_ms.kind, "projected");
  EXPECT_EQ(rpi5.shown.joules_per_inference.kind, "estimated");
  EXPECT_EQ(rpi5.candidates, 2);

  const KeyCell& host = Cell(*table, "net", "host", true);
  EXPECT_EQ(host.verdict, KeyVerdict::kWithinBudget);
  EXPECT_DOUBLE_EQ(*host.shown.latency_ms.value, 12.0);
  EXPECT_EQ(host.shown.latency_ms.kind, "measured");
  EXPECT_EQ(host.shown.joules_per_inference.kind, "estimated");
}

TEST(KeyTableTest, AModelThatFitsNowhereSaysWhy) {
  const auto doc = MakeResultsDoc(
      {{"mcu", 100, 1e6, 20.0}},
      {{"big", "fp32", 1, 30, 0.4, 6e8,
        {{"mcu", 9000.0, 5.0, {"weights 600 MB exceed flash 2 MB", "arena 6 MB exceed RAM 1 MB"}, {"x"}}}},
       {"big", "fp32", 2, 20, 0.4, 6e8, {{"mcu", 8000.0, 5.0, {"weights 600 MB exceed flash 2 MB"}, {"x"}}}}});
  Expected<KeyTable> table = BuildFor(OneRun(doc));
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  const KeyCell& mcu = Cell(*table, "big", "mcu");
  EXPECT_EQ(mcu.verdict, KeyVerdict::kDoesNotFit);
  // The configuration with the fewest fit problems is the one shown.
  EXPECT_EQ(mcu.shown.threads, 2);
  ASSERT_EQ(mcu.shown.fit_problems.size(), 1u);
  EXPECT_EQ(mcu.shown.fit_problems[0], "weights 600 MB exceed flash 2 MB");
  // On the measuring host it ran, but 600 MB of weights exceed the 500 MB class budget.
  const KeyCell& host = Cell(*table, "big", "host", true);
  EXPECT_EQ(host.verdict, KeyVerdict::kOverBudget);
  ASSERT_EQ(host.shown.budget_problems.size(), 1u);
  EXPECT_EQ(host.shown.budget_problems[0], "weights 600 MB > 500 MB model-size budget (x86-ipc class)");
}

TEST(KeyTableTest, BudgetMissesShowTheNearestMissWithItsProblem) {
  const auto doc = MakeResultsDoc(
      {{"coral", 33.3, 1e8, 129.99}},
      {{"net", "fp32", 1, 60, 0.4, 1e6, {{"coral", 2818.0, 1.0, {}, {"latency 2818 ms > 33.3 ms"}}}},
       {"net", "fp32", 2, 55, 0.4, 1e6,
        {{"coral", 1500.0, 1.0, {}, {"latency 1500 ms > 33.3 ms", "weights 200 MB > 100 MB"}}}}});
  Expected<KeyTable> table = BuildFor(OneRun(doc));
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  const KeyCell& coral = Cell(*table, "net", "coral");
  EXPECT_EQ(coral.verdict, KeyVerdict::kOverBudget);
  // One problem beats two, even though the other is faster.
  EXPECT_EQ(coral.shown.threads, 1);
  EXPECT_EQ(coral.shown.budget_problems, std::vector<std::string>{"latency 2818 ms > 33.3 ms"});
  // The host's measured p50 of 55 ms exceeds its 50 ms budget too.
  const KeyCell& host = Cell(*table, "net", "host", true);
  EXPECT_EQ(host.verdict, KeyVerdict::kOverBudget);
  EXPECT_EQ(host.shown.budget_problems,
            std::vector<std::string>{"measured latency 55 ms > 50 ms latency budget (x86-ipc class)"});
}

TEST(KeyTableTest, TiesInLatencyGoToTheLowerEnergyAndUnknownEnergyLoses) {
  const auto doc = MakeResultsDoc({{"rpi5", 100, 1e8, 80.0}},
                                  {{"net", "fp32", 1, 10, "unknown", 1e6, {{"rpi5", 40.0, 0.9, {}, {}}}},
                                   {"net", "fp16", 1, 10, 0.3, 1e6, {{"rpi5", 40.0, 0.7, {}, {}}}},
                                   {"net", "int8", 1, 10, 0.6, 1e6, {{"rpi5", 40.0, 0.8, {}, {}}}}});
  Expected<KeyTable> table = BuildFor(OneRun(doc));
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(Cell(*table, "net", "rpi5").shown.precision, "fp16");
  const KeyCell& host = Cell(*table, "net", "host", true);
  EXPECT_EQ(host.shown.precision, "fp16");
}

TEST(KeyTableTest, ADeviceWithoutPriceKeepsNoPrice) {
  const auto doc = MakeResultsDoc({{"imx8mp", 33.3, 1e8, std::nullopt}},
                                  {{"net", "fp32", 1, 10, 0.3, 1e6, {{"imx8mp", 20.0, 0.1, {}, {}}}}});
  Expected<KeyTable> table = BuildFor(OneRun(doc));
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  const KeyCell& imx = Cell(*table, "net", "imx8mp");
  EXPECT_EQ(imx.verdict, KeyVerdict::kWithinBudget);
  EXPECT_FALSE(imx.device.price_usd.has_value());
}

TEST(KeyTableTest, SeveralRunsCompeteAndShareDevices) {
  const auto a = MakeResultsDoc({{"rpi5", 100, 1e8, 80.0}},
                                {{"net", "fp32", 1, 30, 0.3, 1e6, {{"rpi5", 90.0, 0.9, {}, {}}}}});
  const auto b = MakeResultsDoc({{"rpi5", 100, 1e8, 80.0}, {"rpi4", 100, 1e8, 55.0}},
                                {{"net", "int8", 1, 8, 0.1, 1e6, {{"rpi5", 25.0, 0.2, {}, {}},
                                                                  {"rpi4", 150.0, 0.2, {}, {"latency 150 ms > 100 ms"}}}},
                                 {"other", "fp32", 1, 8, 0.1, 1e6, {}}});
  const ReportInput input{{{"a.json", a}, {"b.json", b}}, {}};
  Expected<KeyTable> table = BuildFor(input);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->devices.size(), 3u);  // host once, rpi5 once, rpi4
  ASSERT_EQ(table->models.size(), 2u);
  const KeyCell& rpi5 = Cell(*table, "net", "rpi5");
  EXPECT_EQ(rpi5.candidates, 2);
  EXPECT_EQ(rpi5.shown.run_path, "b.json");
  EXPECT_EQ(rpi5.shown.precision, "int8");
  EXPECT_EQ(Cell(*table, "net", "rpi4").verdict, KeyVerdict::kOverBudget);
  // Rows go within budget first, fastest first.
  const KeyModel& net = table->models[0];
  ASSERT_EQ(net.cells.size(), 3u);
  EXPECT_TRUE(net.cells[0].device.measuring);
  EXPECT_EQ(net.cells[1].device.id, "rpi5");
  EXPECT_EQ(net.cells[2].device.id, "rpi4");
}

TEST(KeyTableTest, UnknownProjectedLatencyIsUnknownWithItsReason) {
  const auto doc = MakeResultsDoc({{"npu", 33.3, 1e8, 100.0}},
                                  {{"net", "fp32", 1, 10, 0.3, 1e6, {{"npu", "unknown", 0.1, {}, {}}}}});
  Expected<KeyTable> table = BuildFor(OneRun(doc));
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  const KeyCell& npu = Cell(*table, "net", "npu");
  EXPECT_EQ(npu.verdict, KeyVerdict::kUnknown);
  EXPECT_EQ(npu.shown.latency_ms.unknown_reason, "no peak for this precision");
}

TEST(KeyTableTest, AModelThatNeverRanHasNoCells) {
  auto doc = MakeResultsDoc({}, {});
  doc["results"].push_back(testing::MakeUnsupportedResult("gone", "int8", "int8 is not implemented"));
  Expected<KeyTable> table = BuildFor(OneRun(doc));
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->models.size(), 1u);
  EXPECT_TRUE(table->models[0].cells.empty());
}

}  // namespace
}  // namespace edgebench
