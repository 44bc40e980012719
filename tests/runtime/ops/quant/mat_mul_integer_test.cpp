// MatMulInteger, QLinearMatMul (runtime/ops/quant/quant_mat_mul.cpp) and
// com.microsoft QGemm against integer and float references computed here:
// 1-D, 2-D and broadcast batched shapes with K across the vector width and
// its tails, uint8 and int8 on each side, zero points per tensor, per row of
// A and per column of B, B as an initializer and at run time.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "runtime/onnx/model_loader.h"
#include "runtime/session/session.h"
#include "tests/runtime/ops/quant/quant_reference.h"
#include "tests/support/op_tester.h"
#include "tests/support/tiny_models.h"

namespace edgebench::testing {
namespace {

// Y[i][j] = sum_k (A[i][k] - za[i]) * (B[k][j] - zb[j]) for 2-D A [m, k] and B [k, n].
std::vector<int64_t> Reference(const std::vector<double>& a, const std::vector<double>& za,
                               const std::vector<double>& b, const std::vector<double>& zb, int64_t m, int64_t k,
                               int64_t n) {
  std::vector<int64_t> y;
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t j = 0; j < n; ++j) {
      int64_t acc = 0;
      for (int64_t x = 0; x < k; ++x) {
        acc += static_cast<int64_t>(a[i * k + x] - za[za.size() == 1 ? 0 : i]) *
               static_cast<int64_t>(b[x * n + j] - zb[zb.size() == 1 ? 0 : j]);
      }
      y.push_back(acc);
    }
  }
  return y;
}

struct Shape2 {
  int64_t m, k, n;
};

const std::vector<Shape2>& Shapes() {
  static const std::vector<Shape2> kShapes = {{1, 1, 1}, {3, 5, 7}, {4, 64, 9}, {5, 131, 6}, {2, 300, 17}};
  return kShapes;
}

TEST(MatMulIntegerTest, GridEqualsIntegerReference) {
  uint32_t seed = 5;
  for (const Shape2& s : Shapes()) {
    for (DType at : {DType::kUInt8, DType::kInt8}) {
      for (DType bt : {DType::kUInt8, DType::kInt8}) {
        for (int zp_mode = 0; zp_mode < 3; ++zp_mode) {  // none, per tensor, per row / column
          SCOPED_TRACE(std::to_string(s.m) + "x" + std::to_string(s.k) + "x" + std::to_string(s.n) + " A " +
                       DTypeName(at) + " B " + DTypeName(bt) + " zp mode " + std::to_string(zp_mode));
          const std::vector<double> a = RandomQuant(at, s.m * s.k, ++seed);
          const std::vector<double> b = RandomQuant(bt, s.k * s.n, ++seed);
          std::vector<double> za = {0}, zb = {0};
          if (zp_mode > 0) {
            za = RandomQuant(at, zp_mode == 1 ? 1 : s.m, ++seed);
            zb = RandomQuant(bt, zp_mode == 1 ? 1 : s.n, ++seed);
          }
          OpTester t("MatMulInteger", 10);
          t.Input(at, {s.m, s.k}, a);
          // B at run time when the zero points are per row / column: packed per run.
          if (zp_mode == 2) {
            t.Input(bt, {s.k, s.n}, b);
          } else {
            t.Known(bt, {s.k, s.n}, b);
          }
          if (zp_mode > 0) {
            t.Known(at, zp_mode == 1 ? Shape{} : Shape{s.m}, za).Known(bt, zp_mode == 1 ? Shape{} : Shape{s.n}, zb);
          }
          t.Output(DType::kInt32);
          const std::vector<int64_t> y = Reference(a, za, b, zb, s.m, s.k, s.n);
          ExpectTensor(t.Run(), DType::kInt32, {s.m, s.n}, std::vector<double>(y.begin(), y.end()));
        }
      }
    }
  }
}

