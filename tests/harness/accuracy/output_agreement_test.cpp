#include "harness/accuracy/output_agreement.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "runtime/onnx/model_loader.h"
#include "runtime/session/session.h"
#include "tests/support/tensor_values.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

using testing::MakeTensor;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

Tensor F32(const Shape& shape, const std::vector<double>& values) {
  return MakeTensor(DType::kFloat32, shape, values);
}

// Adds one batch of one output named "y".
Status AddOne(OutputAgreement& agreement, const Tensor& reference, const Tensor& candidate,
              const std::vector<int64_t>& labels = {}) {
  return agreement.Add({"y"}, {reference}, {candidate}, labels);
}

TEST(OutputAgreementTest, IdenticalOutputsHaveNoErrorCosineOneAndFullAgreement) {
  OutputAgreement agreement;
  const Tensor y = F32({2, 3}, {1, 2, 3, 6, 5, 4});
  ASSERT_TRUE(AddOne(agreement, y, y).ok());
  const OutputMetrics m = agreement.Metrics().at(0);
  EXPECT_EQ(m.name, "y");
  EXPECT_EQ(m.elements, 6);
  EXPECT_EQ(m.non_finite, 0);
  EXPECT_EQ(*m.max_abs_err, 0.0);
  EXPECT_EQ(*m.mean_abs_err, 0.0);
  EXPECT_EQ(*m.rel_l2, 0.0);
  EXPECT_DOUBLE_EQ(*m.cosine, 1.0);
  EXPECT_EQ(m.classes, 3);
  EXPECT_EQ(m.rows, 2);
  EXPECT_EQ(*m.top1_agreement, 1.0);
  EXPECT_FALSE(m.top5_agreement);  // 3 classes: every class is in the top 5
  EXPECT_EQ(m.top5_agreement_reason, "3 classes: every class is in the top 5");
  EXPECT_FALSE(m.top1_accuracy);  // no labels
}

// Reference (3, 4) with norm 5, candidate (3.5, 3.5): the error (0.5, -0.5)
// has norm sqrt(0.5); <c, r> = 24.5 and ||c|| = sqrt(24.5), so cosine =
// 24.5 / (5 sqrt(24.5)) = sqrt(24.5) / 5. A second batch of zeros in both
// leaves the norms and adds two zero errors to the mean.
TEST(OutputAgreementTest, AKnownPerturbationGivesTheHandComputedFigures) {
  OutputAgreement agreement;
  ASSERT_TRUE(AddOne(agreement, F32({2}, {3, 4}), F32({2}, {3.5, 3.5})).ok());
  ASSERT_TRUE(AddOne(agreement, F32({2}, {0, 0}), F32({2}, {0, 0})).ok());
  EXPECT_EQ(agreement.batches(), 2);
  const OutputMetrics m = agreement.Metrics().at(0);
  EXPECT_EQ(m.elements, 4);
  EXPECT_DOUBLE_EQ(*m.max_abs_err, 0.5);
  EXPECT_DOUBLE_EQ(*m.mean_abs_err, 1.0 / 4);
  EXPECT_DOUBLE_EQ(*m.rel_l2, std::sqrt(0.5) / 5);
  EXPECT_DOUBLE_EQ(*m.cosine, std::sqrt(24.5) / 5);
  EXPECT_EQ(m.classes, 0);  // rank 1: not classifier-shaped
  EXPECT_FALSE(m.top1_agreement);
}

TEST(OutputAgreementTest, ZeroOutputsMakeRelativeFiguresUndefinedUnlessBothAreZero) {
  OutputAgreement both;
  ASSERT_TRUE(AddOne(both, F32({2}, {0, 0}), F32({2}, {0, 0})).ok());
  EXPECT_EQ(*both.Metrics()[0].rel_l2, 0.0);
  EXPECT_EQ(*both.Metrics()[0].cosine, 1.0);

  OutputAgreement zero_reference;
  ASSERT_TRUE(AddOne(zero_reference, F32({2}, {0, 0}), F32({2}, {1, 0})).ok());
  const OutputMetrics m = zero_reference.Metrics()[0];
  EXPECT_FALSE(m.rel_l2);
  EXPECT_EQ(m.rel_l2_reason, "the reference output is all zeros, so a relative error is undefined");
  EXPECT_FALSE(m.cosine);
  EXPECT_EQ(m.cosine_reason, "the reference output is all zeros, so the angle is undefined");
  EXPECT_DOUBLE_EQ(*m.max_abs_err, 1.0);
}

