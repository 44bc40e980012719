// The distribution of one activation tensor over the calibration data, and the
// three ways of choosing its quantization range from it.
#pragma once

#include <cstdint>
#include <vector>

namespace edgebench {

// A closed range of real values that quantization maps onto the integer grid.
struct TensorRange {
  float min = 0.0f;
  float max = 0.0f;
};

// Counts of values in equal bins over a fixed range, fixed by a first pass
// that found the tensor's min and max. A tensor that is never negative (a ReLU
// output) is binned over [0, max]; any other over [-A, A] with A = max(|min|,
// |max|), so that an even bin count puts zero on a bin edge and |x| can be
// binned by folding (the entropy method works on |x|).
class ValueHistogram {
 public:
  static constexpr int kBins = 2048;

  ValueHistogram(float observed_min, float observed_max);

  // Non-finite values are counted apart; values outside the range (there are
  // none when the range came from the same data) go to the end bins.
  void Add(const float* data, int64_t count);

  bool non_negative() const { return non_negative_; }
  float lower() const { return lower_; }
  float upper() const { return upper_; }
  float observed_min() const { return observed_min_; }
  float observed_max() const { return observed_max_; }
  const std::vector<int64_t>& bins() const { return bins_; }
  int64_t total() const { return total_; }

 private:
  bool non_negative_;
  float observed_min_, observed_max_;
  float lower_, upper_;
  std::vector<int64_t> bins_;
  int64_t total_ = 0;
};

// The range holding `percentile` percent of the values: (100 - p) / 2 percent
// is cut from each tail of a signed tensor, 100 - p percent from the top of a
// non-negative one. Bin edges are the resolution.
TensorRange PercentileRange(const ValueHistogram& histogram, double percentile);

// The clipping threshold T on |x| whose quantized distribution is closest in
// KL divergence to the clipped original (the entropy calibration of TensorRT,
// Migacz, "8-bit Inference with TensorRT", GTC 2017): 128 quantization
// levels over [0, T]. The histogram's resolution bounds T from below at 128
// bins' worth of the observed reach. Returns [max(min, -T), min(max, T)], or
// [min, T] for a non-negative tensor.
TensorRange EntropyRange(const ValueHistogram& histogram);

}  // namespace edgebench
