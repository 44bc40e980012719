#include "tests/conformance/conformance_case.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <regex>

#include "runtime/onnx/model_loader.h"
#include "runtime/onnx/tensor_proto.h"
#include "runtime/session/session.h"

namespace edgebench::conformance {
namespace {

namespace fs = std::filesystem;

// ONNX's backend test tolerances (onnx/backend/test/runner).
constexpr double kRtol = 1e-3;
constexpr double kAtol = 1e-7;

// Groups an Unsupported message into a short category for the summary.
std::string SkipCategory(const std::string& message) {
  static const std::regex kOps("unsupported ops: (.*)");
  static const std::regex kDtype("(?:unsupported data type|has dtype|cast to) ([a-z0-9]+)");
  static const std::regex kOpset("opset [0-9]+ is outside");
  std::smatch m;
  if (std::regex_search(message, m, kOps)) {
    std::string ops = m[1];
    ops = std::regex_replace(ops, std::regex(" \\((node|nodes) [^)]*\\)"), "");
    return "unsupported op: " + ops;
  }
  if (std::regex_search(message, m, kDtype)) return "unsupported data type " + m[1].str();
  if (std::regex_search(message, m, kOpset)) return "opset outside 7-17";
  if (message.find("preview.training") != std::string::npos) return "training ops (ai.onnx.preview.training)";
  if (message.find("training") != std::string::npos) return "training mode (edgebench runs inference)";
  if (message.find("is not a tensor") != std::string::npos) return "non-tensor value (sequence/map/optional)";
  if (std::regex_search(message, m, std::regex("and (\\w+) \\(node '[^']*'\\) changed definition"))) {
    return "opset < 7 and the definition of " + m[1].str() + " changed at 7";
  }
  if (message.find("attribute '") != std::string::npos && message.find("(GRAPH)") != std::string::npos) {
    return "control flow (graph attributes)";
  }
  return "unsupported feature";
}

CaseResult Skip(const Status& status) {
  return {Outcome::kSkipped, status.message(), SkipCategory(status.message()), {}};
}
CaseResult Fail(const std::string& message) { return {Outcome::kFailed, message, "", {}}; }

std::vector<std::string> SortedFiles(const fs::path& dir, const std::string& prefix) {
  std::vector<std::pair<int, std::string>> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && entry.path().extension() == ".pb") {
      files.emplace_back(std::stoi(name.substr(prefix.size())), entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> out;
  for (auto& f : files) out.push_back(f.second);
  return out;
}

// Integer and bool inputs may decide output shapes or modes (Reshape's shape,
// Tile's repeats, Dropout's training_mode), so they are fixed at creation.
bool FixAtCreation(DType t) { return t == DType::kInt64 || t == DType::kInt32 || t == DType::kBool; }

// Compares element-wise; floats within rtol/atol (NaN matches NaN), others exactly.
std::string Compare(const Tensor& expected, const Tensor& actual) {
  if (expected.dtype() != actual.dtype() || expected.shape() != actual.shape()) {
    return "expected " + TensorTypeToString(expected.dtype(), expected.shape()) + ", got " +
           TensorTypeToString(actual.dtype(), actual.shape());
  }
  const int64_t n = expected.num_elements();
  if (expected.dtype() == DType::kFloat32) {
    const float* e = expected.data<float>();
    const float* a = actual.data<float>();
    for (int64_t i = 0; i < n; ++i) {
      if (std::isnan(e[i]) && std::isnan(a[i])) continue;
      if (std::isinf(e[i]) && e[i] == a[i]) continue;
      if (!(std::fabs(double(e[i]) - a[i]) <= kAtol + kRtol * std::fabs(double(e[i])))) {
        return "element " + std::to_string(i) + ": expected " + std::to_string(e[i]) + ", got " +
               std::to_string(a[i]);
      }
    }
    return "";
  }
  if (std::memcmp(expected.raw_data(), actual.raw_data(), expected.num_bytes()) != 0) {
    return std::string("values differ (") + DTypeName(expected.dtype()) + ")";
  }
  return "";
}

}  // namespace

Expected<std::vector<Case>> DiscoverCases(const std::string& data_dir) {
  std::vector<Case> cases;
  std::error_code ec;
  if (!fs::is_directory(data_dir, ec)) return NotFound("ONNX test data folder '" + data_dir + "' does not exist");
  for (const char* suite : {"node", "pytorch-converted", "pytorch-operator", "simple"}) {
    const fs::path root = fs::path(data_dir) / suite;
    if (!fs::is_directory(root, ec)) continue;
    for (const auto& entry : fs::directory_iterator(root, ec)) {
      if (fs::exists(entry.path() / "model.onnx")) {
        cases.push_back({std::string(suite) + "/" + entry.path().filename().string(), entry.path().string()});
      }
    }
  }
  std::sort(cases.begin(), cases.end(), [](const Case& a, const Case& b) { return a.name < b.name; });
  return cases;
}

CaseResult RunCase(const Case& c) {
  auto model = LoadModel((fs::path(c.dir) / "model.onnx").string());
  if (!model.ok()) {
    if (model.status().code() == ErrorCode::kUnsupported) return Skip(model.status());
    return Fail("load: " + model.status().ToString());
  }
  const Graph& graph = (*model)->graph;
  std::vector<fs::path> data_sets;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(c.dir, ec)) {
    if (entry.is_directory() && entry.path().filename().string().rfind("test_data_set_", 0) == 0) {
      data_sets.push_back(entry.path());
    }
  }
  std::sort(data_sets.begin(), data_sets.end());
  if (data_sets.empty()) return Skip(Unsupported("no test_data_set_* folder"));

