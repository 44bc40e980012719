// Interleaved repetitions: the request of each round, and how a
// configuration's rounds become one outcome.
#include "harness/sweep/repetition_rounds.h"

#include <gtest/gtest.h>

namespace edgebench {
namespace {

// A worker's "ok" outcome with one repetition of `samples`.
WorkerOutcome Round(std::vector<double> samples, std::vector<std::string> warnings, double wall_s) {
  nlohmann::json m = {{"repetitions", {{{"samples_ms", samples}, {"wall_ms", 1.0}, {"cpu_ms", 1.0}}}},
                      {"warnings", warnings},
                      {"counters", {{"scope", "the measured phase: all repetitions, this thread"}}},
                      {"accuracy", {{"available", true}}}};
  WorkerOutcome outcome;
  outcome.status = "ok";
  outcome.reply = {{"status", "ok"}, {"measurement", m}};
  outcome.wall_s = wall_s;
  return outcome;
}

TEST(RoundRequestTest, AskForOneRepetitionAndLatencyOnlyAfterTheFirstRound) {
  RunConfig config;
  config.model = "m";
  config.model_path = "/m.onnx";
  SuiteRunRules rules;
  rules.repetitions = 3;
  const nlohmann::json first = RoundRequest(config, rules, 0);
  EXPECT_EQ(first["rules"]["repetitions"], 1);
  EXPECT_EQ(first["latency_only"], false);
  EXPECT_EQ(first["config"]["model"], "m");
  const nlohmann::json later = RoundRequest(config, rules, 2);
  EXPECT_EQ(later["rules"]["repetitions"], 1);
  EXPECT_EQ(later["latency_only"], true);
}

TEST(MergeRoundsTest, KeepsRoundOnesFiguresAndEveryRoundsRepetitionInOrder) {
  WorkerOutcome one = Round({1.0, 1.1}, {"shared", "first only"}, 2.0);
  WorkerOutcome two = Round({2.0}, {"shared", "second only"}, 3.0);
  two.reply["measurement"]["accuracy"] = {{"available", false}};
  WorkerOutcome three = Round({3.0, 3.1, 3.2}, {"repetition 0 stopped at max_time_ms after 3 iterations"}, 4.0);
  const WorkerOutcome merged = MergeRounds({one, two, three});
  EXPECT_EQ(merged.status, "ok");
  EXPECT_DOUBLE_EQ(merged.wall_s, 9.0);
  const nlohmann::json& m = merged.reply["measurement"];
  ASSERT_EQ(m["repetitions"].size(), 3u);
  EXPECT_EQ(m["repetitions"][0]["samples_ms"].size(), 2u);
  EXPECT_EQ(m["repetitions"][1]["samples_ms"][0], 2.0);
  EXPECT_EQ(m["repetitions"][2]["samples_ms"].size(), 3u);
  // Round 3's worker calls its one repetition 0; in the record it is repetition 2.
  EXPECT_EQ(m["warnings"], nlohmann::json({"shared", "first only", "second only",
                                           "repetition 2 stopped at max_time_ms after 3 iterations"}));
  EXPECT_EQ(m["accuracy"]["available"], true);  // round 1's
  EXPECT_EQ(m["counters"]["scope"], "the measured phase: round 1's repetition only, of 3 rounds, this thread");
  EXPECT_EQ(m["rounds"]["count"], 3);
  EXPECT_NE(m["rounds"]["note"].get<std::string>().find("round 1's"), std::string::npos);
}

TEST(FailedRoundTest, NamesTheRoundForAWorkerThatDiedAndForOneThatReportedAnError) {
  WorkerOutcome died;
  died.status = "error";
  died.error = "worker killed by signal 6";
  EXPECT_FALSE(RoundSucceeded(died));
  EXPECT_EQ(FailedRound(died, 1, 3).error, "round 2 of 3: worker killed by signal 6");

  WorkerOutcome refused;
  refused.status = "ok";
  refused.reply = {{"status", "error"}, {"error", "unsupported op"}};
  EXPECT_FALSE(RoundSucceeded(refused));
  EXPECT_EQ(FailedRound(refused, 0, 2).reply["error"], "round 1 of 2: unsupported op");

  EXPECT_TRUE(RoundSucceeded(Round({1.0}, {}, 1.0)));
}

}  // namespace
}  // namespace edgebench
