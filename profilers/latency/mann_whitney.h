// The two-sided Mann-Whitney U (Wilcoxon rank-sum) test: do two samples come
// from distributions where neither tends to be larger? It compares ranks, not
// values, so a few long outliers (a context switch, a page fault) move it far
// less than they move a t-test. `edgebench compare` runs it on the stored
// latency samples of two runs.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/core/status.h"

namespace edgebench {

enum class MannWhitneyMethod {
  // The exact null distribution of U (no ties, both samples at most
  // kMannWhitneyExactMaxN): every arrangement of the pooled ranks is equally likely.
  kExact,
  // The normal approximation with the tie-corrected variance and a continuity
  // correction of 0.5 (Lehmann, Nonparametrics, 1975, sec. 1.4).
  kAsymptotic,
};

// The largest sample size (either side) for which the exact distribution is
// used; it is exact in int64 counts up to here (C(40, 20) ~ 1.4e11 arrangements).
inline constexpr int64_t kMannWhitneyExactMaxN = 20;

// "exact" or "asymptotic (normal, tie and continuity corrected)".
const char* MannWhitneyMethodName(MannWhitneyMethod method);

struct MannWhitneyResult {
  int64_t n_x = 0;
  int64_t n_y = 0;
  // U of x: the number of (x, y) pairs with x > y, ties counting 1/2 (scipy's
  // `statistic`). U of y is n_x * n_y - u_x.
  double u_x = 0;
  // (u_x - n_x n_y / 2), continuity-corrected toward 0, over the tie-corrected
  // standard deviation: positive when x tends to be larger. Computed for both
  // methods; the exact p-value does not use it.
  double z = 0;
  double p_value = 1;  // two-sided
  // Effect sizes: P(X > Y) + P(X = Y) / 2 = u_x / (n_x n_y) (McGraw & Wong's
  // common-language effect size, 0.5 for no effect), and the rank-biserial
  // correlation 2 * that - 1 (Kerby 2014), in [-1, 1].
  double common_language = 0.5;
  double rank_biserial = 0;
  bool ties = false;
  MannWhitneyMethod method = MannWhitneyMethod::kAsymptotic;
};

// Tests x against y. Exact when neither sample exceeds kMannWhitneyExactMaxN
// and no value occurs in both or twice, else asymptotic; the result says
// which. When every pooled value is the same there is no evidence of a
// difference: p = 1, z = 0.
// Errors: an empty sample, or a NaN or infinite value (the message names the
// sample and the index).
Expected<MannWhitneyResult> MannWhitneyU(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace edgebench
