// com.microsoft DynamicQuantizeLSTM and ai.edgebench DynamicQuantizeGRU
// against the double-precision float LSTM/GRU of rnn_test_util.h on the
// float weights the 8-bit ones were quantized from: every direction, both
// GRU reset forms and layouts, batch 1 and 3, odd sizes, sequence_lens
// shorter than the sequence, initial states given or not, int8 and uint8
// weights, per-row and per-direction scales. The error is that of 8-bit
// weights and per-run 8-bit activations, bounded in relative L2.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "runtime/onnx/model_loader.h"
#include "runtime/session/session.h"
#include "tests/runtime/ops/math/rnn_test_runner.h"
#include "tests/support/allocation_counter.h"
#include "tests/support/tensor_values.h"
#include "tests/support/tiny_models.h"

namespace edgebench::testing {
namespace {

// The worst relative L2 error seen on these grids is 2.2e-2 (GRU) and
// 2.7e-2 (LSTM), printed by each grid test: the [-1, 1) weights of 33 inputs
// saturate some gates, where 8-bit errors show most. The bound leaves room
// for that, not for a wrong gate, direction or layout (errors of order 1).
constexpr double kMaxRelativeL2 = 5e-2;

struct QuantCase {
  bool uint8_weights = false;
  bool per_channel = true;
};

// W or R [dirs, rows, depth] quantized symmetric to 8 bits per row (or per
// direction), in the DynamicQuantize ops' transposed [dirs, depth, rows]
// layout; uint8 weights are the int8 ones shifted by 128 with zero point 128.
struct QuantizedWeight {
  std::vector<double> values, scales, zero_points;
  Shape param_shape;
};

QuantizedWeight QuantizeTransposed(const std::vector<double>& w, int64_t dirs, int64_t rows, int64_t depth,
                                   const QuantCase& q) {
  QuantizedWeight out;
  out.values.assign(w.size(), 0.0);
  out.param_shape = q.per_channel ? Shape{dirs, rows} : Shape{dirs};
  for (int64_t d = 0; d < dirs; ++d) {
    std::vector<double> scale(rows, 0.0);
    double dir_max = 0.0;
    for (int64_t r = 0; r < rows; ++r) {
      double m = 0.0;
      for (int64_t k = 0; k < depth; ++k) m = std::fmax(m, std::fabs(w[(d * rows + r) * depth + k]));
      scale[r] = m / 127.0;
      dir_max = std::fmax(dir_max, m);
    }
    if (!q.per_channel) scale.assign(rows, dir_max / 127.0);
    const double zero = q.uint8_weights ? 128.0 : 0.0;
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t k = 0; k < depth; ++k) {
        out.values[(d * depth + k) * rows + r] = std::nearbyint(w[(d * rows + r) * depth + k] / scale[r]) + zero;
      }
    }
    if (q.per_channel) {
      out.scales.insert(out.scales.end(), scale.begin(), scale.end());
      out.zero_points.insert(out.zero_points.end(), rows, zero);
    } else {
      out.scales.push_back(scale[0]);
      out.zero_points.push_back(zero);
    }
  }
  return out;
}

double RelativeL2(const Tensor& actual, const std::vector<double>& expected) {
  const std::vector<double> a = ValuesAsDoubles(actual);
  EXPECT_EQ(a.size(), expected.size());
  double diff = 0.0, norm = 0.0;
  for (size_t i = 0; i < a.size() && i < expected.size(); ++i) {
    diff += (a[i] - expected[i]) * (a[i] - expected[i]);
    norm += expected[i] * expected[i];
  }
  return norm > 0.0 ? std::sqrt(diff / norm) : std::sqrt(diff);
}

// Y [seq, dirs, batch, H] of the reference in the op's layout.
std::vector<double> YInLayout(const RnnProblem& p, const std::vector<double>& y, bool batch_major) {
  if (!batch_major) return y;
  std::vector<double> out(y.size());
  for (int64_t s = 0; s < p.seq; ++s) {
    for (int64_t d = 0; d < p.dirs; ++d) {
      for (int64_t b = 0; b < p.batch; ++b) {
        for (int64_t j = 0; j < p.hidden; ++j) {
          out[((b * p.seq + s) * p.dirs + d) * p.hidden + j] = y[((s * p.dirs + d) * p.batch + b) * p.hidden + j];
        }
      }
    }
  }
  return out;
}

