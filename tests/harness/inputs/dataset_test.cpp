#include "harness/inputs/dataset.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>

#include "harness/inputs/synthetic_input.h"
#include "runtime/io/npy.h"
#include "runtime/onnx/model_loader.h"
#include "runtime/onnx/tensor_proto.h"
#include "runtime/session/session.h"
#include "tests/support/tensor_values.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

namespace fs = std::filesystem;
using testing::ExpectTensor;
using testing::Iota;
using testing::MakeTensor;

// n samples of [3] floats whose values are first, first + 1, ...
Tensor Samples(int64_t n, double first) {
  std::vector<double> values = Iota(n * 3);
  for (double& v : values) v += first;
  return MakeTensor(DType::kFloat32, {n, 3}, values);
}

// The float32 values [3 * first, 3 * first + 3 * n) as n samples of [3].
std::vector<double> Rows(int64_t first, int64_t n) {
  std::vector<double> values;
  for (int64_t i = 3 * first; i < 3 * (first + n); ++i) values.push_back(static_cast<double>(i));
  return values;
}

class DatasetTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::MakeTempDir("eb_dataset_"); }
  void TearDown() override { fs::remove_all(dir_); }

  void WriteNpy(const std::string& name, const Tensor& t) {
    ASSERT_TRUE(WriteNpyFile(t, dir_ + "/" + name).ok()) << name;
  }
  // Samples 0-1 in b_first.npy, 2-4 in c_second.npy: the file names sort in
  // that order, the opposite of the order they are written in.
  void WriteFiveSamples() {
    WriteNpy("c_second.npy", Samples(3, 6));
    WriteNpy("b_first.npy", Samples(2, 0));
  }
  Dataset ReadOk(const Shape& bound, int64_t max_samples = 0) {
    Expected<Dataset> d = ReadDataset(dir_, {{"x", DType::kFloat32, bound}}, max_samples);
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    return d.ok() ? std::move(d).value() : Dataset{};
  }
  Status ReadError(const std::vector<InputBinding>& inputs) {
    Expected<Dataset> d = ReadDataset(dir_, inputs, 0);
    EXPECT_FALSE(d.ok());
    return d.status();
  }
  Status ReadError() { return ReadError({{"x", DType::kFloat32, {1, 3}}}); }

  std::string dir_;
};

TEST_F(DatasetTest, OneInputSplitsEveryFileIntoBatchesOfOneInFileNameOrder) {
  WriteFiveSamples();
  const Dataset d = ReadOk({1, 3});
  EXPECT_EQ(d.source, "dataset:" + dir_);
  EXPECT_EQ(d.samples, 5);
  EXPECT_EQ(d.dropped_samples, 0);
  EXPECT_TRUE(d.labels.empty());
  ASSERT_EQ(d.batches.size(), 5u);
  for (int64_t b = 0; b < 5; ++b) {
    ASSERT_EQ(d.batches[b].size(), 1u);
    ExpectTensor(d.batches[b][0], DType::kFloat32, {1, 3}, Rows(b, 1));
  }
}

TEST_F(DatasetTest, BatchesOfFourSpanFilesAndDropTheRemainder) {
  WriteFiveSamples();
  WriteNpy("labels.npy", MakeTensor(DType::kInt64, {5}, {7, 1, 2, 3, 9}));
  const Dataset d = ReadOk({4, 3});
  ASSERT_EQ(d.batches.size(), 1u);
  ExpectTensor(d.batches[0][0], DType::kFloat32, {4, 3}, Rows(0, 4));
  EXPECT_EQ(d.samples, 4);
  EXPECT_EQ(d.dropped_samples, 1);
  EXPECT_EQ(d.labels, (std::vector<int64_t>{7, 1, 2, 3}));  // the dropped sample's label goes too
  EXPECT_EQ(BatchLabels(d, 0), (std::vector<int64_t>{7, 1, 2, 3}));
}

TEST_F(DatasetTest, MaxSamplesCapsBeforeBatching) {
  WriteFiveSamples();
  const Dataset ones = ReadOk({1, 3}, 3);
  EXPECT_EQ(ones.batches.size(), 3u);
  EXPECT_EQ(ones.samples, 3);
  EXPECT_EQ(ones.dropped_samples, 0);
  const Dataset twos = ReadOk({2, 3}, 3);
  ASSERT_EQ(twos.batches.size(), 1u);
  EXPECT_EQ(twos.dropped_samples, 1);
  ExpectTensor(twos.batches[0][0], DType::kFloat32, {2, 3}, Rows(0, 2));
}

