#include "harness/accuracy/output_agreement.h"

#include <algorithm>
#include <cmath>

#include "runtime/session/session.h"

namespace edgebench {
namespace {

constexpr int kTopK = 5;

// Classes of a classifier-shaped output ([batch, classes], classes >= 2,
// any trailing dims 1, as in [N, 1000, 1, 1]); 0 for any other output.
int64_t ClassifierClasses(const Tensor& t) {
  if (t.dtype() != DType::kFloat32 || t.rank() < 2 || t.dim(1) < 2) return 0;
  for (int d = 2; d < t.rank(); ++d) {
    if (t.dim(d) != 1) return 0;
  }
  return t.dim(1);
}

// Top-1 of one row: the largest value, ties to the lowest class index (as
// numpy.argmax). A row holding a NaN has no order, so no top-1: -1.
int64_t Top1(const float* row, int64_t classes) {
  int64_t best = 0;
  for (int64_t j = 0; j < classes; ++j) {
    if (std::isnan(row[j])) return -1;
    if (row[j] > row[best]) best = j;
  }
  return best;
}

// Whether class k is among the row's top `top_k` under the same order as
// Top1 (value descending, ties to the lower index): fewer than top_k classes
// rank ahead of it. The row must hold no NaN.
bool InTopK(const float* row, int64_t classes, int64_t k, int top_k) {
  int ahead = 0;
  for (int64_t j = 0; j < classes && ahead < top_k; ++j) {
    if (row[j] > row[k] || (row[j] == row[k] && j < k)) ++ahead;
  }
  return ahead < top_k;
}

double Ratio(int64_t part, int64_t whole) { return static_cast<double>(part) / static_cast<double>(whole); }

// One output of a batch: float32 in both, one shape, and labels that name a
// class of a classifier-shaped output. first_classes is the first batch's
// ClassifierClasses (-1 for the first batch itself).
Status CheckOutput(const std::string& name, const Tensor& reference, const Tensor& candidate,
                   const std::vector<int64_t>& labels, int64_t first_classes) {
  const std::string label = "output '" + name + "'";
  for (const Tensor* t : {&reference, &candidate}) {
    if (t->dtype() != DType::kFloat32) {
      return InvalidArgument(label + " of the " + (t == &reference ? "reference" : "candidate") + " is " +
                             DTypeName(t->dtype()) + "; accuracy compares float32 outputs");
    }
  }
  if (reference.shape() != candidate.shape()) {
    return InvalidArgument(label + " is " + ShapeToString(reference.shape()) + " in the reference, " +
                           ShapeToString(candidate.shape()) + " in the candidate");
  }
  const int64_t classes = ClassifierClasses(reference);
  if (first_classes >= 0 && classes != first_classes) {
    return InvalidArgument(label + " changed shape to " + ShapeToString(reference.shape()) + " after the first batch");
  }
  if (classes == 0 || labels.empty()) return Status::Ok();
  if (static_cast<int64_t>(labels.size()) != reference.dim(0)) {
    return InvalidArgument("the batch has " + std::to_string(labels.size()) + " labels for the " +
                           std::to_string(reference.dim(0)) + " samples of " + label);
  }
  for (size_t n = 0; n < labels.size(); ++n) {
    if (labels[n] < 0 || labels[n] >= classes) {
      return InvalidArgument("label " + std::to_string(labels[n]) + " of sample " + std::to_string(n) +
                             " of the batch is not one of the " + std::to_string(classes) + " classes of " + label);
    }
  }
  return Status::Ok();
}

}  // namespace

Status OutputAgreement::Add(const Session& reference, const Session& candidate, const std::vector<int64_t>& labels) {
  if (reference.num_outputs() != candidate.num_outputs()) {
    return InvalidArgument("the reference session has " + std::to_string(reference.num_outputs()) +
                           " outputs, the candidate " + std::to_string(candidate.num_outputs()));
  }
  std::vector<std::string> names;
  std::vector<Tensor> ref_outputs, cand_outputs;
  for (int i = 0; i < reference.num_outputs(); ++i) {
    if (reference.output_name(i) != candidate.output_name(i)) {
      return InvalidArgument("output " + std::to_string(i) + " is '" + reference.output_name(i) +
                             "' in the reference session, '" + candidate.output_name(i) + "' in the candidate");
    }
    names.push_back(reference.output_name(i));
    ref_outputs.push_back(reference.output(i));
    cand_outputs.push_back(candidate.output(i));
  }
  return Add(names, ref_outputs, cand_outputs, labels);
}

Status OutputAgreement::Add(const std::vector<std::string>& names, const std::vector<Tensor>& reference,
                            const std::vector<Tensor>& candidate, const std::vector<int64_t>& labels) {
  if (names.empty() || reference.size() != names.size() || candidate.size() != names.size()) {
    return InvalidArgument("a batch needs one reference and one candidate tensor per output name");
  }
  if (batches_ > 0) {
    bool same = names.size() == outputs_.size();
    for (size_t i = 0; same && i < names.size(); ++i) same = names[i] == outputs_[i].name;
    if (!same) return InvalidArgument("the outputs of this batch are not those of the first batch");
    if (labels.empty() == labeled_) {
      return InvalidArgument(labeled_ ? "this batch has no labels; the first one had"
                                      : "this batch has labels; the first one had none");
    }
  }
  // Check the whole batch before counting any of it, so a refused batch
  // leaves the sums as they were.
  for (size_t i = 0; i < names.size(); ++i) {
    const int64_t first_classes = batches_ > 0 ? outputs_[i].classes : -1;
    EB_RETURN_IF_ERROR(CheckOutput(names[i], reference[i], candidate[i], labels, first_classes));
  }
  if (batches_ == 0) {
    outputs_.assign(names.size(), Sums{});
    for (size_t i = 0; i < names.size(); ++i) {
      outputs_[i].name = names[i];
      outputs_[i].classes = ClassifierClasses(reference[i]);
    }
    labeled_ = !labels.empty();
  }
  for (size_t i = 0; i < names.size(); ++i) AddOutput(outputs_[i], reference[i], candidate[i], labels);
  ++batches_;
  return Status::Ok();
}

void OutputAgreement::AddOutput(Sums& s, const Tensor& reference, const Tensor& candidate,
                                const std::vector<int64_t>& labels) {
  const float* r = reference.data<float>();
  const float* c = candidate.data<float>();
  for (int64_t i = 0; i < reference.num_elements(); ++i) {
    // JSON holds no NaN or Inf: a pair with one is counted apart, and the
    // figures describe the finite pairs.
    if (!std::isfinite(r[i]) || !std::isfinite(c[i])) {
      ++s.non_finite;
      continue;
    }
    const double rv = r[i], cv = c[i], d = cv - rv;
    ++s.elements;
    s.max_abs = std::max(s.max_abs, std::abs(d));
    s.sum_abs += std::abs(d);
    s.sum_sq_diff += d * d;
    s.sum_sq_ref += rv * rv;
    s.sum_sq_cand += cv * cv;
    s.dot += cv * rv;
  }
  if (s.classes == 0) return;
  // Top-k agreement is top-k accuracy (the ILSVRC measure: a sample counts
  // when the true class is among the k highest-ranked; Russakovsky et al.,
  // "ImageNet Large Scale Visual Recognition Challenge", IJCV 2015) with the
  // reference's top-1 standing in for the true class. A NaN row never agrees.
  for (int64_t n = 0; n < reference.dim(0); ++n) {
    const float* rr = r + n * s.classes;
    const float* cr = c + n * s.classes;
    const int64_t ref_top1 = Top1(rr, s.classes);
    const int64_t cand_top1 = Top1(cr, s.classes);
    ++s.rows;
    if (ref_top1 >= 0 && cand_top1 == ref_top1) ++s.top1_agree;
    if (ref_top1 >= 0 && cand_top1 >= 0 && InTopK(cr, s.classes, ref_top1, kTopK)) ++s.top5_agree;
    if (!labels.empty()) {
      if (cand_top1 == labels[n]) ++s.top1_correct;
      if (ref_top1 == labels[n]) ++s.reference_top1_correct;
    }
  }
}

std::vector<OutputMetrics> OutputAgreement::Metrics() const {
  std::vector<OutputMetrics> all;
  for (const Sums& s : outputs_) {
    OutputMetrics m;
    m.name = s.name;
    m.elements = s.elements;
    m.non_finite = s.non_finite;
    if (s.elements == 0) {
      m.errors_reason = "no element is finite in both outputs";
      m.rel_l2_reason = m.cosine_reason = m.errors_reason;
    } else {
      m.max_abs_err = s.max_abs;
      m.mean_abs_err = s.sum_abs / static_cast<double>(s.elements);
      if (s.sum_sq_ref > 0) {
        m.rel_l2 = std::sqrt(s.sum_sq_diff) / std::sqrt(s.sum_sq_ref);
      } else if (s.sum_sq_diff == 0) {
        m.rel_l2 = 0.0;  // both all zeros: no error at all
      } else {
        m.rel_l2_reason = "the reference output is all zeros, so a relative error is undefined";
      }
      if (s.sum_sq_ref > 0 && s.sum_sq_cand > 0) {
        // sqrt(a * b), not sqrt(a) * sqrt(b): identical outputs then give
        // exactly 1 (dot == a == b). Split only where the product overflows.
        const double product = s.sum_sq_cand * s.sum_sq_ref;
        const double norms =
            std::isfinite(product) ? std::sqrt(product) : std::sqrt(s.sum_sq_cand) * std::sqrt(s.sum_sq_ref);
        m.cosine = std::clamp(s.dot / norms, -1.0, 1.0);  // rounding can step just past +-1
      } else if (s.sum_sq_ref == 0 && s.sum_sq_cand == 0) {
        m.cosine = 1.0;  // both all zeros: identical, though the angle is undefined
      } else {
        m.cosine_reason = std::string("the ") + (s.sum_sq_ref == 0 ? "reference" : "candidate") +
                          " output is all zeros, so the angle is undefined";
      }
    }
    m.classes = s.classes;
    m.rows = s.rows;
    if (s.classes > 0 && s.rows > 0) {
      m.top1_agreement = Ratio(s.top1_agree, s.rows);
      if (s.classes > kTopK) {
        m.top5_agreement = Ratio(s.top5_agree, s.rows);
      } else {
        m.top5_agreement_reason = std::to_string(s.classes) + " classes: every class is in the top 5";
      }
      if (labeled_) {
        m.top1_accuracy = Ratio(s.top1_correct, s.rows);
        m.reference_top1_accuracy = Ratio(s.reference_top1_correct, s.rows);
      }
    }
    all.push_back(std::move(m));
  }
  return all;
}

}  // namespace edgebench
