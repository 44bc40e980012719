// What a precision costs in accuracy: a candidate precision's outputs compared,
// batch by batch, with the FP32 reference outputs on the same inputs.
//
//   OutputAgreement agreement;
//   for (size_t b = 0; b < data.batches.size(); ++b) {
//     EB_RETURN_IF_ERROR(reference->Run(data.batches[b]));
//     EB_RETURN_IF_ERROR(candidate->Run(data.batches[b]));
//     EB_RETURN_IF_ERROR(agreement.Add(*reference, *candidate, BatchLabels(data, b)));
//   }
//   result["accuracy"] = AccuracyJson(agreement, data);  // accuracy_json.h
//
// For the FP32 configuration itself, pass the reference session as both.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runtime/core/tensor.h"

namespace edgebench {

class Session;

// The figures of one output over every batch added. A figure is empty when
// undefined, with the reason in the matching *_reason string.
struct OutputMetrics {
  std::string name;
  int64_t elements = 0;    // element pairs compared: finite in both outputs
  int64_t non_finite = 0;  // element pairs left out: NaN or Inf in either output
  std::optional<double> max_abs_err, mean_abs_err;
  std::optional<double> rel_l2;  // ||c - r||2 / ||r||2
  std::optional<double> cosine;  // <c, r> / (||c||2 ||r||2)
  std::string errors_reason, rel_l2_reason, cosine_reason;

  // Classifier-shaped outputs only ([batch, classes] with classes >= 2,
  // trailing dims of 1 allowed); classes is 0 for the others.
  int64_t classes = 0;
  int64_t rows = 0;  // samples
  std::optional<double> top1_agreement, top5_agreement;
  std::string top5_agreement_reason;
  // With labels.
  std::optional<double> top1_accuracy, reference_top1_accuracy;
};

class OutputAgreement {
 public:
  // One batch: the same inputs run through both sessions. Every output must
  // be float32 in both (sessions of any precision return float32 outputs).
  // `labels` are the batch's class labels, one per sample, or empty.
  Status Add(const Session& reference, const Session& candidate, const std::vector<int64_t>& labels);
  // The same, from the outputs themselves: names[i] names reference[i] and
  // candidate[i]. The first batch fixes the names; later ones must match.
  Status Add(const std::vector<std::string>& names, const std::vector<Tensor>& reference,
             const std::vector<Tensor>& candidate, const std::vector<int64_t>& labels);

  int64_t batches() const { return batches_; }
  bool labeled() const { return labeled_; }
  // One entry per output, in output order.
  std::vector<OutputMetrics> Metrics() const;

 private:
  // Running sums in double (fp32 sums of a million squares lose digits).
  struct Sums {
    std::string name;
    int64_t elements = 0, non_finite = 0;
    double max_abs = 0, sum_abs = 0, sum_sq_diff = 0, sum_sq_ref = 0, sum_sq_cand = 0, dot = 0;
    int64_t classes = 0;  // fixed by the first batch; 0: not classifier-shaped
    int64_t rows = 0, top1_agree = 0, top5_agree = 0, top1_correct = 0, reference_top1_correct = 0;
  };

  // Counts one output of a batch that Add has checked.
  static void AddOutput(Sums& sums, const Tensor& reference, const Tensor& candidate,
                        const std::vector<int64_t>& labels);

  std::vector<Sums> outputs_;
  int64_t batches_ = 0;
  bool labeled_ = false;  // every batch added had labels
};

}  // namespace edgebench
