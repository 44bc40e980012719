// edgebench quantize MODEL.onnx -o OUT.onnx [--calib DIR] [--method minmax|percentile|entropy]
//   [--percentile P] [--mode static|dynamic] [--calib-samples N] [--activation-type uint8|int8]
//   [--per-tensor] [--batch N] [--seed S] [--json FILE]
//
// Writes a standard QDQ model (QuantizeLinear/DequantizeLinear around the
// quantized ops), which ONNX Runtime and other runtimes load; edgebench fuses
// it into integer kernels when it runs it. Without --calib, calibration uses
// synthetic inputs and says so.
#include <cstdio>
#include <fstream>

#include <CLI/CLI.hpp>
#include <onnx/onnx_pb.h>

#include "harness/cli/cli.h"
#include "harness/sweep/precision_model.h"
#include "runtime/core/file_io.h"
#include "runtime/quant/onnx_model_edit.h"

namespace edgebench::cli {
namespace {

struct QuantizeFlags {
  std::string model;
  std::string out;
  std::string calibration;
  std::string json_out;
  int64_t batch = 1;
  uint64_t seed = 42;
  bool per_tensor = false;
  PrecisionRules rules;
};

Status RunQuantize(const QuantizeFlags& flags) {
  if (flags.out == flags.model) return InvalidArgument("-o must differ from the input model");
  PrecisionRules rules = flags.rules;
  rules.per_channel = !flags.per_tensor;
  if (rules.quantization == "auto") rules.quantization = "static";
  RunConfig config;
  config.model = flags.model;
  config.model_path = flags.model;
  config.precision = "int8";
  config.batch = flags.batch;
  config.calibration = flags.calibration;

  EB_ASSIGN_OR_RETURN(onnx::ModelProto proto, ReadModelProto(flags.model));
  EB_ASSIGN_OR_RETURN(auto reference, LoadModel(flags.model));
  EB_ASSIGN_OR_RETURN(nlohmann::json report, QuantizeToInt8(config, rules, reference, flags.seed, proto));
  // The written model must load where it is going: checker and shape inference.
  LoadOptions check;
  check.require_supported_ops = false;
  EB_RETURN_IF_ERROR(LoadModelFromBytes(proto.SerializeAsString(), "", flags.out, check).status()
                         .WithContext("the quantized model does not pass the ONNX checker"));
  EB_RETURN_IF_ERROR(WriteFileBytes(flags.out, proto.SerializeAsString()));

  const nlohmann::json& q = report["quantizer"];
  std::printf("wrote %s: %s quantization, %d nodes quantized, weights %lld -> %lld bytes\n", flags.out.c_str(),
              report["mode"].get<std::string>().c_str(), q["quantized_nodes"].get<int>(),
              static_cast<long long>(q["float_weight_bytes"].get<int64_t>()),
              static_cast<long long>(q["quantized_weight_bytes"].get<int64_t>()));
  if (report.contains("calibration")) {
    std::printf("calibration: %s\n", report["calibration"].value("source", "").c_str());
  }
  for (const auto& kept : q["kept_float"]) std::printf("kept float: %s\n", kept.get<std::string>().c_str());
  if (!flags.json_out.empty()) EB_RETURN_IF_ERROR(WriteFileBytes(flags.json_out, report.dump(2) + "\n"));
  return Status::Ok();
}

}  // namespace

void AddQuantizeCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<QuantizeFlags>();
  CLI::App* cmd = app.add_subcommand("quantize", "Quantize a float ONNX model to int8 in the standard QDQ form");
  cmd->add_option("model", flags->model, "Float .onnx model")->required()->check(CLI::ExistingFile);
  cmd->add_option("-o,--out", flags->out, "Where to write the quantized .onnx")->required();
  cmd->add_option("--calib", flags->calibration,
                  "Folder of representative inputs (.npy/.pb; see harness/inputs/dataset.h); without it, synthetic "
                  "inputs")
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--method", flags->rules.calibration_method, "Calibration: minmax, percentile or entropy")
      ->check(CLI::IsMember({"minmax", "percentile", "entropy"}));
  cmd->add_option("--percentile", flags->rules.calibration_percentile, "For --method percentile")
      ->check(CLI::Range(50.0, 100.0));
  cmd->add_option("--mode", flags->rules.quantization, "static (calibrated) or dynamic (weights of MatMul, Gemm, LSTM and GRU; activations quantized per run)")
      ->check(CLI::IsMember({"static", "dynamic"}));
  cmd->add_option("--calib-samples", flags->rules.calibration_samples, "At most this many calibration batches")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--activation-type", flags->rules.activation_type, "uint8 or int8 activations")
      ->check(CLI::IsMember({"uint8", "int8"}));
  cmd->add_flag("--per-tensor", flags->per_tensor, "One weight scale per tensor instead of per output channel");
  cmd->add_option("--batch", flags->batch, "Batch the calibration inputs are grouped into")->check(CLI::Range(1, 4096));
  cmd->add_option("--seed", flags->seed, "Seed of synthetic calibration inputs");
  cmd->add_option("--json", flags->json_out, "Also write what was done as JSON");
  cmd->callback([flags, exit_code] { *exit_code = ReportStatus(RunQuantize(*flags)); });
}

}  // namespace edgebench::cli
