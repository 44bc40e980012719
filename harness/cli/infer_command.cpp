// edgebench infer MODEL.onnx [--input NAME=FILE ...] [--output-dir DIR] [--backend NAME] [--batch N]
//                 [--threads N] [--opt-level none|basic|all]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include <CLI/CLI.hpp>

#include "harness/cli/cli.h"
#include "harness/cli/session_flags.h"
#include "harness/inputs/synthetic_input.h"
#include "runtime/io/npy.h"
#include "runtime/onnx/tensor_proto.h"

namespace edgebench::cli {
namespace {

namespace fs = std::filesystem;

struct InferFlags {
  std::string model;
  std::vector<std::string> inputs;  // NAME=FILE
  std::string output_dir;
  uint64_t seed = 42;
  int threads = 1;
  SessionFlags session;
};

Expected<Tensor> ReadInputFile(const std::string& path) {
  return fs::path(path).extension() == ".npy" ? ReadNpyFile(path) : ReadTensorProtoFile(path);
}

// "logits.1" -> "logits.1"; path separators and odd characters become '_'.
std::string FileNameFor(const std::string& value_name) {
  std::string out = value_name;
  for (char& c : out) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_')) c = '_';
  }
  return out.empty() ? "output" : out;
}

std::string Describe(const Tensor& t) {
  std::string s = TensorTypeToString(t.dtype(), t.shape());
  if (t.dtype() != DType::kFloat32 || t.num_elements() == 0) return s;
  const float* p = t.data<float>();
  const int64_t n = t.num_elements();
  const auto [lo, hi] = std::minmax_element(p, p + n);
  double sum = 0;
  for (int64_t i = 0; i < n; ++i) sum += p[i];
  char buf[160];
  std::snprintf(buf, sizeof(buf), " min %.4g max %.4g mean %.4g argmax %lld", *lo, *hi, sum / n,
                static_cast<long long>(std::max_element(p, p + n) - p));
  return s + buf;
}

Status RunInfer(const InferFlags& flags) {
  EB_ASSIGN_OR_RETURN(SessionOptions options, ToSessionOptions(flags.session));
  options.threads = flags.threads;
  std::map<std::string, Tensor> given;
  for (const std::string& spec : flags.inputs) {
    const size_t eq = spec.find('=');
    if (eq == std::string::npos || eq == 0) return InvalidArgument("bad --input '" + spec + "': expected NAME=FILE");
    EB_ASSIGN_OR_RETURN(Tensor t, ReadInputFile(spec.substr(eq + 1)));
    options.input_shapes[spec.substr(0, eq)] = t.shape();
    given[spec.substr(0, eq)] = std::move(t);
  }

  const auto t0 = std::chrono::steady_clock::now();
  EB_ASSIGN_OR_RETURN(auto model, LoadModelAtOptLevel(flags.model, flags.session));
  EB_ASSIGN_OR_RETURN(auto session, Session::Create(model, options));
  const auto t1 = std::chrono::steady_clock::now();

  std::vector<Tensor> inputs;
  for (int i = 0; i < session->num_inputs(); ++i) {
    const Tensor& info = session->input_info(i);
    auto it = given.find(session->input_name(i));
    if (it != given.end()) {
      inputs.push_back(it->second);
    } else {
      EB_ASSIGN_OR_RETURN(Tensor t, MakeSyntheticInput(info.dtype(), info.shape(), flags.seed + i));
      inputs.push_back(std::move(t));
    }
    const std::string origin = it != given.end() ? "" : " (synthetic, seed " + std::to_string(flags.seed + i) + ")";
    std::printf("input  '%s' %s%s\n", session->input_name(i).c_str(),
                TensorTypeToString(info.dtype(), info.shape()).c_str(), origin.c_str());
  }
  const auto t2 = std::chrono::steady_clock::now();
  EB_RETURN_IF_ERROR(session->Run(inputs));
  const auto t3 = std::chrono::steady_clock::now();

  if (!flags.output_dir.empty()) {
    std::error_code ec;
    fs::create_directories(flags.output_dir, ec);
    if (ec) return IoError("cannot create '" + flags.output_dir + "': " + ec.message());
  }
  for (int i = 0; i < session->num_outputs(); ++i) {
    const Tensor& out = session->output(i);
    std::string where;
    if (!flags.output_dir.empty()) {
      const std::string path = (fs::path(flags.output_dir) / (FileNameFor(session->output_name(i)) + ".pb")).string();
      EB_RETURN_IF_ERROR(WriteTensorProtoFile(out, session->output_name(i), path));
      where = " -> " + path;
    }
    std::printf("output '%s' %s%s\n", session->output_name(i).c_str(), Describe(out).c_str(), where.c_str());
  }
  using Ms = std::chrono::duration<double, std::milli>;
  std::printf(
      "timing load+create %.2f ms, first inference %.2f ms (backend %s, %d thread%s, opt level %s, one run, not a "
      "benchmark)\n",
      Ms(t1 - t0).count(), Ms(t3 - t2).count(), session->backend().name(), flags.threads,
      flags.threads == 1 ? "" : "s", flags.session.opt_level.c_str());
  return Status::Ok();
}

}  // namespace

void AddInferCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<InferFlags>();
  CLI::App* cmd = app.add_subcommand("infer", "Run one inference and write each output as an ONNX TensorProto .pb");
  cmd->add_option("model", flags->model, "ONNX model file")->required();
  cmd->add_option("--input", flags->inputs, "NAME=FILE (.pb TensorProto or .npy); missing inputs are synthetic");
  cmd->add_option("--output-dir", flags->output_dir, "Write <output>.pb files here");
  cmd->add_option("--seed", flags->seed, "Seed of synthetic inputs")->capture_default_str();
  cmd->add_option("--threads", flags->threads, "Threads that run the kernels, the caller included (unpinned)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  AddSessionFlags(*cmd, &flags->session);
  AddOptLevelFlag(*cmd, &flags->session);
  cmd->callback([flags, exit_code] { *exit_code = ReportStatus(RunInfer(*flags)); });
}

}  // namespace edgebench::cli
