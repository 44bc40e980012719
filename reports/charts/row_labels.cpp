#include "reports/charts/row_labels.h"

#include <set>
#include <sstream>

namespace edgebench {

std::map<std::string, std::string> ShortConfigLabels(const std::vector<std::string>& keys) {
  std::vector<std::vector<std::string>> parts;
  size_t width = 0;
  for (const std::string& key : keys) {
    std::vector<std::string> p;
    std::stringstream in(key);
    for (std::string part; std::getline(in, part, '|');) p.push_back(part);
    width = std::max(width, p.size());
    parts.push_back(std::move(p));
  }
  std::vector<bool> varies(width, false);
  for (size_t i = 0; i < width; ++i) {
    std::set<std::string> values;
    for (const auto& p : parts) values.insert(i < p.size() ? p[i] : "");
    varies[i] = i == 0 || values.size() > 1;  // the model always shows
  }
  std::map<std::string, std::string> labels;
  for (size_t k = 0; k < keys.size(); ++k) {
    std::string label;
    for (size_t i = 0; i < parts[k].size(); ++i) {
      if (!varies[i]) continue;
      if (!label.empty()) label += " ";
      label += parts[k][i];
    }
    labels[keys[k]] = label;
  }
  return labels;
}

int PrecisionRank(const std::string& precision) {
  static const char* const kOrder[] = {"fp32", "fp16", "int8"};
  for (int i = 0; i < 3; ++i) {
    if (precision == kOrder[i]) return i;
  }
  return 3;
}

std::vector<LabeledResult> OkResults(const std::vector<RunRows>& runs) {
  std::vector<std::string> keys;
  for (const RunRows& run : runs) {
    for (const ResultRow& row : run.results) {
      if (row.ok()) keys.push_back(row.config_key);
    }
  }
  const std::map<std::string, std::string> labels = ShortConfigLabels(keys);
  std::vector<LabeledResult> out;
  for (const RunRows& run : runs) {
    for (const ResultRow& row : run.results) {
      if (!row.ok()) continue;
      std::string label = labels.at(row.config_key);
      if (runs.size() > 1) label += " #" + std::to_string(&run - runs.data() + 1);
      out.push_back({&run, &row, label});
    }
  }
  return out;
}

}  // namespace edgebench
