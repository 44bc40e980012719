// Concats whose inputs are written into their output in place: which ones
// qualify, where their inputs land in the arena, and that the numbers are
// those of a copying Concat.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/session/session.h"
#include "tests/support/tiny_models.h"

namespace edgebench {
namespace {

using testing::AddAttribute;
using testing::AddNode;
using testing::AddOutput;

// x -> Relu -> a, x -> Neg -> b, Concat(a, b) on `axis` -> y; with
// `a_also_out` a is a graph output as well, with `a_twice` the Concat takes
// a twice (no b).
struct ConcatCase {
  std::vector<int64_t> x_dims = {1, 16, 2, 2};
  int64_t axis = 1;
  bool a_also_out = false;
  bool a_twice = false;
};

std::unique_ptr<Session> MakeSession(const ConcatCase& c, const std::string& backend = "ref") {
  onnx::ModelProto model = testing::MakeModel(c.x_dims);
  AddNode(model, "Relu", {"x"}, {"a"}, "relu");
  AddNode(model, "Neg", {"x"}, {"b"}, "neg");
  onnx::NodeProto* concat = AddNode(model, "Concat", {"a", c.a_twice ? "a" : "b"}, {"y"}, "concat");
  AddAttribute(concat, "axis", onnx::AttributeProto::INT)->set_i(c.axis);
  std::vector<int64_t> y_dims = c.x_dims;
  y_dims[static_cast<size_t>(c.axis < 0 ? c.axis + static_cast<int64_t>(y_dims.size()) : c.axis)] *= 2;
  AddOutput(model, "y", y_dims);
  if (c.a_also_out) AddOutput(model, "a", c.x_dims);
  auto loaded = LoadModelFromBytes(testing::Serialize(model), "/tmp", "concat.onnx");
  EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
  SessionOptions options;
  options.backend = backend;
  auto session = Session::Create(*loaded, options);
  EXPECT_TRUE(session.ok()) << session.status().ToString();
  return session.ok() ? std::move(*session) : nullptr;
}

const NodeReport& ConcatReport(const Session& s) {
  for (const NodeReport& r : s.node_reports()) {
    if (s.graph().nodes[r.node].op_type == "Concat") return r;
  }
  ADD_FAILURE() << "no Concat";
  return s.node_reports().front();
}

const ArenaValue& Placed(const Session& s, const std::string& name) {
  const int v = s.graph().FindValue(name);
  for (const ArenaValue& av : s.arena_values()) {
    if (av.value == v) return av;
  }
  ADD_FAILURE() << name << " is not in the arena";
  return s.arena_values().front();
}

// y as a copying Concat computes it from x, for any axis.
std::vector<float> Expected(const ConcatCase& c, const Tensor& x) {
  const int64_t rank = static_cast<int64_t>(c.x_dims.size());
  const int64_t axis = c.axis < 0 ? c.axis + rank : c.axis;
  int64_t outer = 1;
  for (int64_t d = 0; d < axis; ++d) outer *= c.x_dims[d];
  const int64_t block = x.num_elements() / outer;
  std::vector<float> y;
  for (int64_t o = 0; o < outer; ++o) {
    for (int part = 0; part < 2; ++part) {
      for (int64_t i = 0; i < block; ++i) {
        const float v = x.data<float>()[o * block + i];
        y.push_back(part == 0 || c.a_twice ? std::max(v, 0.0f) : -v);
      }
    }
  }
  return y;
}

void ExpectConcatenates(const ConcatCase& c, Session& s) {
  Tensor x = Tensor::Allocate(DType::kFloat32, c.x_dims).value();
  for (int64_t i = 0; i < x.num_elements(); ++i) x.data<float>()[i] = static_cast<float>(i % 7) - 3.0f;
  ASSERT_TRUE(s.Run({x}).ok());
  const Tensor& y = s.output(0);
  EXPECT_EQ(std::vector<float>(y.data<float>(), y.data<float>() + y.num_elements()), Expected(c, x));
}

TEST(ConcatInPlaceTest, InputsAreWrittenIntoTheOutputAndTheConcatDoesNothing) {
  for (const std::string backend : {"ref", "native"}) {
    SCOPED_TRACE(backend);
    const ConcatCase c;  // 16 x 2 x 2 floats: 256-byte slices
    auto s = MakeSession(c, backend);
    ASSERT_NE(s, nullptr);
    EXPECT_TRUE(ConcatReport(*s).elided);
    EXPECT_EQ(ConcatReport(*s).cost.bytes_read + ConcatReport(*s).cost.bytes_written, 0);
    const ArenaValue& a = Placed(*s, "a");
    const ArenaValue& b = Placed(*s, "b");
    const ArenaValue& y = Placed(*s, "y");
    EXPECT_EQ(a.buffer, y.buffer);
    EXPECT_EQ(b.buffer, y.buffer);
    EXPECT_EQ(a.offset, y.offset);
    EXPECT_EQ(b.offset, y.offset + a.bytes);
    ExpectConcatenates(c, *s);
  }
}

TEST(ConcatInPlaceTest, ConcatsThatNeedTheirCopyKeepIt) {
  const std::vector<ConcatCase> cases = {
      {{2, 16, 2, 2}, 1, false, false},  // a dim before the axis is 2: the inputs interleave in y
      {{1, 16, 2, 2}, 3, false, false},  // axis 3: each input is many strided pieces of y
      {{1, 3, 2, 2}, 1, false, false},   // a is 3 x 2 x 2 floats: b would start at byte 48
      {{1, 16, 2, 2}, 1, false, true},   // a read twice
      {{1, 16, 2, 2}, 1, true, false},   // a also a graph output
  };
  for (const ConcatCase& c : cases) {
    auto s = MakeSession(c);
    ASSERT_NE(s, nullptr);
    EXPECT_FALSE(ConcatReport(*s).elided);
    EXPECT_NE(Placed(*s, "a").buffer, Placed(*s, "y").buffer);
    ExpectConcatenates(c, *s);
  }
}

TEST(ConcatInPlaceTest, LeadingOnesBeforeANegativeAxisQualify) {
  const ConcatCase c{{1, 1, 32}, -1, false, false};
  auto s = MakeSession(c);
  ASSERT_NE(s, nullptr);
  EXPECT_TRUE(ConcatReport(*s).elided);
  ExpectConcatenates(c, *s);
}

}  // namespace
}  // namespace edgebench