// Seven classes, five samples, ranking by value with ties to the lower index:
// row 0: reference top-1 is 2; the candidate ties 1 and 2, so its top-1 is 1
//        (disagrees) and 2 is second (within the top 5).
// row 1: the reference ties 3 and 5, so its top-1 is 3; the candidate's is 3.
// row 2: reference top-1 6; five candidate classes are larger: not in the top 5.
// row 3: reference top-1 0; four candidate classes are larger and class 5
//        ties with 0 but ranks after it: 0 is fifth, within the top 5.
// row 4: reference top-1 6; four candidate classes are larger and class 4 ties
//        with 6 and ranks ahead of it: 6 is sixth, not in the top 5.
TEST(OutputAgreementTest, TopOneAndTopFiveFollowTheRankingWithTiesToTheLowerIndex) {
  const Tensor reference = F32({5, 7}, {0, 1, 9, 0, 0, 0, 0,  //
                                       0, 0, 0, 8, 0, 8, 0,   //
                                       0, 0, 0, 0, 0, 0, 9,   //
                                       9, 0, 0, 0, 0, 0, 0,   //
                                       0, 0, 0, 0, 0, 0, 9});
  const Tensor candidate = F32({5, 7}, {0, 5, 5, 0, 0, 0, 0,  //
                                        0, 0, 0, 7, 0, 1, 0,  //
                                        5, 5, 5, 5, 5, 0, 1,  //
                                        1, 5, 5, 5, 5, 1, 0,  //
                                        5, 5, 5, 5, 1, 0, 1});
  const std::vector<int64_t> labels = {1, 3, 6, 0, 6};
  OutputAgreement agreement;
  ASSERT_TRUE(AddOne(agreement, reference, candidate, labels).ok());
  const OutputMetrics m = agreement.Metrics().at(0);
  EXPECT_EQ(m.classes, 7);
  EXPECT_DOUBLE_EQ(*m.top1_agreement, 1.0 / 5);  // row 1
  EXPECT_DOUBLE_EQ(*m.top5_agreement, 3.0 / 5);  // rows 0, 1, 3
  // Candidate top-1s 1, 3, 0, 1, 0 against labels 1, 3, 6, 0, 6: rows 0, 1.
  EXPECT_DOUBLE_EQ(*m.top1_accuracy, 2.0 / 5);
  // Reference top-1s 2, 3, 6, 0, 6: rows 1-4.
  EXPECT_DOUBLE_EQ(*m.reference_top1_accuracy, 4.0 / 5);
}

TEST(OutputAgreementTest, TrailingDimsOfOneAreStillAClassifier) {
  OutputAgreement agreement;
  const Tensor y = F32({2, 3, 1, 1}, {1, 2, 3, 6, 5, 4});
  ASSERT_TRUE(AddOne(agreement, y, y, {2, 1}).ok());
  const OutputMetrics m = agreement.Metrics()[0];
  EXPECT_EQ(m.classes, 3);
  EXPECT_DOUBLE_EQ(*m.top1_accuracy, 0.5);  // top-1s 2 and 0

  OutputAgreement not_classifier;
  const Tensor map = F32({1, 2, 2}, {1, 2, 3, 4});
  ASSERT_TRUE(AddOne(not_classifier, map, map).ok());
  EXPECT_EQ(not_classifier.Metrics()[0].classes, 0);
}

