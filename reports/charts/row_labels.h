// How charts label result rows (reports/results/result_rows.h): short config
// labels for ticks, the precision order, and every ok result with its label.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "reports/results/result_rows.h"

namespace edgebench {

// Short labels for config keys: the model plus every other key part that
// differs among `keys` ("mobilenet_v2 fp16 t2"), so a chart never repeats
// "|ref|b1|all|none|single_stream" on every tick.
std::map<std::string, std::string> ShortConfigLabels(const std::vector<std::string>& keys);

// fp32, fp16, int8 first (the order people compare them in), then the rest.
int PrecisionRank(const std::string& precision);

// An ok result with the label charts draw for it: its short config label,
// plus "#k" (the k-th run given) when the report has several runs; run ids
// are too long for tick labels, so captions say which run is #k (RunsSentence).
struct LabeledResult {
  const RunRows* run;
  const ResultRow* row;
  std::string label;
};

// Every ok result of every run, in run order then file order.
std::vector<LabeledResult> OkResults(const std::vector<RunRows>& runs);

}  // namespace edgebench
