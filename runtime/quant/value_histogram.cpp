#include "runtime/quant/value_histogram.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace edgebench {

ValueHistogram::ValueHistogram(float observed_min, float observed_max)
    : non_negative_(observed_min >= 0.0f),
      observed_min_(observed_min),
      observed_max_(observed_max),
      bins_(kBins, 0) {
  const float reach = std::max(std::fabs(observed_min), std::fabs(observed_max));
  lower_ = non_negative_ ? 0.0f : -reach;
  upper_ = reach;
}

void ValueHistogram::Add(const float* data, int64_t count) {
  const double width = static_cast<double>(upper_) - lower_;
  // A constant-zero tensor has no width: every value lands in bin 0.
  const double scale = width > 0 ? kBins / width : 0.0;
  for (int64_t i = 0; i < count; ++i) {
    const float x = data[i];
    if (!std::isfinite(x)) continue;
    const int64_t bin = static_cast<int64_t>((x - static_cast<double>(lower_)) * scale);
    ++bins_[std::clamp<int64_t>(bin, 0, kBins - 1)];
    ++total_;
  }
}

namespace {

float BinEdge(const ValueHistogram& h, int edge) {
  return static_cast<float>(h.lower() + (static_cast<double>(h.upper()) - h.lower()) * edge / ValueHistogram::kBins);
}

// The first edge e such that bins [0, e) hold at least `target` values.
int EdgeFromBottom(const std::vector<int64_t>& bins, double target) {
  double seen = 0;
  for (size_t b = 0; b < bins.size(); ++b) {
    seen += static_cast<double>(bins[b]);
    if (seen >= target) return static_cast<int>(b) + 1;
  }
  return static_cast<int>(bins.size());
}

}  // namespace

TensorRange PercentileRange(const ValueHistogram& h, double percentile) {
  if (h.total() == 0) return {h.observed_min(), h.observed_max()};
  const double total = static_cast<double>(h.total());
  const double cut = total * (100.0 - percentile) / 100.0;
  const std::vector<int64_t>& bins = h.bins();
  TensorRange range;
  if (h.non_negative()) {
    range.min = h.observed_min();
    range.max = BinEdge(h, EdgeFromBottom(bins, total - cut));
  } else {
    // The lower edge: the bins below it hold at most cut/2 values.
    int low = 0;
    double seen = 0;
    while (low < ValueHistogram::kBins && seen + static_cast<double>(bins[low]) <= cut / 2) seen += bins[low++];
    range.min = BinEdge(h, low);
    range.max = BinEdge(h, EdgeFromBottom(bins, total - cut / 2));
  }
  range.min = std::max(range.min, h.observed_min());
  range.max = std::min(range.max, h.observed_max());
  return range;
}

namespace {

// KL(P || Q) of the reference distribution `p` (the bins below the
// threshold, with everything above it clipped into the last one) and the
// candidate: the same bins without the clipped mass, merged into `levels`
// levels and expanded back, each level's count spread evenly over its
// non-empty bins. A bin that P has and Q lacks (the last one, when only
// clipped values fill it) gets a small floor instead of an infinite term, as
// ONNX Runtime's calibrator smooths it.
double QuantizationDivergence(const std::vector<double>& p, const std::vector<double>& unclipped, int levels) {
  const int n = static_cast<int>(p.size());
  std::vector<double> q(n, 0.0);
  for (int level = 0; level < levels; ++level) {
    const int begin = static_cast<int>(static_cast<int64_t>(level) * n / levels);
    const int end = static_cast<int>(static_cast<int64_t>(level + 1) * n / levels);
    double sum = 0;
    int nonzero = 0;
    for (int b = begin; b < end; ++b) {
      sum += unclipped[b];
      nonzero += unclipped[b] > 0;
    }
    for (int b = begin; b < end && nonzero > 0; ++b) {
      if (unclipped[b] > 0) q[b] = sum / nonzero;
    }
  }
  double p_total = 0, q_total = 0;
  for (int b = 0; b < n; ++b) {
    p_total += p[b];
    q_total += q[b];
  }
  if (q_total <= 0) return std::numeric_limits<double>::infinity();
  constexpr double kFloor = 1e-4;
  double divergence = 0;
  for (int b = 0; b < n; ++b) {
    if (p[b] <= 0) continue;
    const double pn = p[b] / p_total;
    const double qn = std::max(q[b] / q_total, kFloor / n);
    divergence += pn * std::log(pn / qn);
  }
  return divergence;
}

}  // namespace

TensorRange EntropyRange(const ValueHistogram& h) {
  if (h.total() == 0 || h.upper() <= 0) return {h.observed_min(), h.observed_max()};
  // |x| over kMagnitudeBins bins of [0, A]: a signed histogram folds at zero.
  const std::vector<int64_t>& bins = h.bins();
  std::vector<double> magnitude;
  if (h.non_negative()) {
    magnitude.assign(bins.begin(), bins.end());
  } else {
    const int half = ValueHistogram::kBins / 2;
    magnitude.assign(half, 0.0);
    for (int b = 0; b < half; ++b) magnitude[b] = static_cast<double>(bins[half + b] + bins[half - 1 - b]);
  }
  const int n = static_cast<int>(magnitude.size());
  // 128 levels for both, as TensorRT: the threshold can come no lower than
  // levels / bins of the observed reach (1/16 for a signed tensor, 1/16 of
  // the 2048 bins for a non-negative one).
  const int levels = 128;

  int best_edge = n;
  double best_divergence = std::numeric_limits<double>::infinity();
  std::vector<double> p, unclipped;
  for (int edge = levels; edge <= n; ++edge) {
    unclipped.assign(magnitude.begin(), magnitude.begin() + edge);
    p = unclipped;
    for (int b = edge; b < n; ++b) p[edge - 1] += magnitude[b];  // outliers clip into the last bin
    const double divergence = QuantizationDivergence(p, unclipped, levels);
    if (divergence < best_divergence) {
      best_divergence = divergence;
      best_edge = edge;
    }
  }
  const float threshold = h.upper() * static_cast<float>(best_edge) / static_cast<float>(n);
  if (h.non_negative()) return {h.observed_min(), std::min(threshold, h.observed_max())};
  return {std::max(-threshold, h.observed_min()), std::min(threshold, h.observed_max())};
}

}  // namespace edgebench
