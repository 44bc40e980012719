#include "harness/sweep/precision_model.h"

#include <onnx/onnx_pb.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <string>

#include "harness/inputs/dataset.h"
#include "runtime/core/float16.h"
#include "runtime/passes/graph_optimizer.h"
#include "runtime/precision/float16_converter.h"
#include "runtime/quant/calibration.h"
#include "runtime/quant/onnx_model_edit.h"
#include "runtime/quant/qdq_fusion.h"
#include "runtime/quant/qdq_quantizer.h"
#include "runtime/session/session.h"

namespace edgebench {
namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

SessionOptions FloatSessionOptions(const RunConfig& config) {
  SessionOptions options;
  options.batch = config.batch;
  for (const auto& [name, dims] : config.input_shapes) options.input_shapes[name] = dims;
  return options;
}

Expected<std::shared_ptr<const Model>> LoadProto(const onnx::ModelProto& proto, const std::string& path,
                                                 const std::string& what) {
  return LoadModelFromBytes(proto.SerializeAsString(), std::filesystem::path(path).parent_path().string(),
                            path + " (" + what + ")");
}

json FusionJson(const QdqFusionReport& fusion) {
  json ops = json::array();
  for (const QdqFusionReport::OpCount& op : fusion.ops) {
    ops.push_back({{"op_type", op.op_type}, {"integer", op.fused}, {"float_fallback", op.kept_float},
                   {"reasons", op.reasons}});
  }
  return {{"integer_nodes", fusion.total_fused()}, {"float_fallback_nodes", fusion.total_kept_float()},
          {"ops", ops}};
}

// What the graph passes did, and that the session still evaluates constant
// nodes at creation whatever the level (shapes computed in the graph need it).
json GraphJson(const GraphOptimizationReport& report, double optimize_ms) {
  json passes = json::array();
  for (const GraphPassReport& p : report.passes) {
    passes.push_back({{"name", p.name}, {"rewrites", p.rewrites}, {"nodes_before", p.nodes_before},
                      {"nodes_after", p.nodes_after}});
  }
  return {{"opt_level", OptLevelName(report.level)},
          {"passes", passes},
          {"nodes_before", report.nodes_before},
          {"nodes_after", report.nodes_after},
          {"optimize_ms", optimize_ms},
          {"session_constant_folding",
           "on at every level: the session evaluates nodes whose inputs are all known once, at creation, which "
           "binding needs for shapes computed in the graph"}};
}

json Float16Json(const Float16ConversionReport& report) {
  json kept = json::array();
  for (const auto& k : report.kept_float32) kept.push_back(k.name + ": " + k.reason);
  return {{"initializers_converted", report.initializers_converted},
          {"initializer_bytes_before", report.initializer_bytes_before},
          {"initializer_bytes_after", report.initializer_bytes_after},
          {"constants_converted", report.constants_converted},
          {"casts_retargeted", report.casts_retargeted},
          {"casts_inserted", report.casts_inserted},
          {"kept_float32", kept}};
}

json QuantizerJson(const QuantizationReport& report) {
  json skipped = json::array();
  for (const QuantizationReport::Entry& e : report.nodes) {
    if (!e.quantized) skipped.push_back(e.node + ": " + e.reason);
  }
  return {{"quantized_nodes", report.quantized_count()},
          {"kept_float", skipped},
          {"per_channel_weights", report.per_channel},
          {"float_weight_bytes", report.float_weight_bytes},
          {"quantized_weight_bytes", report.quantized_weight_bytes},
          {"notes", report.notes}};
}

// What an int8 model runs without QDQ fusion: its QDQ groups in float
// (simulated quantization), and the integer ops the quantizer or the file
// wrote (dynamic quantization's MatMulInteger, QOperator ops) as they are.
std::string UnfusedInt8Compute(const onnx::ModelProto& proto, OptLevel level) {
  static const std::set<std::string> kIntegerOps = {"MatMulInteger", "ConvInteger", "QLinearConv",
                                                    "QLinearMatMul", "QGemm"};
  bool qdq = false;
  std::set<std::string> integer;
  for (const auto& node : proto.graph().node()) {
    qdq = qdq || node.op_type() == "DequantizeLinear";
    if (kIntegerOps.count(node.op_type()) > 0) integer.insert(node.op_type());
  }
  std::string out;
  if (qdq) {
    out = std::string("float32 between DequantizeLinear and QuantizeLinear (simulated quantization): QDQ fusion "
                      "into integer kernels runs at opt level all, this is ") + OptLevelName(level);
  }
  if (!integer.empty()) {
    std::string ops;
    for (const std::string& op : integer) ops += (ops.empty() ? "" : ", ") + op;
    out += (out.empty() ? "" : "; ") + ("integer kernels for the integer ops in the graph (" + ops + ")");
  }
  return out.empty() ? "float32: the int8 model has no quantized node" : out;
}

bool HasConv(const onnx::ModelProto& proto) {
  for (const auto& node : proto.graph().node()) {
    if (node.op_type() == "Conv" && node.domain().empty()) return true;
  }
  return false;
}

// Calibration batches: the calibration folder, else the dataset, else
// synthetic inputs; json describes which.
Expected<Dataset> CalibrationData(const RunConfig& config, const PrecisionRules& rules,
                                  std::shared_ptr<const Model> reference, uint64_t seed, json* described) {
  EB_ASSIGN_OR_RETURN(auto session, Session::Create(reference, FloatSessionOptions(config)));
  const std::vector<InputBinding> bindings = InputBindings(*session);
  const std::string& folder = !config.calibration.empty() ? config.calibration : config.dataset;
  Dataset data;
  if (!folder.empty()) {
    auto read = ReadDataset(folder, bindings, rules.calibration_samples);
    if (!read.ok()) return read.status().WithContext("calibration data");
    data = std::move(*read);
    (*described)["source"] = config.calibration.empty() ? "the accuracy dataset (no calibration folder given)"
                                                        : "the calibration folder";
  } else {
    EB_ASSIGN_OR_RETURN(data, MakeSyntheticDataset(bindings, rules.calibration_samples, seed));
    (*described)["source"] = "synthetic: uniform [-1, 1) inputs, no dataset given; ranges of real data differ";
  }
  (*described)["data"] = data.source;
  (*described)["samples"] = data.samples;
  if (data.batches.empty()) return InvalidArgument("calibration data '" + folder + "' has no complete batch");
  return data;
}

}  // namespace