TEST(MatMulIntegerTest, BroadcastBatchAndOneDimensionalOperands) {
  // A [2, 1, 3, 4] x B [3, 4, 2] -> [2, 3, 3, 2]: A broadcast over B's 3 matrices.
  const std::vector<double> a = RandomQuant(DType::kInt8, 2 * 3 * 4, 1);
  const std::vector<double> b = RandomQuant(DType::kUInt8, 3 * 4 * 2, 2);
  OpTester t("MatMulInteger", 10);
  t.Input(DType::kInt8, {2, 1, 3, 4}, a).Known(DType::kUInt8, {3, 4, 2}, b).Known(DType::kInt8, {}, {-3});
  t.Known(DType::kUInt8, {}, {130}).Output(DType::kInt32);
  std::vector<double> expected;
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 3; ++j) {
      const std::vector<double> ai(a.begin() + i * 12, a.begin() + (i + 1) * 12);
      const std::vector<double> bj(b.begin() + j * 8, b.begin() + (j + 1) * 8);
      for (int64_t v : Reference(ai, {-3}, bj, {130}, 3, 4, 2)) expected.push_back(static_cast<double>(v));
    }
  }
  ExpectTensor(t.Run(), DType::kInt32, {2, 3, 3, 2}, expected);

  // 1-D A [4] x 1-D B [4]: a scalar dot product, shape [].
  OpTester dot("MatMulInteger", 10);
  dot.Input(DType::kUInt8, {4}, {1, 2, 3, 4}).Input(DType::kInt8, {4}, {-1, 5, 0, 2}).Output(DType::kInt32);
  ExpectTensor(dot.Run(), DType::kInt32, {}, {-1 + 10 + 0 + 8});
}

TEST(MatMulIntegerTest, BadZeroPointShapeNamesTheNode) {
  OpTester t("MatMulInteger", 10);
  t.Input(DType::kUInt8, {3, 4}, std::vector<double>(12, 1)).Known(DType::kInt8, {4, 2}, std::vector<double>(8, 1));
  t.Known(DType::kUInt8, {2}, {1, 2}).NoInput().Output(DType::kInt32, {3, 2});
  EXPECT_TRUE(IsError(t.Create(), ErrorCode::kInvalidArgument, "MatMulInteger node 'node': A's zero point has shape [2]"));
}

// QLinearMatMul: float reference in double, within 1 LSB (the kernel rounds
// acc * multiplier computed in float; near .5 ties the two round apart).
TEST(QLinearMatMulTest, GridWithinOneLsbOfFloatReference) {
  uint32_t seed = 77;
  for (const Shape2& s : Shapes()) {
    for (DType at : {DType::kUInt8, DType::kInt8}) {
      for (DType bt : {DType::kUInt8, DType::kInt8}) {
        for (bool per_column : {false, true}) {
          const DType yt = at;
          SCOPED_TRACE(std::to_string(s.m) + "x" + std::to_string(s.k) + "x" + std::to_string(s.n) + " A " +
                       DTypeName(at) + " B " + DTypeName(bt) + (per_column ? " per column" : " per tensor"));
          const std::vector<double> a = RandomQuant(at, s.m * s.k, ++seed);
          const std::vector<double> b = RandomQuant(bt, s.k * s.n, ++seed);
          const std::vector<double> za = RandomQuant(at, 1, ++seed);
          const std::vector<double> zb = RandomQuant(bt, per_column ? s.n : 1, ++seed);
          std::vector<double> b_scale;
          for (int64_t j = 0; j < (per_column ? s.n : 1); ++j) b_scale.push_back(0.003 + 0.0011 * (j % 4));
          const double a_scale = 0.017;
          const std::vector<int64_t> acc = Reference(a, za, b, zb, s.m, s.k, s.n);
          double largest = 0;
          std::vector<double> real(acc.size());
          for (size_t i = 0; i < acc.size(); ++i) {
            real[i] = a_scale * b_scale[b_scale.size() == 1 ? 0 : i % s.n] * static_cast<double>(acc[i]);
            largest = std::max(largest, std::fabs(real[i]));
          }
          const double y_scale = static_cast<double>(static_cast<float>(std::max(largest, 1e-3) / 140.0));
          const double y_zp = yt == DType::kUInt8 ? 128 : 2;
          std::vector<double> expected;
          for (double r : real) expected.push_back(QuantizeValue(r / y_scale, y_zp, yt));

          OpTester t("QLinearMatMul", 10);
          t.Input(at, {s.m, s.k}, a).Known(DType::kFloat32, {}, {a_scale}).Known(at, {}, za);
          const Shape b_param = per_column ? Shape{s.n} : Shape{};
          t.Known(bt, {s.k, s.n}, b).Known(DType::kFloat32, b_param, b_scale).Known(bt, b_param, zb);
          t.Known(DType::kFloat32, {}, {y_scale}).Known(yt, {}, {y_zp}).Output(yt);
          ExpectWithinLsb(t.Run(), {s.m, s.n}, expected, 1.0);
        }
      }
    }
  }
}

