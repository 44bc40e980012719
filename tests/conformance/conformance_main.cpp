// Runs ONNX's own backend test data (Debian libonnx-testdata) through the ref
// backend: every test whose ops and dtypes edgebench supports must match
// ONNX's expected outputs within ONNX's tolerances (rtol 1e-3, atol 1e-7).
//
//   edgebench_conformance --data /usr/share/libonnx-testdata/data [--filter REGEX] [--verbose] [--skips]
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "runtime/ops/op_registry.h"
#include "tests/conformance/conformance_case.h"

namespace {

void Usage() {
  std::fprintf(stderr,
               "usage: edgebench_conformance --data DIR [--filter REGEX] [--verbose] [--skips]\n"
               "  --data DIR      libonnx-testdata data folder (holds node/, simple/, ...)\n"
               "  --filter REGEX  only tests whose name matches\n"
               "  --verbose       one line per test\n"
               "  --skips         print each skipped test with its reason\n");
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir = "/usr/share/libonnx-testdata/data";
  std::string filter;
  bool verbose = false, show_skips = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--data" && i + 1 < argc) {
      data_dir = argv[++i];
    } else if (arg == "--filter" && i + 1 < argc) {
      filter = argv[++i];
    } else if (arg == "--verbose") {
      verbose = true;
    } else if (arg == "--skips") {
      show_skips = true;
    } else {
      Usage();
      return 2;
    }
  }

  std::regex filter_re;
  try {
    filter_re = std::regex(filter.empty() ? ".*" : filter);
  } catch (const std::regex_error& e) {
    std::fprintf(stderr, "bad --filter: %s\n", e.what());
    return 2;
  }

  auto cases = edgebench::conformance::DiscoverCases(data_dir);
  if (!cases.ok()) {
    std::fprintf(stderr, "%s\n", cases.status().ToString().c_str());
    return 2;
  }
  int passed = 0, failed = 0, skipped = 0;
  std::map<std::string, int> skip_reasons;
  std::set<std::string> covered;  // op types with at least one passing test
  for (const auto& c : *cases) {
    if (!std::regex_search(c.name, filter_re)) continue;
    const auto result = edgebench::conformance::RunCase(c);
    switch (result.outcome) {
      case edgebench::conformance::Outcome::kPassed:
        ++passed;
        covered.insert(result.op_types.begin(), result.op_types.end());
        if (verbose) std::printf("PASS %s\n", c.name.c_str());
        break;
      case edgebench::conformance::Outcome::kFailed:
        ++failed;
        std::printf("FAIL %s: %s\n", c.name.c_str(), result.message.c_str());
        break;
      case edgebench::conformance::Outcome::kSkipped:
        ++skipped;
        ++skip_reasons[result.skip_category];
        if (verbose || show_skips) std::printf("SKIP %s: %s\n", c.name.c_str(), result.message.c_str());
        break;
    }
    std::fflush(stdout);
  }
  if (show_skips || verbose) {
    for (const auto& [reason, count] : skip_reasons) std::printf("skipped %4d  %s\n", count, reason.c_str());
  }
  if (filter.empty()) {
    std::string uncovered;
    for (const edgebench::OpDef* op : edgebench::AllRefOps()) {
      if (!covered.count(op->op_type)) uncovered += std::string(" ") + op->op_type;
    }
    std::printf("ops covered by a passing test: %zu of %zu%s%s\n", edgebench::AllRefOps().size() -
                std::count(uncovered.begin(), uncovered.end(), ' '), edgebench::AllRefOps().size(),
                uncovered.empty() ? "" : "; not covered:", uncovered.c_str());
  }
  std::printf("conformance: %d passed, %d failed, %d skipped\n", passed, failed, skipped);
  return failed == 0 ? 0 : 1;
}
