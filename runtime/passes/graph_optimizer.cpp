#include "runtime/passes/graph_optimizer.h"

#include <onnx/onnx_pb.h>

#include <functional>

#include "runtime/backends/backend.h"
#include "runtime/passes/activation_fusion.h"
#include "runtime/passes/constant_folding.h"
#include "runtime/passes/conv_add_mul_folding.h"
#include "runtime/passes/identity_removal.h"
#include "runtime/passes/nhwc_layout.h"
#include "runtime/passes/residual_add_fusion.h"
#include "runtime/quant/batchnorm_folding.h"
#include "runtime/quant/qdq_quantizer.h"

namespace edgebench {
namespace {

struct Pass {
  const char* name;
  OptLevel level;  // the lowest level that runs it
  bool layout;     // runs only when GraphPassOptions::nhwc_layout asks for it
  std::function<Expected<int>(onnx::ModelProto&, GraphOptimizationReport&)> run;
};

Expected<int> RunQdqFusion(onnx::ModelProto& model, GraphOptimizationReport& report) {
  if (!IsQuantizedModel(model)) return 0;
  report.qdq_fusion = QdqFusionReport{};
  EB_RETURN_IF_ERROR(FuseQdq(model, &report.qdq_fusion));
  report.qdq_fusion_ran = true;
  return report.qdq_fusion.total_fused();
}

// The one list of passes, in the order they run. Folding comes first so the
// later passes see constants as initializers; BN folds before Add/Mul so a
// Conv -> BN -> Mul chain folds whole; QDQ fusion runs before activation
// fusion, which would otherwise take the Relu a QLinearConv absorbs; the
// residual Add fuses into its Conv before activation fusion takes the Relu
// after the Add; the layout pass comes last, so that it moves the fused nodes.
const std::vector<Pass>& Passes() {
  static const std::vector<Pass> kPasses = {
      {"constant_folding", OptLevel::kBasic, false,
       [](onnx::ModelProto& m, GraphOptimizationReport&) { return FoldConstants(m); }},
      {"identity_dropout_removal", OptLevel::kBasic, false,
       [](onnx::ModelProto& m, GraphOptimizationReport&) { return RemoveIdentityAndDropout(m); }},
      {"batchnorm_into_conv", OptLevel::kBasic, false,
       [](onnx::ModelProto& m, GraphOptimizationReport&) { return FoldBatchNormIntoConv(m); }},
      {"add_mul_into_conv", OptLevel::kBasic, false,
       [](onnx::ModelProto& m, GraphOptimizationReport&) { return FoldAddMulIntoConv(m); }},
      {"qdq_fusion", OptLevel::kAll, false, RunQdqFusion},
      {"residual_add_fusion", OptLevel::kAll, false,
       [](onnx::ModelProto& m, GraphOptimizationReport&) { return FuseResidualAdds(m); }},
      {"activation_fusion", OptLevel::kAll, false,
       [](onnx::ModelProto& m, GraphOptimizationReport&) { return FuseActivations(m); }},
      {"nhwc_layout", OptLevel::kAll, true,
       [](onnx::ModelProto& m, GraphOptimizationReport&) { return TransformToNhwc(m); }},
  };
  return kPasses;
}

}  // namespace

Expected<OptLevel> ParseOptLevel(const std::string& name) {
  if (name == "none") return OptLevel::kNone;
  if (name == "basic") return OptLevel::kBasic;
  if (name == "all") return OptLevel::kAll;
  return InvalidArgument("unknown opt level '" + name + "' (expected none, basic or all)");
}

const char* OptLevelName(OptLevel level) {
  switch (level) {
    case OptLevel::kNone: return "none";
    case OptLevel::kBasic: return "basic";
    case OptLevel::kAll: return "all";
  }
  return "unknown";
}

GraphPassOptions PassOptionsFor(const std::string& backend) {
  GraphPassOptions options;
  if (auto found = FindBackend(backend); found.ok()) options.nhwc_layout = (*found)->prefers_nhwc();
  return options;
}

Status OptimizeModel(onnx::ModelProto& model, OptLevel level, GraphOptimizationReport* report,
                     const GraphPassOptions& options) {
  GraphOptimizationReport local;
  GraphOptimizationReport& r = report ? *report : local;
  r = GraphOptimizationReport{};
  r.level = level;
  r.nodes_before = model.graph().node_size();
  for (const Pass& pass : Passes()) {
    if (static_cast<int>(level) < static_cast<int>(pass.level) || (pass.layout && !options.nhwc_layout)) continue;
    GraphPassReport p;
    p.name = pass.name;
    p.nodes_before = model.graph().node_size();
    auto rewrites = pass.run(model, r);
    if (!rewrites.ok()) return rewrites.status().WithContext(std::string("graph pass ") + pass.name);
    p.rewrites = *rewrites;
    p.nodes_after = model.graph().node_size();
    r.passes.push_back(std::move(p));
  }
  r.nodes_after = model.graph().node_size();
  return Status::Ok();
}

}  // namespace edgebench
