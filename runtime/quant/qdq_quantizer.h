// Post-training quantization of a float ONNX model into the standard QDQ form
// (QuantizeLinear/DequantizeLinear pairs around the quantized ops, as ONNX
// Runtime's quantization tools write it), so that any runtime can load the
// result, and edgebench's QDQ fusion turns it into integer kernels.
//
// Static: activations are quantized with ranges from calibration, per tensor,
// asymmetric; weights per output channel, symmetric int8; biases int32.
// Dynamic: the activations' parameters are computed on every run (no
// calibration). Constant-weight MatMul and Gemm become DynamicQuantizeLinear
// + MatMulInteger with float rescaling; LSTM and GRU with constant W and R
// become com.microsoft DynamicQuantizeLSTM (ONNX Runtime's contrib op) and
// ai.edgebench DynamicQuantizeGRU (edgebench's own: other runtimes will not
// load it), with int8 weights (per gate row, or per direction without
// per_channel) and float biases.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "runtime/core/status.h"
#include "runtime/quant/affine_quantization.h"
#include "runtime/quant/value_histogram.h"

namespace onnx {
class ModelProto;
}

namespace edgebench {

struct QuantizerSettings {
  ActivationType activation_type = ActivationType::kUInt8;
  // Per-output-channel weight scales; needs opset 13 (DequantizeLinear's
  // axis). Older models get per-tensor scales, and the report says so.
  bool per_channel = true;
};

// What the quantizer did, per node it looked at.
struct QuantizationReport {
  struct Entry {
    std::string node;     // "Conv 'conv1'"
    std::string op_type;
    bool quantized = false;
    std::string reason;   // why not, when not
  };
  std::vector<Entry> nodes;
  int64_t float_weight_bytes = 0;      // the weights it replaced
  int64_t quantized_weight_bytes = 0;  // their int8/int32 form, scales included
  bool per_channel = false;
  std::vector<std::string> notes;

  int quantized_count() const;
};

// The ops the static quantizer wraps in QDQ. Everything else stays float
// between a DequantizeLinear and a QuantizeLinear.
bool IsStaticallyQuantizedOp(const std::string& op_type);

// `ranges` maps activation names to their calibrated ranges (CalibrateRanges).
Status QuantizeStatic(onnx::ModelProto& model, const std::map<std::string, TensorRange>& ranges,
                      const QuantizerSettings& settings, QuantizationReport* report);

Status QuantizeDynamic(onnx::ModelProto& model, const QuantizerSettings& settings, QuantizationReport* report);

// True when the model already holds quantization ops (QDQ or QOperator form).
bool IsQuantizedModel(const onnx::ModelProto& model);

}  // namespace edgebench
