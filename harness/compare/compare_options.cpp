#include "harness/compare/compare_options.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace edgebench {
namespace {

std::string Format(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

}  // namespace

Expected<double> ParseThreshold(const std::string& text) {
  const auto bad = [&text] {
    return InvalidArgument("--threshold '" + text +
                           "': expected a non-negative number followed by '%', e.g. 5% or 2.5%");
  };
  if (text.size() < 2 || text.back() != '%') return bad();
  const std::string number = text.substr(0, text.size() - 1);
  int dots = 0;
  for (char c : number) {
    if (c == '.') {
      ++dots;
    } else if (!std::isdigit(static_cast<unsigned char>(c))) {
      return bad();
    }
  }
  if (dots > 1 || number == ".") return bad();
  const double percent = std::strtod(number.c_str(), nullptr);
  if (percent > 1000) {
    return InvalidArgument("--threshold '" + text + "': above 1000% no latency or memory change can pass it");
  }
  return percent / 100;
}

std::string DescribeVerdictRule(const CompareOptions& options) {
  return "latency metrics regress (improve) when the Mann-Whitney U test on the stored samples gives p < " +
         Format(options.alpha) + " and the relative change of the figure is above +" + options.threshold_text +
         " (below -" + options.threshold_text + "); memory metrics compare exactly to +/-" +
         options.threshold_text + "; a configuration takes its worst metric verdict (regressed > noisy > " +
         "improved > unchanged); ok -> error/timeout/unsupported regresses, not ok -> ok improves";
}

std::string DescribeNoisyRule(const CompareOptions& options) {
  return "a latency metric is noisy when either run stored fewer than " + std::to_string(options.min_samples) +
         " samples or its robust CV (1.4826 * MAD / median, which a few long outliers do not inflate the way " +
         "they do stddev / mean) exceeds " + Format(options.max_cv) +
         (options.repetition_rule
              ? "; or when a significant change beyond the threshold is not shown by every repetition: the metric "
                "of repetition k of the new run must lie beyond that of repetition k of the base run by more than "
                "the threshold, for every k (repetitions are a run's independent replicates; samples within one "
                "are not)"
              : "");
}

std::string DescribeOptions(const CompareOptions& options) {
  std::string metrics;
  for (const CompareMetric* metric : options.metrics) metrics += (metrics.empty() ? "" : ",") + std::string(metric->name);
  return "threshold " + options.threshold_text + ", alpha " + Format(options.alpha) + ", metrics " + metrics +
         ", min samples " + std::to_string(options.min_samples) + ", max robust CV " + Format(options.max_cv) +
         (options.repetition_rule ? "" : ", no repetition rule") +
         ", bootstrap " + std::to_string(options.bootstrap.resamples) + " resamples, seed " +
         std::to_string(options.bootstrap.seed) + (options.fail_on_missing ? ", fail on missing" : "");
}

}  // namespace edgebench