// The one-node model of `p` with `op`; X (in `layout`) is its graph input.
onnx::ModelProto MakeQuantizedModel(const std::string& op, const RnnProblem& p, int64_t layout, const QuantCase& q) {
  const bool lstm = op == "DynamicQuantizeLSTM";
  const int64_t gates = lstm ? 4 : 3, hn = p.hidden, rows = gates * hn;
  const bool batch_major = layout == 1;

  onnx::ModelProto model = MakeEmptyModel(14);
  auto* domain = model.add_opset_import();
  domain->set_domain(lstm ? "com.microsoft" : "ai.edgebench");
  domain->set_version(1);
  AddInput(model, "X", DType::kFloat32, batch_major ? Shape{p.batch, p.seq, p.input} : Shape{p.seq, p.batch, p.input});
  const DType w_type = q.uint8_weights ? DType::kUInt8 : DType::kInt8;
  const QuantizedWeight w = QuantizeTransposed(p.w, p.dirs, rows, p.input, q);
  const QuantizedWeight r = QuantizeTransposed(p.r, p.dirs, rows, hn, q);
  AddInitializer(model, "W", MakeTensor(w_type, {p.dirs, p.input, rows}, w.values));
  AddInitializer(model, "R", MakeTensor(w_type, {p.dirs, hn, rows}, r.values));
  AddInitializer(model, "W_scale", MakeTensor(DType::kFloat32, w.param_shape, w.scales));
  AddInitializer(model, "W_zero_point", MakeTensor(w_type, w.param_shape, w.zero_points));
  AddInitializer(model, "R_scale", MakeTensor(DType::kFloat32, r.param_shape, r.scales));
  AddInitializer(model, "R_zero_point", MakeTensor(w_type, r.param_shape, r.zero_points));

  const Shape state_shape = batch_major ? Shape{p.batch, p.dirs, hn} : Shape{p.dirs, p.batch, hn};
  auto state = [&](const std::vector<double>& v) {
    return batch_major && !v.empty() ? SwapLeadingDims(v, p.dirs, p.batch, hn) : v;
  };
  std::vector<std::string> inputs = {"X", "W", "R"};
  auto optional = [&](const std::string& name, DType dtype, const Shape& shape, const std::vector<double>& v) {
    if (v.empty()) {
      inputs.push_back("");
      return;
    }
    AddInitializer(model, name, MakeTensor(dtype, shape, v));
    inputs.push_back(name);
  };
  optional("B", DType::kFloat32, {p.dirs, 2 * rows}, p.b);
  optional("sequence_lens", DType::kInt32, {p.batch}, std::vector<double>(p.lens.begin(), p.lens.end()));
  optional("initial_h", DType::kFloat32, state_shape, state(p.h0));
  if (lstm) {
    optional("initial_c", DType::kFloat32, state_shape, state(p.c0));
    optional("P", DType::kFloat32, {p.dirs, 3 * hn}, p.p);
  }
  for (const char* name : {"W_scale", "W_zero_point", "R_scale", "R_zero_point"}) inputs.push_back(name);
  std::vector<std::string> outputs = {"Y", "Y_h"};
  if (lstm) outputs.push_back("Y_c");
  onnx::NodeProto* node = AddNode(model, op, inputs, outputs, "rnn");
  node->set_domain(lstm ? "com.microsoft" : "ai.edgebench");
  const std::string direction = p.dirs == 2 ? "bidirectional" : (p.reverse ? "reverse" : "forward");
  AddAttribute(node, "direction", onnx::AttributeProto::STRING)->set_s(direction);
  AddAttribute(node, "hidden_size", onnx::AttributeProto::INT)->set_i(hn);
  if (layout != 0) AddAttribute(node, "layout", onnx::AttributeProto::INT)->set_i(layout);
  if (p.linear_before_reset) AddAttribute(node, "linear_before_reset", onnx::AttributeProto::INT)->set_i(1);
  const Shape y_shape = batch_major ? Shape{p.batch, p.seq, p.dirs, hn} : Shape{p.seq, p.dirs, p.batch, hn};
  AddOutput(model, "Y", DType::kFloat32, y_shape);
  AddOutput(model, "Y_h", DType::kFloat32, state_shape);
  if (lstm) AddOutput(model, "Y_c", DType::kFloat32, state_shape);
  return model;
}

