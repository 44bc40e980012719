// Graph passes chosen by an opt level, over the ONNX protobuf before it
// becomes edgebench IR (the level names follow ONNX Runtime's
// GraphOptimizationLevel: disable all, basic, all):
//   none:  no pass. Sessions still evaluate nodes whose inputs are all known
//          once at creation (SessionOptions::fold_constants), which binding
//          needs for shapes computed in the graph (Shape -> ... -> Reshape).
//   basic: constant folding; Identity and Dropout removal; BatchNormalization,
//          Add and Mul by constants folded into the Conv before them.
//   all:   basic, then QDQ fusion into integer kernels (quantized models),
//          residual-add and activation fusion into com.microsoft FusedConv /
//          FusedGemm, and, for backends that ask for it, the NHWC layout
//          pass (runtime/passes/nhwc_layout.h: chains of convolutions in
//          NHWC, Transposes only at the chain boundaries).
#pragma once

#include <string>
#include <vector>

#include "runtime/core/status.h"
#include "runtime/quant/qdq_fusion.h"

namespace onnx {
class ModelProto;
}

namespace edgebench {

enum class OptLevel { kNone, kBasic, kAll };

// "none", "basic" or "all".
Expected<OptLevel> ParseOptLevel(const std::string& name);
const char* OptLevelName(OptLevel level);

struct GraphPassReport {
  std::string name;  // "constant_folding", ...
  int rewrites = 0;  // nodes folded, removed or fused by this pass
  int nodes_before = 0;
  int nodes_after = 0;
};

struct GraphOptimizationReport {
  OptLevel level = OptLevel::kNone;
  std::vector<GraphPassReport> passes;  // in the order they ran
  int nodes_before = 0;
  int nodes_after = 0;
  bool qdq_fusion_ran = false;
  QdqFusionReport qdq_fusion;  // per-op detail when qdq_fusion_ran
};

// What the backend that will run the model asks of the passes.
struct GraphPassOptions {
  bool nhwc_layout = false;  // Backend::prefers_nhwc()
};

// The options for the backend called `name` (defaults for an unknown name:
// the session that follows reports it).
GraphPassOptions PassOptionsFor(const std::string& backend);

// Runs the passes of `level` in order. `report` may be null.
Status OptimizeModel(onnx::ModelProto& model, OptLevel level, GraphOptimizationReport* report,
                     const GraphPassOptions& options = {});

}  // namespace edgebench