Expected<json> QuantizeToInt8(const RunConfig& config, const PrecisionRules& rules,
                              std::shared_ptr<const Model> reference, uint64_t seed, onnx::ModelProto& proto) {
  std::string mode = rules.quantization;
  json precision = json::object();
  if (mode == "auto") {
    mode = HasConv(proto) ? "static" : "dynamic";
    precision["mode_chosen_by"] = std::string("auto: ") + (mode == "static" ? "the model has Conv" : "the model has no Conv");
  }
  precision["mode"] = mode;
  QuantizerSettings settings;
  settings.activation_type = rules.activation_type == "int8" ? ActivationType::kInt8 : ActivationType::kUInt8;
  settings.per_channel = rules.per_channel;
  precision["activation_type"] = mode == "dynamic" ? "uint8" : rules.activation_type;
  precision["weight_type"] = "int8, symmetric";
  QuantizationReport report;
  if (mode == "static") {
    json calibration;
    EB_ASSIGN_OR_RETURN(Dataset data, CalibrationData(config, rules, reference, seed, &calibration));
    CalibrationSettings calib;
    EB_ASSIGN_OR_RETURN(calib.method, ParseCalibrationMethod(rules.calibration_method));
    calib.percentile = rules.calibration_percentile;
    calibration["method"] = rules.calibration_method;
    if (calib.method == CalibrationMethod::kPercentile) calibration["percentile"] = calib.percentile;
    EB_ASSIGN_OR_RETURN(auto ranges, CalibrateRanges(reference, data.batches, calib));
    calibration["tensors"] = ranges.size();
    precision["calibration"] = calibration;
    EB_RETURN_IF_ERROR(QuantizeStatic(proto, ranges, settings, &report));
  } else {
    precision["calibration"] = {{"source", "none: dynamic quantization computes activation ranges on every run"}};
    EB_RETURN_IF_ERROR(QuantizeDynamic(proto, settings, &report));
  }
  precision["quantizer"] = QuantizerJson(report);
  return precision;
}