TEST_F(DatasetTest, Int32LabelsOfShapeSamplesByOneAreRead) {
  WriteFiveSamples();
  WriteNpy("labels.npy", MakeTensor(DType::kInt32, {5, 1}, {4, 3, 2, 1, 0}));
  const Dataset d = ReadOk({1, 3});
  EXPECT_EQ(d.labels, (std::vector<int64_t>{4, 3, 2, 1, 0}));
  EXPECT_EQ(BatchLabels(d, 3), (std::vector<int64_t>{1}));
}

TEST_F(DatasetTest, SeveralInputsReadTheFilesNamedAfterThem) {
  WriteNpy("tokens.npy", MakeTensor(DType::kInt64, {4, 1}, {10, 11, 12, 13}));
  ASSERT_TRUE(WriteTensorProtoFile(Samples(4, 0), "features", dir_ + "/features.pb").ok());
  testing::WriteFile(dir_ + "/README.md", "provenance: made by this test\n");  // not a tensor: ignored
  const std::vector<InputBinding> inputs = {{"features", DType::kFloat32, {2, 3}}, {"tokens", DType::kInt64, {2, 1}}};
  Expected<Dataset> d = ReadDataset(dir_, inputs, 0);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_EQ(d->batches.size(), 2u);
  for (int b = 0; b < 2; ++b) {
    ASSERT_EQ(d->batches[b].size(), 2u);
    ExpectTensor(d->batches[b][0], DType::kFloat32, {2, 3}, Rows(2 * b, 2));
    ExpectTensor(d->batches[b][1], DType::kInt64, {2, 1}, {10.0 + 2 * b, 11.0 + 2 * b});
  }
}

// A .npy file numpy would write for a float64 array: the reader has no float64.
std::string Float64Npy() {
  std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 3), }";
  header.append(63 - (10 + header.size()) % 64, ' ');
  header += '\n';
  std::string bytes = std::string("\x93NUMPY\x01\x00", 8);
  bytes += static_cast<char>(header.size() & 0xff);
  bytes += static_cast<char>(header.size() >> 8);
  bytes += header;
  const double values[3] = {1, 2, 3};
  bytes.append(reinterpret_cast<const char*>(values), sizeof(values));
  return bytes;
}