// Runs the model of `p` twice (the second run must not allocate) and returns
// the worst relative L2 error over Y, Y_h (and Y_c).
double RunQuantizedCase(const std::string& op, const RnnProblem& p, int64_t layout, const QuantCase& q) {
  const bool lstm = op == "DynamicQuantizeLSTM";
  const bool batch_major = layout == 1;
  const RnnResult want = lstm ? RefLstm(p) : RefGru(p);
  const onnx::ModelProto model = MakeQuantizedModel(op, p, layout, q);
  auto state = [&](const std::vector<double>& v) {
    return batch_major ? SwapLeadingDims(v, p.dirs, p.batch, p.hidden) : v;
  };
  const Shape x_shape = batch_major ? Shape{p.batch, p.seq, p.input} : Shape{p.seq, p.batch, p.input};
  const std::vector<double> x = batch_major ? SwapLeadingDims(p.x, p.seq, p.batch, p.input) : p.x;
  auto loaded = LoadModelFromBytes(Serialize(model), "/tmp", op + ".onnx");
  EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
  if (!loaded.ok()) return 1.0;
  auto session = Session::Create(*loaded, SessionOptions{});
  EXPECT_TRUE(session.ok()) << session.status().ToString();
  if (!session.ok()) return 1.0;
  const std::vector<Tensor> run_inputs = {MakeTensor(DType::kFloat32, x_shape, x)};
  EXPECT_TRUE((*session)->Run(run_inputs).ok());
  {
    AllocationCounter allocations;
    EXPECT_TRUE((*session)->Run(run_inputs).ok());
    EXPECT_EQ(allocations.count(), 0);
  }
  double worst = RelativeL2((*session)->output(0), YInLayout(p, want.y, batch_major));
  worst = std::fmax(worst, RelativeL2((*session)->output(1), state(want.y_h)));
  if (lstm) worst = std::fmax(worst, RelativeL2((*session)->output(2), state(want.y_c)));
  return worst;
}

// seq 6; batch 1 or 3 with sequence_lens shorter than seq (one empty) when
// `lens` is set.
RnnProblem Problem(int64_t gates, int64_t batch, int64_t input, int64_t hidden, int64_t dirs, bool optional_inputs,
                   bool lens, uint32_t seed) {
  RnnProblem p = MakeRnnProblem(gates, 6, batch, input, hidden, dirs, optional_inputs, seed);
  if (lens) p.lens = batch == 1 ? std::vector<int>{4} : std::vector<int>{6, 3, 0};
  return p;
}

TEST(DynamicQuantizeGruTest, MatchesFloatGruOnShapeGrid) {
  double worst = 0.0;
  uint32_t seed = 100;
  for (const char* direction : {"forward", "reverse", "bidirectional"}) {
    for (const bool linear_before_reset : {false, true}) {
      for (const int64_t layout : {0, 1}) {
        for (const int64_t batch : {1, 3}) {
          for (const auto& [input, hidden] : {std::pair<int64_t, int64_t>{5, 17}, {33, 5}}) {
            const bool with_optional = (seed % 2) == 0;
            RnnProblem p = Problem(3, batch, input, hidden, std::string(direction) == "bidirectional" ? 2 : 1,
                                   with_optional, /*lens=*/!with_optional || batch == 3, seed++);
            p.reverse = std::string(direction) == "reverse";
            p.linear_before_reset = linear_before_reset;
            const std::string label = std::string(direction) + " lbr " + std::to_string(linear_before_reset) +
                                      " layout " + std::to_string(layout) + " batch " + std::to_string(batch) +
                                      " input " + std::to_string(input) + " hidden " + std::to_string(hidden);
            SCOPED_TRACE(label);
            const double error = RunQuantizedCase("DynamicQuantizeGRU", p, layout, {});
            EXPECT_LT(error, kMaxRelativeL2);
            worst = std::fmax(worst, error);
          }
        }
      }
    }
  }
  std::printf("DynamicQuantizeGRU worst relative L2 over the grid: %.4g\n", worst);
}

