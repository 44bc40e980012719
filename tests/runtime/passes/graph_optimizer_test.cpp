#include "runtime/passes/graph_optimizer.h"

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <string>
#include <vector>

#include "harness/zoo/zoo.h"
#include "runtime/precision/float16_converter.h"
#include "runtime/quant/qdq_quantizer.h"
#include "tests/runtime/passes/pass_test_util.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

using testing::CountOps;
using testing::RelL2;
using testing::RunOutputs;

const GraphPassReport* FindPass(const GraphOptimizationReport& report, const std::string& name) {
  for (const GraphPassReport& p : report.passes) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

TEST(GraphOptimizerTest, ParsesTheThreeLevels) {
  for (OptLevel level : {OptLevel::kNone, OptLevel::kBasic, OptLevel::kAll}) {
    auto parsed = ParseOptLevel(OptLevelName(level));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, level);
  }
  auto bad = ParseOptLevel("extended");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("'extended'"), std::string::npos);
}

TEST(GraphOptimizerTest, NoneLeavesTheModelAsItIs) {
  auto built = zoo::BuildResNet18(42);
  ASSERT_TRUE(built.ok());
  onnx::ModelProto m = *built;
  GraphOptimizationReport report;
  ASSERT_TRUE(OptimizeModel(m, OptLevel::kNone, &report).ok());
  EXPECT_EQ(m.SerializeAsString(), built->SerializeAsString());
  EXPECT_TRUE(report.passes.empty());
  EXPECT_EQ(report.nodes_before, report.nodes_after);
}

// Every zoo model at every level computes what it computed before, to float
// rounding (the folded weights are re-associated products), in fewer nodes.
TEST(GraphOptimizerTest, EveryZooModelKeepsItsOutputsAtEveryLevel) {
  for (const zoo::ZooModel& entry : zoo::Models()) {
    SCOPED_TRACE(entry.name);
    auto built = entry.build(42);
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    const std::vector<float> reference = RunOutputs(*built);
    ASSERT_FALSE(reference.empty());
    int previous_nodes = built->graph().node_size();
    for (OptLevel level : {OptLevel::kBasic, OptLevel::kAll}) {
      SCOPED_TRACE(OptLevelName(level));
      onnx::ModelProto m = *built;
      GraphOptimizationReport report;
      const Status s = OptimizeModel(m, level, &report);
      ASSERT_TRUE(s.ok()) << s.ToString();
      EXPECT_EQ(report.nodes_before, built->graph().node_size());
      EXPECT_EQ(report.nodes_after, m.graph().node_size());
      EXPECT_LE(report.nodes_after, previous_nodes);
      previous_nodes = report.nodes_after;
      int rewrites = 0;
      for (const GraphPassReport& p : report.passes) {
        // Each rewrite of these passes removes one node (a float model has no QDQ to fuse).
        EXPECT_EQ(p.nodes_before - p.nodes_after, p.rewrites) << p.name;
        rewrites += p.rewrites;
      }
      EXPECT_EQ(report.nodes_before - report.nodes_after, rewrites);
      EXPECT_LT(RelL2(reference, RunOutputs(m)), 1e-5);
    }
  }
}

TEST(GraphOptimizerTest, ResNet18FoldsEveryBatchNormAndFusesEveryConvRelu) {
  auto built = zoo::BuildResNet18(42);
  ASSERT_TRUE(built.ok());
  const int batch_norms = CountOps(*built, "BatchNormalization");
  ASSERT_GT(batch_norms, 0);
  onnx::ModelProto m = *built;
  GraphOptimizationReport report;
  ASSERT_TRUE(OptimizeModel(m, OptLevel::kAll, &report).ok());
  ASSERT_NE(FindPass(report, "batchnorm_into_conv"), nullptr);
  EXPECT_EQ(FindPass(report, "batchnorm_into_conv")->rewrites, batch_norms);
  EXPECT_EQ(CountOps(m, "BatchNormalization"), 0);
  // Every residual Add fuses into a Conv as its Z, and the Relu after it
  // then fuses into that FusedConv.
  const int adds = CountOps(*built, "Add");
  ASSERT_NE(FindPass(report, "residual_add_fusion"), nullptr);
  EXPECT_EQ(FindPass(report, "residual_add_fusion")->rewrites, adds);
  EXPECT_EQ(CountOps(m, "Add"), 0);
  EXPECT_GT(CountOps(m, "FusedConv"), 0);
  EXPECT_EQ(CountOps(m, "Relu"), 0);
  EXPECT_FALSE(report.qdq_fusion_ran) << "a float model has no QDQ to fuse";
}

// The passes run after the float16 conversion: BN folds in float32 from the
// half weights and is rounded back once, so a Conv's Relu is next to it again.
TEST(GraphOptimizerTest, Float16ModelsFoldBatchNormAndFuseActivations) {
  auto built = zoo::BuildDsCnnKws(42);
  ASSERT_TRUE(built.ok());
  onnx::ModelProto half = *built;
  Float16ConversionReport conversion;
  ASSERT_TRUE(ConvertToFloat16(half, &conversion).ok());
  const int batch_norms = CountOps(half, "BatchNormalization");
  ASSERT_GT(batch_norms, 0);
  const std::vector<float> reference = RunOutputs(half);
  GraphOptimizationReport report;
  ASSERT_TRUE(OptimizeModel(half, OptLevel::kAll, &report).ok());
  EXPECT_EQ(FindPass(report, "batchnorm_into_conv")->rewrites, batch_norms);
  EXPECT_EQ(CountOps(half, "BatchNormalization"), 0);
  EXPECT_GT(CountOps(half, "FusedConv"), 0);
  // Weights rounded to half once more: float16 precision, not float32's.
  EXPECT_LT(RelL2(reference, RunOutputs(half)), 5e-3);
}

TEST(GraphOptimizerTest, QdqFusionRunsAtAllOnly) {
  auto built = zoo::BuildMlpAutoencoder(42);
  ASSERT_TRUE(built.ok());
  onnx::ModelProto quantized = *built;
  QuantizerSettings settings;
  QuantizationReport quantization;
  ASSERT_TRUE(QuantizeDynamic(quantized, settings, &quantization).ok());
  ASSERT_TRUE(IsQuantizedModel(quantized));

  onnx::ModelProto basic = quantized;
  GraphOptimizationReport basic_report;
  ASSERT_TRUE(OptimizeModel(basic, OptLevel::kBasic, &basic_report).ok());
  EXPECT_FALSE(basic_report.qdq_fusion_ran);
  EXPECT_EQ(FindPass(basic_report, "qdq_fusion"), nullptr);

  onnx::ModelProto all = quantized;
  GraphOptimizationReport all_report;
  ASSERT_TRUE(OptimizeModel(all, OptLevel::kAll, &all_report).ok());
  ASSERT_NE(FindPass(all_report, "qdq_fusion"), nullptr);
  EXPECT_TRUE(all_report.qdq_fusion_ran);
}

}  // namespace
}  // namespace edgebench