TEST_F(DatasetTest, Float64DataIsRefusedWithWhatToSaveInstead) {
  testing::WriteFile(dir_ + "/doubles.npy", Float64Npy());
  const Status s = ReadError();
  EXPECT_NE(s.message().find("doubles.npy"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("<f8"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("save the data as float32"), std::string::npos) << s.message();
}

TEST_F(DatasetTest, AnotherDTypeIsRefusedNamingTheFile) {
  WriteNpy("ints.npy", MakeTensor(DType::kInt64, {1, 3}, {1, 2, 3}));
  const Status s = ReadError();
  EXPECT_NE(s.message().find("ints.npy' holds int64 data"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("save the data as float32"), std::string::npos) << s.message();
}

TEST_F(DatasetTest, ShapeMismatchAfterTheLeadingDimIsRefused) {
  WriteNpy("wide.npy", MakeTensor(DType::kFloat32, {2, 4}, Iota(8)));
  const Status s = ReadError();
  EXPECT_NE(s.message().find("wide.npy' has shape [2, 4]"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("must be [N, 3]"), std::string::npos) << s.message();
  WriteNpy("wide.npy", MakeTensor(DType::kFloat32, {3}, Iota(3)));  // no sample dim
  EXPECT_NE(ReadError().message().find("has shape [3]"), std::string::npos);
}

TEST_F(DatasetTest, LabelCountMustEqualSampleCount) {
  WriteFiveSamples();
  WriteNpy("labels.npy", MakeTensor(DType::kInt64, {4}, {0, 1, 2, 3}));
  const Status s = ReadError();
  EXPECT_NE(s.message().find("labels.npy' has 4 labels for 5 samples"), std::string::npos) << s.message();
}

TEST_F(DatasetTest, FloatLabelsAreRefused) {
  WriteFiveSamples();
  WriteNpy("labels.npy", MakeTensor(DType::kFloat32, {5}, {0, 1, 2, 3, 4}));
  EXPECT_NE(ReadError().message().find("labels are int64 or int32"), std::string::npos);
}

TEST_F(DatasetTest, EmptyOrMissingFolderIsRefused) {
  testing::WriteFile(dir_ + "/notes.txt", "no tensors here");
  EXPECT_NE(ReadError().message().find("has no .npy or .pb tensor files"), std::string::npos);
  Expected<Dataset> missing = ReadDataset(dir_ + "/absent", {{"x", DType::kFloat32, {1, 3}}}, 0);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
}

TEST_F(DatasetTest, UnreadableFileIsNamed) {
  testing::WriteFile(dir_ + "/broken.npy", "not an npy file");
  EXPECT_NE(ReadError().message().find("broken.npy"), std::string::npos);
  fs::remove(dir_ + "/broken.npy");
  testing::WriteFile(dir_ + "/broken.pb", "\xff\xff\xff");
  EXPECT_NE(ReadError().message().find("broken.pb"), std::string::npos);
}

TEST_F(DatasetTest, SeveralInputsWithAMissingFileAreRefused) {
  WriteNpy("a.npy", Samples(2, 0));
  const std::vector<InputBinding> inputs = {{"a", DType::kFloat32, {1, 3}}, {"b", DType::kFloat32, {1, 3}}};
  const Status missing = ReadError(inputs);
  EXPECT_EQ(missing.code(), ErrorCode::kNotFound);
  EXPECT_NE(missing.message().find("no file for input 'b' (expected '" + dir_ + "/b.npy'"), std::string::npos)
      << missing.message();

  WriteNpy("c.npy", Samples(2, 0));  // named after no input
  EXPECT_NE(ReadError(inputs).message().find("c.npy' is named after no input"), std::string::npos);
  fs::remove(dir_ + "/c.npy");

  WriteNpy("b.npy", Samples(3, 0));  // one sample more than a.npy
  EXPECT_NE(ReadError(inputs).message().find("b.npy' holds 3 samples"), std::string::npos);
}

TEST_F(DatasetTest, FewerSamplesThanOneBatchIsRefused) {
  WriteNpy("x.npy", Samples(3, 0));
  EXPECT_NE(ReadError({{"x", DType::kFloat32, {4, 3}}}).message().find("fewer than one batch of 4"),
            std::string::npos);
}

TEST(SyntheticDatasetTest, EveryBatchAndInputHasItsOwnSeedAndBatchZeroIsTheTimedInput) {
  const std::vector<InputBinding> inputs = {{"a", DType::kFloat32, {2, 3}}, {"b", DType::kFloat32, {2, 5}}};
  Expected<Dataset> d = MakeSyntheticDataset(inputs, 3, 42);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->source, "synthetic");
  EXPECT_EQ(d->samples, 6);
  EXPECT_EQ(d->dropped_samples, 0);
  EXPECT_TRUE(d->labels.empty());
  ASSERT_EQ(d->batches.size(), 3u);
  for (int b = 0; b < 3; ++b) {
    for (int i = 0; i < 2; ++i) {
      Expected<Tensor> want = MakeSyntheticInput(DType::kFloat32, inputs[i].shape, 42 + 2 * b + i);
      ASSERT_TRUE(want.ok());
      ExpectTensor(d->batches[b][i], DType::kFloat32, inputs[i].shape, testing::ValuesAsDoubles(*want));
    }
  }
  EXPECT_NE(testing::ValuesAsDoubles(d->batches[0][0]), testing::ValuesAsDoubles(d->batches[1][0]));
}

TEST(InputBindingsTest, TheSessionsBoundInputs) {
  auto model = LoadModelFromBytes(testing::Serialize(testing::MakeChainModel({1, 8})), "", "chain");
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  auto session = Session::Create(*model);
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  const std::vector<InputBinding> inputs = InputBindings(**session);
  ASSERT_EQ(inputs.size(), 1u);
  EXPECT_EQ(inputs[0].name, (*session)->input_name(0));
  EXPECT_EQ(inputs[0].dtype, DType::kFloat32);
  EXPECT_EQ(inputs[0].shape, (Shape{1, 8}));
}

}  // namespace
}  // namespace edgebench