TEST(OutputAgreementTest, NonFiniteValuesAreCountedApartAndNeverAgree) {
  OutputAgreement agreement;
  // Row 0 holds a NaN in the candidate, row 1 an Inf in the reference.
  const Tensor reference = F32({2, 3}, {1, 2, 3, kInf, 2, 1});
  const Tensor candidate = F32({2, 3}, {1, kNaN, 4, 3, 2, 1});
  ASSERT_TRUE(AddOne(agreement, reference, candidate, {2, 0}).ok());
  const OutputMetrics m = agreement.Metrics()[0];
  EXPECT_EQ(m.non_finite, 2);
  EXPECT_EQ(m.elements, 4);
  EXPECT_DOUBLE_EQ(*m.max_abs_err, 1.0);  // the finite pairs: 1-1, 3-4, 2-2, 1-1
  EXPECT_DOUBLE_EQ(*m.mean_abs_err, 0.25);
  EXPECT_FALSE(std::isnan(*m.rel_l2));
  EXPECT_FALSE(std::isnan(*m.cosine));
  // Row 0: the candidate has no top-1 (NaN). Row 1: +Inf ranks first, so the
  // reference's top-1 is 0, which the candidate shares.
  EXPECT_DOUBLE_EQ(*m.top1_agreement, 0.5);
  EXPECT_DOUBLE_EQ(*m.top1_accuracy, 0.5);            // row 1: label 0
  EXPECT_DOUBLE_EQ(*m.reference_top1_accuracy, 1.0);  // 2 and 0

  OutputAgreement all_nan;
  ASSERT_TRUE(AddOne(all_nan, F32({2}, {1, 2}), F32({2}, {kNaN, kNaN})).ok());
  const OutputMetrics n = all_nan.Metrics()[0];
  EXPECT_EQ(n.elements, 0);
  EXPECT_EQ(n.non_finite, 2);
  EXPECT_FALSE(n.max_abs_err || n.mean_abs_err || n.rel_l2 || n.cosine);
  EXPECT_EQ(n.errors_reason, "no element is finite in both outputs");
}

TEST(OutputAgreementTest, BadBatchesAreRefusedAndLeaveTheSumsAsTheyWere) {
  OutputAgreement agreement;
  const Tensor y = F32({2, 3}, {1, 2, 3, 6, 5, 4});
  ASSERT_TRUE(AddOne(agreement, y, y, {2, 0}).ok());

  const Status int_output = AddOne(agreement, y, MakeTensor(DType::kInt64, {2, 3}, {1, 2, 3, 4, 5, 6}), {2, 0});
  EXPECT_EQ(int_output.message(), "output 'y' of the candidate is int64; accuracy compares float32 outputs");
  const Status shape = AddOne(agreement, y, F32({3, 2}, {1, 2, 3, 4, 5, 6}), {2, 0});
  EXPECT_EQ(shape.message(), "output 'y' is [2, 3] in the reference, [3, 2] in the candidate");
  const Status label = AddOne(agreement, y, y, {2, 3});
  EXPECT_EQ(label.message(), "label 3 of sample 1 of the batch is not one of the 3 classes of output 'y'");
  const Status count = AddOne(agreement, y, y, {2});
  EXPECT_EQ(count.message(), "the batch has 1 labels for the 2 samples of output 'y'");
  EXPECT_FALSE(AddOne(agreement, y, y).ok());  // the first batch had labels
  EXPECT_FALSE(agreement.Add({"z"}, {y}, {y}, {2, 0}).ok());

  EXPECT_EQ(agreement.batches(), 1);
  const OutputMetrics m = agreement.Metrics()[0];
  EXPECT_EQ(m.elements, 6);
  EXPECT_EQ(m.rows, 2);
  EXPECT_EQ(*m.max_abs_err, 0.0);
}

TEST(OutputAgreementTest, SessionsAreComparedByTheirOutputs) {
  auto model = LoadModelFromBytes(testing::Serialize(testing::MakeChainModel({1, 8})), "", "chain");
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  auto session = Session::Create(*model);
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  ASSERT_TRUE((*session)->Run({F32({1, 8}, {-1, 2, -3, 4, -5, 6, -7, 8})}).ok());
  OutputAgreement agreement;
  ASSERT_TRUE(agreement.Add(**session, **session, {7}).ok());
  const OutputMetrics m = agreement.Metrics().at(0);
  EXPECT_EQ(m.name, (*session)->output_name(0));
  EXPECT_EQ(m.elements, 8);
  EXPECT_EQ(*m.rel_l2, 0.0);
  EXPECT_EQ(*m.reference_top1_accuracy, 1.0);  // Relu(Relu(x) + x): 16 at class 7
}

}  // namespace
}  // namespace edgebench
