#include "reports/charts/caption_text.h"

#include <utility>

namespace edgebench {

std::string NotDrawnSentence(const std::vector<const ResultRow*>& not_drawn) {
  if (not_drawn.empty()) return "";
  // (status, reason) -> count, in first-seen order: one list, no map sorting.
  std::vector<std::pair<std::pair<std::string, std::string>, int>> groups;
  for (const ResultRow* row : not_drawn) {
    const auto key = std::make_pair(row->status, row->status_error);
    auto it = groups.begin();
    while (it != groups.end() && it->first != key) ++it;
    if (it == groups.end()) groups.push_back({key, 1});
    else ++it->second;
  }
  std::vector<std::string> parts;
  for (const auto& [key, count] : groups) {
    parts.push_back(std::to_string(count) + " " + key.first + " (" + key.second + ")");
  }
  const size_t n = not_drawn.size();
  return std::to_string(n) + (n == 1 ? " configuration" : " configurations") + " not drawn: " + JoinList(parts) + ".";
}

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += (i + 1 == items.size()) ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::string RunsSentence(const std::vector<RunRows>& runs) {
  if (runs.size() < 2) return "";
  std::vector<std::string> parts;
  for (size_t i = 0; i < runs.size(); ++i) {
    parts.push_back("#" + std::to_string(i + 1) + " = " + runs[i].label + " (" + runs[i].path + ")");
  }
  return "Runs: " + JoinList(parts) + ".";
}

std::vector<const ResultRow*> NotOkResults(const std::vector<RunRows>& runs) {
  std::vector<const ResultRow*> out;
  for (const RunRows& run : runs) {
    for (const ResultRow& row : run.results) {
      if (!row.ok()) out.push_back(&row);
    }
  }
  return out;
}

}  // namespace edgebench
