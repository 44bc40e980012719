#include "profilers/latency/mann_whitney.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

namespace edgebench {
namespace {

Status CheckSample(const std::vector<double>& sample, const char* name) {
  if (sample.empty()) return InvalidArgument(std::string("Mann-Whitney U: sample ") + name + " is empty");
  for (size_t i = 0; i < sample.size(); ++i) {
    if (!std::isfinite(sample[i])) {
      return InvalidArgument(std::string("Mann-Whitney U: sample ") + name + "[" + std::to_string(i) +
                             "] is not a finite number");
    }
  }
  return Status::Ok();
}

struct RankSums {
  double rank_sum_x = 0;   // 1-based mid-ranks of x in the pooled sample
  double tie_term = 0;     // sum over tie groups of t^3 - t
};

RankSums RankPooled(const std::vector<double>& x, const std::vector<double>& y) {
  std::vector<std::pair<double, bool>> pooled;  // value, from x
  pooled.reserve(x.size() + y.size());
  for (double v : x) pooled.emplace_back(v, true);
  for (double v : y) pooled.emplace_back(v, false);
  std::sort(pooled.begin(), pooled.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  RankSums sums;
  for (size_t first = 0; first < pooled.size();) {
    size_t end = first + 1;
    while (end < pooled.size() && pooled[end].first == pooled[first].first) ++end;
    // Tied values share the mean of the ranks they span, first + 1 .. end.
    const double mid_rank = (static_cast<double>(first + 1) + static_cast<double>(end)) / 2;
    for (size_t i = first; i < end; ++i) {
      if (pooled[i].second) sums.rank_sum_x += mid_rank;
    }
    const auto t = static_cast<double>(end - first);
    sums.tie_term += t * t * t - t;
    first = end;
  }
  return sums;
}

// Counts of the arrangements of n_x and n_y distinct values by U, as the
// coefficients of the Gaussian binomial [n_x + n_y choose n_x]_q: the number
// of arrangements with U = u is the number of partitions of u that fit an
// n_x by n_y box (Andrews, The Theory of Partitions, 1976, th. 3.1).
// Built as prod_{k=1}^{n_x} (1 - q^(n_y + k)) / (1 - q^k), exact in int64.
std::vector<int64_t> ExactUCounts(int64_t n_x, int64_t n_y) {
  std::vector<int64_t> poly(static_cast<size_t>(n_x * n_y + n_x + n_y + 1), 0);
  poly[0] = 1;
  int64_t degree = 0;
  for (int64_t k = 1; k <= n_x; ++k) {
    const int64_t grow = n_y + k;
    for (int64_t i = degree + grow; i >= grow; --i) poly[i] -= poly[i - grow];
    degree += grow;
    // Dividing by (1 - q^k) is a running sum with stride k; the quotient is
    // a polynomial, so the terms above the new degree come out 0.
    for (int64_t i = k; i <= degree; ++i) poly[i] += poly[i - k];
    degree -= k;
  }
  poly.resize(static_cast<size_t>(n_x * n_y + 1));
  return poly;
}

// Two-sided: twice the upper tail at the larger of the two U's (as scipy's
// mannwhitneyu does), capped at 1.
double ExactTwoSidedP(int64_t n_x, int64_t n_y, double u_x) {
  const std::vector<int64_t> counts = ExactUCounts(n_x, n_y);
  const auto u_max = static_cast<int64_t>(std::llround(std::max(u_x, static_cast<double>(n_x * n_y) - u_x)));
  double total = 0;
  double upper = 0;
  for (size_t u = 0; u < counts.size(); ++u) {
    total += static_cast<double>(counts[u]);
    if (static_cast<int64_t>(u) >= u_max) upper += static_cast<double>(counts[u]);
  }
  return std::min(1.0, 2 * upper / total);
}

}  // namespace

const char* MannWhitneyMethodName(MannWhitneyMethod method) {
  switch (method) {
    case MannWhitneyMethod::kExact:
      return "exact";
    case MannWhitneyMethod::kAsymptotic:
      return "asymptotic (normal, tie and continuity corrected)";
  }
  return "unknown";
}

Expected<MannWhitneyResult> MannWhitneyU(const std::vector<double>& x, const std::vector<double>& y) {
  EB_RETURN_IF_ERROR(CheckSample(x, "x"));
  EB_RETURN_IF_ERROR(CheckSample(y, "y"));
  MannWhitneyResult result;
  result.n_x = static_cast<int64_t>(x.size());
  result.n_y = static_cast<int64_t>(y.size());
  const auto n_x = static_cast<double>(result.n_x);
  const auto n_y = static_cast<double>(result.n_y);
  const double n = n_x + n_y;

  const RankSums sums = RankPooled(x, y);
  result.ties = sums.tie_term > 0;
  result.u_x = sums.rank_sum_x - n_x * (n_x + 1) / 2;
  result.common_language = result.u_x / (n_x * n_y);
  result.rank_biserial = 2 * result.common_language - 1;

  // Var(U) under H0 with ties (Lehmann 1975, eq. 1.84).
  const double variance = n_x * n_y / 12 * ((n + 1) - sums.tie_term / (n * (n - 1)));
  const double sd = variance > 0 ? std::sqrt(variance) : 0;
  const double deviation = result.u_x - n_x * n_y / 2;
  const double corrected = std::copysign(std::max(std::fabs(deviation) - 0.5, 0.0), deviation);
  result.z = sd > 0 ? corrected / sd : 0;

  const bool exact = !result.ties && result.n_x <= kMannWhitneyExactMaxN && result.n_y <= kMannWhitneyExactMaxN;
  result.method = exact ? MannWhitneyMethod::kExact : MannWhitneyMethod::kAsymptotic;
  if (exact) {
    result.p_value = ExactTwoSidedP(result.n_x, result.n_y, result.u_x);
  } else {
    // 2 * (1 - Phi(|z|)); every value equal leaves sd = 0 and no evidence.
    result.p_value = sd > 0 ? std::min(1.0, std::erfc(std::fabs(result.z) / std::sqrt(2.0))) : 1.0;
  }
  return result;
}

}  // namespace edgebench
