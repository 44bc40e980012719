#include "harness/inspect/model_summary.h"

#include <gtest/gtest.h>

#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

TEST(ModelSummaryTest, ReportsIoOpsCostAndMemory) {
  auto model = LoadModelFromBytes(testing::Serialize(testing::MakeChainModel({1, 8})), "/tmp", "chain.onnx");
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  auto session = Session::Create(*model).value();
  const ModelSummary s = SummarizeModel(*session);
  EXPECT_EQ(s.opset, 13);
  ASSERT_EQ(s.inputs.size(), 1u);
  EXPECT_EQ(s.inputs[0].shape, (Shape{1, 8}));
  EXPECT_EQ(s.op_histogram.at("Relu"), 2);
  EXPECT_EQ(s.op_histogram.at("Add"), 1);
  EXPECT_EQ(s.total.flops, 3 * 8);  // element-wise model: one FLOP per output element
  // 'a' and 'b' share a buffer (in place), 'y' is the graph output: two 64-byte slots.
  EXPECT_EQ(s.peak_activation_bytes, 128u);
  EXPECT_EQ(s.activation_lower_bound_bytes, 128u);
  ASSERT_EQ(s.layers.size(), 3u);
  EXPECT_EQ(s.layers[1].name, "add");

  const std::string text = FormatSummary(s, true);
  EXPECT_NE(text.find("input     x float32[1, 8]"), std::string::npos) << text;
  EXPECT_NE(text.find("peak activations 128 B, lower bound 128 B (1.000x)"), std::string::npos) << text;
  EXPECT_NE(text.find(" Add:1 Relu:2"), std::string::npos) << text;

  const nlohmann::json json = ToJson(s);
  EXPECT_EQ(json["memory"]["peak_activation_bytes"], 128);
  EXPECT_EQ(json["layers"].size(), 3u);
}

}  // namespace
}  // namespace edgebench