// A one-node model with a com.microsoft QGemm, through the real loader.
TEST(QGemmTest, QuantizedAndFloatOutputsWithTransposesAndBias) {
  const int64_t m = 3, k = 70, n = 5;
  const std::vector<double> a = RandomQuant(DType::kUInt8, m * k, 3);  // stored [K, M] (transA)
  const std::vector<double> b = RandomQuant(DType::kInt8, n * k, 4);   // stored [N, K] (transB)
  const std::vector<double> zb = RandomQuant(DType::kInt8, n, 5);
  const std::vector<double> bias = {100, -2000, 0, 37, 5000};
  const double a_scale = 0.02, y_scale = 0.9, alpha = 0.5;
  const double za = 127, y_zp = 10;
  std::vector<double> b_scale;
  for (int64_t j = 0; j < n; ++j) b_scale.push_back(0.004 + 0.001 * j);
  // Reference: op(A)[i][x] = a[x * m + i], op(B)[x][j] = b[j * k + x].
  std::vector<double> real;
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t j = 0; j < n; ++j) {
      int64_t acc = 0;
      for (int64_t x = 0; x < k; ++x) {
        acc += static_cast<int64_t>(a[x * m + i] - za) * static_cast<int64_t>(b[j * k + x] - zb[j]);
      }
      real.push_back(alpha * a_scale * b_scale[j] * (static_cast<double>(acc) + bias[j]));
    }
  }
  for (const bool quantized : {true, false}) {
    SCOPED_TRACE(quantized ? "uint8 Y" : "float Y");
    onnx::ModelProto model = MakeEmptyModel(13);
    auto* ms = model.add_opset_import();
    ms->set_domain("com.microsoft");
    ms->set_version(1);
    AddInput(model, "A", DType::kUInt8, {k, m});
    AddInitializer(model, "a_scale", MakeTensor(DType::kFloat32, {}, {a_scale}));
    AddInitializer(model, "a_zp", MakeTensor(DType::kUInt8, {}, {za}));
    AddInitializer(model, "B", MakeTensor(DType::kInt8, {n, k}, b));
    AddInitializer(model, "b_scale", MakeTensor(DType::kFloat32, {n}, b_scale));
    AddInitializer(model, "b_zp", MakeTensor(DType::kInt8, {n}, zb));
    AddInitializer(model, "C", MakeTensor(DType::kInt32, {n}, bias));
    std::vector<std::string> node_inputs = {"A", "a_scale", "a_zp", "B", "b_scale", "b_zp", "C"};
    if (quantized) {
      AddInitializer(model, "y_scale", MakeTensor(DType::kFloat32, {}, {y_scale}));
      AddInitializer(model, "y_zp", MakeTensor(DType::kUInt8, {}, {y_zp}));
      node_inputs.push_back("y_scale");
      node_inputs.push_back("y_zp");
    }
    onnx::NodeProto* node = AddNode(model, "QGemm", node_inputs, {"Y"}, "qgemm");
    node->set_domain("com.microsoft");
    AddAttribute(node, "transA", onnx::AttributeProto::INT)->set_i(1);
    AddAttribute(node, "transB", onnx::AttributeProto::INT)->set_i(1);
    AddAttribute(node, "alpha", onnx::AttributeProto::FLOAT)->set_f(static_cast<float>(alpha));
    AddOutput(model, "Y", quantized ? DType::kUInt8 : DType::kFloat32, {m, n});

    auto loaded = LoadModelFromBytes(Serialize(model), "/tmp", "qgemm.onnx");
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    auto session = Session::Create(*loaded, SessionOptions{});
    ASSERT_TRUE(session.ok()) << session.status().ToString();
    ASSERT_TRUE((*session)->Run({MakeTensor(DType::kUInt8, {k, m}, a)}).ok());
    const Tensor& y = (*session)->output(0);
    if (quantized) {
      std::vector<double> expected;
      for (double r : real) expected.push_back(QuantizeValue(r / y_scale, y_zp, DType::kUInt8));
      // 1 LSB: the multiplier is rounded to float before the product is rounded.
      ExpectWithinLsb(y, {m, n}, expected, 1.0);
    } else {
      ExpectNear(y, {m, n}, real, 1e-5);
    }
  }
}

TEST(QGemmTest, OtherDomainsStayUnsupported) {
  onnx::ModelProto model = MakeEmptyModel(13);
  auto* ms = model.add_opset_import();
  ms->set_domain("com.example");
  ms->set_version(1);
  AddInput(model, "x", DType::kFloat32, {2});
  AddNode(model, "QGemm", {"x"}, {"y"}, "n")->set_domain("com.example");
  AddOutput(model, "y", DType::kFloat32, {2});
  auto loaded = LoadModelFromBytes(Serialize(model), "/tmp", "other.onnx");
  Status s = loaded.ok() ? CheckOpsSupported((*loaded)->graph) : loaded.status();
  EXPECT_TRUE(IsError(s, ErrorCode::kUnsupported, "com.example.QGemm"));
}

}  // namespace
}  // namespace edgebench::testing
