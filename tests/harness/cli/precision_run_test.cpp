// Precisions end to end (issue 6): the digits suite's trained CNN at fp32 and
// int8 on its held-out test set, and `edgebench quantize` writing a QDQ model
// that then runs as a model quantized before edgebench saw it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "runtime/onnx/model_loader.h"
#include "runtime/quant/onnx_model_edit.h"
#include "runtime/quant/qdq_quantizer.h"
#include "tests/support/subprocess.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

namespace fs = std::filesystem;
using testing::RunEdgebench;

const std::string kDigits = std::string(EDGEBENCH_SOURCE_DIR) + "/suites/data/digits";

nlohmann::json ReadJson(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in, nullptr, false);
}

const nlohmann::json* FindResult(const nlohmann::json& doc, const std::string& precision,
                                 const std::string& model = "") {
  for (const auto& r : doc["results"]) {
    if (r["config"]["precision"] == precision && (model.empty() || r["config"]["model"] == model)) return &r;
  }
  return nullptr;
}

TEST(PrecisionRunTest, DigitsInt8StaysWithinOnePointOfFp32) {
  const std::string dir = testing::MakeTempDir("eb_precision_");
  ASSERT_EQ(RunEdgebench("run " + std::string(EDGEBENCH_SOURCE_DIR) + "/suites/digits.json --out " + dir +
                         " --quiet --no-report --precisions fp32,int8 --min-time 20 --max-time 200"),
            0);
  const nlohmann::json doc = ReadJson(dir + "/results.json");
  ASSERT_FALSE(doc.is_discarded());
  const nlohmann::json* fp32 = FindResult(doc, "fp32", "digits_cnn");
  const nlohmann::json* int8 = FindResult(doc, "int8", "digits_cnn");
  ASSERT_TRUE(fp32 && int8);
  ASSERT_EQ((*fp32)["status"], "ok") << (*fp32)["error"];
  ASSERT_EQ((*int8)["status"], "ok") << (*int8)["error"];

  // FP32 at opt level all on the 360 held-out digits: against the FP32 ref
  // model without passes (the passes' check), and its top-1 accuracy.
  const nlohmann::json& a32 = (*fp32)["accuracy"];
  ASSERT_TRUE(a32["available"].get<bool>()) << a32.dump();
  EXPECT_EQ(a32["reference"], "fp32 ref");
  EXPECT_EQ(a32["inputs"]["samples"], 360);
  EXPECT_LT(a32["rel_l2"].get<double>(), 1e-5);
  EXPECT_GE(a32["top1_accuracy"].get<double>(), 0.97);

  // INT8 against the FP32 ref outputs on the same inputs, and against labels.
  const nlohmann::json& a8 = (*int8)["accuracy"];
  ASSERT_TRUE(a8["available"].get<bool>()) << a8.dump();
  EXPECT_EQ(a8["reference"], "fp32 ref");
  for (const char* f : {"max_abs_err", "mean_abs_err", "rel_l2", "cosine", "top1_agreement", "top5_agreement"}) {
    EXPECT_TRUE(a8.contains(f)) << f;
  }
  EXPECT_NEAR(a8["reference_top1_accuracy"].get<double>(), a32["reference_top1_accuracy"].get<double>(), 1e-12);
  EXPECT_GE(a8["top1_accuracy"].get<double>(), a32["top1_accuracy"].get<double>() - 0.01);
  EXPECT_GT(a8["cosine"].get<double>(), 0.99);

  // Static quantization calibrated on the calibration folder, every node fused.
  const nlohmann::json& p = (*int8)["precision"];
  EXPECT_EQ(p["mode"], "static");
  EXPECT_EQ(p["calibration"]["source"], "the calibration folder");
  EXPECT_EQ(p["calibration"]["samples"], 16);
  EXPECT_GT(p["fusion"]["integer_nodes"].get<int>(), 0);
  EXPECT_EQ(p["fusion"]["float_fallback_nodes"], 0);
  EXPECT_LT((*int8)["memory"]["weights_bytes"].get<double>(), 0.5 * (*fp32)["memory"]["weights_bytes"].get<double>());

  // PyTorch's int8 export of the same network: int8 only, top-1 on the labels.
  const nlohmann::json* torch_fp32 = FindResult(doc, "fp32", "digits_cnn_torch_int8");
  const nlohmann::json* torch_int8 = FindResult(doc, "int8", "digits_cnn_torch_int8");
  ASSERT_TRUE(torch_fp32 && torch_int8);
  EXPECT_EQ((*torch_fp32)["status"], "unsupported");
  ASSERT_EQ((*torch_int8)["status"], "ok") << (*torch_int8)["error"];
  const nlohmann::json& at = (*torch_int8)["accuracy"];
  ASSERT_TRUE(at["available"].get<bool>()) << at.dump();
  EXPECT_EQ(at["reference"], "self");
  EXPECT_GE(at["top1_accuracy"].get<double>(), a32["top1_accuracy"].get<double>() - 0.02);
  fs::remove_all(dir);
}