Expected<PreparedModel> PrepareModel(const RunConfig& config, const PrecisionRules& rules, uint64_t seed) {
  PreparedModel prepared;
  const Clock::time_point start = Clock::now();
  EB_ASSIGN_OR_RETURN(const OptLevel level, ParseOptLevel(config.opt_level));
  EB_ASSIGN_OR_RETURN(onnx::ModelProto proto, ReadModelProto(config.model_path));
  const bool prequantized = IsQuantizedModel(proto);
  json& precision = prepared.precision;
  precision["name"] = config.precision;

  if (prequantized) {
    if (config.precision != "int8") {
      return InvalidArgument("the model is already quantized (it has QuantizeLinear/DequantizeLinear or QOperator "
                             "ops); it runs at precision int8 only");
    }
    prepared.no_reference_reason = "the model file is already quantized: there is no FP32 model to compare with";
    precision["mode"] = "prequantized";
    precision["calibration"] = {{"source", "none: the model file was quantized before edgebench loaded it"}};
  } else {
    Clock::time_point t = Clock::now();
    EB_ASSIGN_OR_RETURN(prepared.reference, LoadModel(config.model_path));
    prepared.load_ms = MsSince(t);
  }

  if (config.precision == "fp32") {
    precision["compute"] = "fp32";
  } else if (config.precision == "fp16") {
    Float16ConversionReport report;
    EB_RETURN_IF_ERROR(ConvertToFloat16(proto, &report));
    const Float16Arithmetic arithmetic = DetectFloat16Arithmetic();
    precision["storage"] = "float16 weights and activations; graph inputs and outputs stay float32";
    precision["compute"] = "float32: each op converts its float16 inputs to float32 and rounds its outputs back "
                           "(storage only)";
    precision["cpu_fp16_arithmetic"] = {{"available", arithmetic.available}, {"reason", arithmetic.reason}};
    precision["conversion"] = Float16Json(report);
  } else if (config.precision == "int8") {
    if (!prequantized) {
      EB_ASSIGN_OR_RETURN(json quantized, QuantizeToInt8(config, rules, prepared.reference, seed, proto));
      precision.update(quantized);
    }
  } else {
    return InvalidArgument("unknown precision '" + config.precision + "'");
  }

  const Clock::time_point t_passes = Clock::now();
  GraphOptimizationReport optimized;
  EB_RETURN_IF_ERROR(OptimizeModel(proto, level, &optimized, PassOptionsFor(config.backend)));
  prepared.graph = GraphJson(optimized, MsSince(t_passes));
  if (config.precision == "int8") {
    if (optimized.qdq_fusion_ran) {
      precision["fusion"] = FusionJson(optimized.qdq_fusion);
      precision["compute"] = "integer kernels (int32 accumulation) for the fused nodes; the float_fallback nodes "
                             "run in float32 between DequantizeLinear and QuantizeLinear";
    } else {
      precision["compute"] = UnfusedInt8Compute(proto, level);
    }
  }

  if (config.precision == "fp32" && level == OptLevel::kNone) {
    prepared.model = prepared.reference;  // no pass ran: the model as loaded
  } else {
    Clock::time_point t = Clock::now();
    EB_ASSIGN_OR_RETURN(prepared.model,
                        LoadProto(proto, config.model_path, config.precision + ", opt level " + config.opt_level));
    prepared.load_ms = MsSince(t);
  }
  precision["prepare_ms"] = MsSince(start);
  return prepared;
}

}  // namespace edgebench
