// Bad input gets a clear error, never a crash: every case below must come
// back as a Status naming what is wrong.
#include "runtime/onnx/model_loader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

using testing::AddFloatInitializer;
using testing::AddNode;
using testing::AddOutput;
using testing::MakeChainModel;
using testing::MakeModel;
using testing::Serialize;

Status LoadBytes(const std::string& bytes, LoadOptions options = {}) {
  return LoadModelFromBytes(bytes, "/tmp", "test.onnx", options).status();
}

void ExpectError(const Status& s, ErrorCode code, const std::string& needle) {
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), code) << s.ToString();
  EXPECT_NE(s.message().find(needle), std::string::npos) << "message: " << s.message();
}

TEST(ModelLoaderTest, LoadsAWellFormedModel) {
  auto model = LoadModelFromBytes(Serialize(MakeChainModel()), "/tmp", "chain.onnx");
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  const Graph& g = (*model)->graph;
  EXPECT_EQ(g.opset, 13);
  ASSERT_EQ(g.nodes.size(), 3u);
  EXPECT_EQ(g.nodes[0].name, "relu1");
  EXPECT_EQ(g.inputs.size(), 1u);
  EXPECT_EQ(g.outputs.size(), 1u);
}

TEST(ModelLoaderTest, MissingFile) {
  ExpectError(LoadModel("/nonexistent/model.onnx").status(), ErrorCode::kNotFound, "does not exist");
}

TEST(ModelLoaderTest, EmptyFile) { ExpectError(LoadBytes(""), ErrorCode::kInvalidArgument, "empty"); }

TEST(ModelLoaderTest, TruncatedFile) {
  onnx::ModelProto m = MakeChainModel();
  AddFloatInitializer(m, "w", {64}, std::vector<float>(64, 1.0f));
  const std::string bytes = Serialize(m);
  // Every cut either fails to parse or leaves a model that fails a check.
  for (size_t cut : {bytes.size() / 4, bytes.size() / 2, bytes.size() - 3}) {
    const Status s = LoadBytes(bytes.substr(0, cut));
    EXPECT_FALSE(s.ok()) << "cut at " << cut;
  }
}