  for (const fs::path& set : data_sets) {
    const auto input_files = SortedFiles(set, "input_");
    const auto output_files = SortedFiles(set, "output_");
    if (input_files.size() > graph.inputs.size()) {
      return Fail(set.filename().string() + ": " + std::to_string(input_files.size()) + " input files for " +
                  std::to_string(graph.inputs.size()) + " graph inputs");
    }
    SessionOptions options;
    std::vector<Tensor> inputs;
    for (size_t i = 0; i < input_files.size(); ++i) {
      auto t = ReadTensorProtoFile(input_files[i]);
      if (!t.ok()) {
        return t.status().code() == ErrorCode::kUnsupported ? Skip(t.status()) : Fail(t.status().ToString());
      }
      const std::string& name = graph.values[graph.inputs[i]].name;
      options.input_shapes[name] = t->shape();
      if (FixAtCreation(t->dtype())) options.fixed_inputs[name] = *t;
      inputs.push_back(std::move(t).value());
    }
    if (inputs.size() < graph.inputs.size()) return Skip(Unsupported("test omits optional graph inputs"));
    auto session = Session::Create(*model, options);
    if (!session.ok() && session.status().message().find("at session creation") != std::string::npos) {
      // A float input decides a shape (Resize's scales, Range's start): fix
      // every input at creation, so the op still runs, folded.
      for (size_t i = 0; i < inputs.size(); ++i) options.fixed_inputs[graph.values[graph.inputs[i]].name] = inputs[i];
      session = Session::Create(*model, options);
    }
    if (!session.ok()) {
      if (session.status().code() == ErrorCode::kUnsupported) return Skip(session.status());
      return Fail("create: " + session.status().ToString());
    }
    Status run = (*session)->Run(inputs);
    if (!run.ok()) return Fail("run: " + run.ToString());
    if (output_files.size() != static_cast<size_t>((*session)->num_outputs())) {
      return Fail(std::to_string(output_files.size()) + " expected outputs, graph has " +
                  std::to_string((*session)->num_outputs()));
    }
    for (size_t o = 0; o < output_files.size(); ++o) {
      auto expected = ReadTensorProtoFile(output_files[o]);
      if (!expected.ok()) {
        return expected.status().code() == ErrorCode::kUnsupported ? Skip(expected.status())
                                                                    : Fail(expected.status().ToString());
      }
      const std::string diff = Compare(*expected, (*session)->output(static_cast<int>(o)));
      if (!diff.empty()) {
        return Fail(set.filename().string() + " output '" + (*session)->output_name(static_cast<int>(o)) + "': " + diff);
      }
    }
  }
  CaseResult passed{Outcome::kPassed, "", "", {}};
  for (const Node& node : graph.nodes) passed.op_types.push_back(node.op_type);
  return passed;
}

}  // namespace edgebench::conformance