TEST(PrecisionRunTest, QuantizeWritesAQdqModelThatRunsAsPrequantized) {
  const std::string dir = testing::MakeTempDir("eb_quantize_");
  const std::string out = dir + "/digits_int8.onnx";
  ASSERT_EQ(RunEdgebench("quantize " + kDigits + "/digits_cnn.onnx --calib " + kDigits +
                         "/calibration --method entropy -o " + out + " --json " + dir + "/q.json"),
            0);
  auto proto = ReadModelProto(out);
  ASSERT_TRUE(proto.ok());
  EXPECT_TRUE(IsQuantizedModel(*proto));
  // Standard ONNX: only default-domain ops, so other runtimes can load it.
  for (const auto& node : proto->graph().node()) EXPECT_TRUE(node.domain().empty()) << node.op_type();
  ASSERT_TRUE(LoadModel(out).ok());
  const nlohmann::json report = ReadJson(dir + "/q.json");
  EXPECT_EQ(report["calibration"]["method"], "entropy");

  const nlohmann::json suite = {{"schema", "edgebench.suite/1"},
                                {"name", "prequantized"},
                                {"models", {out}},
                                {"axes", {{"precisions", {"fp32", "int8"}}}},
                                {"run", {{"min_iterations", 3}, {"min_time_ms", 10}, {"max_time_ms", 100}}}};
  std::ofstream(dir + "/suite.json") << suite.dump();
  ASSERT_EQ(RunEdgebench("run " + dir + "/suite.json --out " + dir + "/run --quiet --no-report"), 0);
  const nlohmann::json doc = ReadJson(dir + "/run/results.json");
  const nlohmann::json* fp32 = FindResult(doc, "fp32");
  const nlohmann::json* int8 = FindResult(doc, "int8");
  ASSERT_TRUE(fp32 && int8);
  EXPECT_EQ((*fp32)["status"], "unsupported");
  EXPECT_NE((*fp32)["error"].get<std::string>().find("already quantized"), std::string::npos);
  ASSERT_EQ((*int8)["status"], "ok") << (*int8)["error"];
  EXPECT_EQ((*int8)["precision"]["mode"], "prequantized");
  EXPECT_GT((*int8)["precision"]["fusion"]["integer_nodes"].get<int>(), 0);
  EXPECT_FALSE((*int8)["accuracy"]["available"].get<bool>());
  fs::remove_all(dir);
}

TEST(PrecisionRunTest, QuantizeRefusesBadInput) {
  const std::string dir = testing::MakeTempDir("eb_quantize_bad_");
  const std::string garbage = dir + "/garbage.onnx";
  std::ofstream(garbage) << "not a model";
  EXPECT_EQ(RunEdgebench("quantize " + garbage + " -o " + dir + "/out.onnx"), 2);
  EXPECT_EQ(RunEdgebench("quantize " + kDigits + "/digits_cnn.onnx --method magic -o " + dir + "/out.onnx"), 2);
  EXPECT_FALSE(fs::exists(dir + "/out.onnx"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace edgebench