TEST(ModelLoaderTest, RandomBytes) {
  std::mt19937 rng(1234);
  for (int trial = 0; trial < 50; ++trial) {
    std::string bytes(1 + rng() % 4096, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    const Status s = LoadBytes(bytes);
    EXPECT_FALSE(s.ok());
    EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
  }
}

TEST(ModelLoaderTest, ProtobufThatIsNotAModel) {
  // A TensorProto holding only dims parses as a ModelProto (field 1 is a
  // varint in both) but has no graph.
  onnx::TensorProto t;
  t.add_dims(3);
  ExpectError(LoadBytes(t.SerializeAsString()), ErrorCode::kInvalidArgument, "not an ONNX model");
}

TEST(ModelLoaderTest, CycleIsRejectedWithTheNodesInvolved) {
  onnx::ModelProto m = MakeModel({1, 4});
  AddNode(m, "Add", {"x", "c"}, {"a"}, "first");
  AddNode(m, "Relu", {"a"}, {"c"}, "second");
  AddOutput(m, "c", {1, 4});
  LoadOptions no_checker;
  no_checker.run_checker = false;  // our own topological sort must catch it
  ExpectError(LoadBytes(Serialize(m), no_checker), ErrorCode::kInvalidArgument, "cycle");
  EXPECT_FALSE(LoadBytes(Serialize(m)).ok());
}

TEST(ModelLoaderTest, DanglingInputNamesTheNode) {
  onnx::ModelProto m = MakeModel({1, 4});
  AddNode(m, "Add", {"x", "ghost"}, {"y"}, "adder");
  AddOutput(m, "y", {1, 4});
  LoadOptions no_checker;
  no_checker.run_checker = false;
  ExpectError(LoadBytes(Serialize(m), no_checker), ErrorCode::kInvalidArgument, "'ghost'");
  EXPECT_FALSE(LoadBytes(Serialize(m)).ok());
}

TEST(ModelLoaderTest, ListsEveryUnsupportedOpWithNodeNames) {
  onnx::ModelProto m = MakeModel({1, 4});
  AddNode(m, "Det", {"x"}, {"a"}, "det_a");
  AddNode(m, "Relu", {"a"}, {"b"}, "relu");
  AddNode(m, "Det", {"b"}, {"c"}, "det_b");
  AddNode(m, "Hardmax", {"c"}, {"y"}, "hardmax");
  AddOutput(m, "y", {1, 4});
  LoadOptions no_checker;
  no_checker.run_checker = false;  // Det needs square matrices; we test our message, not ONNX's checker
  const Status s = LoadBytes(Serialize(m), no_checker);
  ExpectError(s, ErrorCode::kUnsupported, "unsupported ops: ");
  EXPECT_NE(s.message().find("Det (nodes 'det_a', 'det_b')"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("Hardmax (node 'hardmax')"), std::string::npos) << s.message();
}

TEST(ModelLoaderTest, UnknownDtypeIsNamed) {
  onnx::ModelProto m = MakeChainModel();
  m.mutable_graph()->mutable_input(0)->mutable_type()->mutable_tensor_type()->set_elem_type(
      onnx::TensorProto::COMPLEX128);
  ExpectError(LoadBytes(Serialize(m)), ErrorCode::kUnsupported, "complex128");
}

TEST(ModelLoaderTest, InitializerWithTooFewValues) {
  onnx::ModelProto m = MakeChainModel();
  AddFloatInitializer(m, "w", {4, 4}, {1.0f, 2.0f});
  LoadOptions no_checker;
  no_checker.run_checker = false;
  ExpectError(LoadBytes(Serialize(m), no_checker), ErrorCode::kInvalidArgument, "tensor 'w'");
}

TEST(ModelLoaderTest, ShapeWhoseSizeOverflowsIsRefusedBeforeAllocating) {
  onnx::ModelProto m = MakeChainModel();
  auto* t = m.mutable_graph()->add_initializer();
  t->set_name("huge");
  t->set_data_type(onnx::TensorProto::FLOAT);
  for (int i = 0; i < 4; ++i) t->add_dims(int64_t{1} << 20);
  LoadOptions no_checker;
  no_checker.run_checker = false;
  ExpectError(LoadBytes(Serialize(m), no_checker), ErrorCode::kResourceExhausted, "overflows");
}

TEST(ModelLoaderTest, TensorOverTheMemoryLimitIsRefused) {
  onnx::ModelProto m = MakeChainModel();
  AddFloatInitializer(m, "w", {1024}, std::vector<float>(1024, 0.5f));
  LoadOptions small;
  small.max_tensor_bytes = 1000;
  ExpectError(LoadBytes(Serialize(m), small), ErrorCode::kResourceExhausted, "exceeds the limit");
}

TEST(ModelLoaderTest, OpsetOutsideTheSupportedRange) {
  onnx::ModelProto m = MakeChainModel();
  m.mutable_opset_import(0)->set_version(5);
  ExpectError(LoadBytes(Serialize(m)), ErrorCode::kUnsupported, "opset 5");
}

class ExternalDataTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::MakeTempDir("eb_extdata_"); }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A chain model plus initializer "w" [4] stored externally at `location`.
  std::string WriteModel(const std::string& location, int64_t offset, const std::string& data_file_bytes) {
    onnx::ModelProto m = MakeChainModel({1, 4});
    auto* t = m.mutable_graph()->add_initializer();
    t->set_name("w");
    t->set_data_type(onnx::TensorProto::FLOAT);
    t->add_dims(4);
    t->set_data_location(onnx::TensorProto::EXTERNAL);
    auto* kv = t->add_external_data();
    kv->set_key("location");
    kv->set_value(location);
    kv = t->add_external_data();
    kv->set_key("offset");
    kv->set_value(std::to_string(offset));
    if (!data_file_bytes.empty()) testing::WriteFile(dir_ + "/weights.bin", data_file_bytes);
    const std::string path = dir_ + "/model.onnx";
    testing::WriteFile(path, Serialize(m));
    return path;
  }

  std::string dir_;
};

TEST_F(ExternalDataTest, ReadsDataBesideTheModel) {
  const float values[4] = {1.5f, -2.0f, 3.25f, 0.0f};
  std::string bytes(8, 'x');  // data starts at offset 8
  bytes.append(reinterpret_cast<const char*>(values), sizeof(values));
  auto model = LoadModel(WriteModel("weights.bin", 8, bytes));
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  const Value& w = (*model)->graph.values[(*model)->graph.FindValue("w")];
  ASSERT_TRUE(w.constant.has_value());
  EXPECT_EQ(w.constant->data<float>()[2], 3.25f);
}

TEST_F(ExternalDataTest, RefusesParentDirectory) {
  ExpectError(LoadModel(WriteModel("../weights.bin", 0, std::string(16, '\0'))).status(),
              ErrorCode::kInvalidArgument, "escapes the model folder");
}

TEST_F(ExternalDataTest, RefusesAbsolutePath) {
  ExpectError(LoadModel(WriteModel("/etc/passwd", 0, "")).status(), ErrorCode::kInvalidArgument, "absolute");
}

TEST_F(ExternalDataTest, RefusesRangePastTheEndOfTheFile) {
  ExpectError(LoadModel(WriteModel("weights.bin", 8, std::string(16, '\0'))).status(), ErrorCode::kInvalidArgument,
              "past the end");
}

TEST_F(ExternalDataTest, MissingDataFile) {
  ExpectError(LoadModel(WriteModel("nothere.bin", 0, "")).status(), ErrorCode::kNotFound, "nothere.bin");
}

}  // namespace
}  // namespace edgebench