TEST(DynamicQuantizeLstmTest, MatchesFloatLstmOnShapeGrid) {
  double worst = 0.0;
  uint32_t seed = 200;
  for (const char* direction : {"forward", "reverse", "bidirectional"}) {
    for (const int64_t batch : {1, 3}) {
      for (const auto& [input, hidden] : {std::pair<int64_t, int64_t>{5, 17}, {33, 5}}) {
        for (const bool with_optional : {false, true}) {
          RnnProblem p = Problem(4, batch, input, hidden, std::string(direction) == "bidirectional" ? 2 : 1,
                                 with_optional, /*lens=*/batch == 3 || !with_optional, seed++);
          p.reverse = std::string(direction) == "reverse";
          const std::string label = std::string(direction) + " batch " + std::to_string(batch) + " input " +
                                    std::to_string(input) + " hidden " + std::to_string(hidden) +
                                    (with_optional ? " with B, initial states, P" : "");
          SCOPED_TRACE(label);
          const double error = RunQuantizedCase("DynamicQuantizeLSTM", p, 0, {});
          EXPECT_LT(error, kMaxRelativeL2);
          worst = std::fmax(worst, error);
        }
      }
    }
  }
  std::printf("DynamicQuantizeLSTM worst relative L2 over the grid: %.4g\n", worst);
}

TEST(DynamicQuantizeRnnTest, Uint8WeightsAndPerDirectionScales) {
  for (const QuantCase q : {QuantCase{true, true}, QuantCase{false, false}, QuantCase{true, false}}) {
    SCOPED_TRACE(std::string(q.uint8_weights ? "uint8" : "int8") + (q.per_channel ? " per row" : " per direction"));
    RnnProblem gru = Problem(3, 3, 7, 33, 2, true, true, 300);
    gru.linear_before_reset = true;
    EXPECT_LT(RunQuantizedCase("DynamicQuantizeGRU", gru, 0, q), kMaxRelativeL2);
    const RnnProblem lstm = Problem(4, 3, 7, 33, 2, true, true, 301);
    EXPECT_LT(RunQuantizedCase("DynamicQuantizeLSTM", lstm, 0, q), kMaxRelativeL2);
  }
}

TEST(DynamicQuantizeRnnTest, LstmRefusesLayout) {
  // layout is not in com.microsoft DynamicQuantizeLSTM's schema.
  const RnnProblem p = Problem(4, 1, 5, 5, 1, false, false, 400);
  auto loaded = LoadModelFromBytes(Serialize(MakeQuantizedModel("DynamicQuantizeLSTM", p, 1, {})), "/tmp", "l.onnx");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  auto session = Session::Create(*loaded, SessionOptions{});
  ASSERT_FALSE(session.ok());
  EXPECT_NE(session.status().message().find("'layout' is not an attribute"), std::string::npos)
      << session.status().ToString();
}

TEST(DynamicQuantizeRnnTest, WeightsArrivingAtRunAreUnsupported) {
  // W, R and their parameters are packed once, at session creation.
  const RnnProblem p = Problem(3, 1, 5, 5, 1, false, false, 500);
  onnx::ModelProto model = MakeQuantizedModel("DynamicQuantizeGRU", p, 0, {});
  auto* inits = model.mutable_graph()->mutable_initializer();
  for (int i = 0; i < inits->size(); ++i) {
    if (inits->Get(i).name() != "W") continue;
    inits->DeleteSubrange(i, 1);
    break;
  }
  AddInput(model, "W", DType::kInt8, {1, 5, 15});
  auto loaded = LoadModelFromBytes(Serialize(model), "/tmp", "g.onnx");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  auto session = Session::Create(*loaded, SessionOptions{});
  ASSERT_FALSE(session.ok());
  EXPECT_TRUE(IsError(session.status(), ErrorCode::kUnsupported, "must be initializers")) << session.status().ToString();
}

}  // namespace
}  // namespace edgebench::testing
