#include "runtime/quant/batchnorm_folding.h"

#include <onnx/onnx_pb.h>

#include <cmath>
#include <set>
#include <vector>

#include "runtime/passes/graph_constants.h"
#include "runtime/quant/onnx_graph_edit.h"
#include "runtime/quant/onnx_model_edit.h"

namespace edgebench {

Expected<int> FoldBatchNormIntoConv(onnx::ModelProto& model) {
  onnx::GraphProto& graph = *model.mutable_graph();
  const GraphIndex index(graph);
  const GraphConstants consts(graph);
  NameGenerator names(graph);
  std::vector<bool> remove(graph.node_size(), false);
  std::set<std::string> replaced;
  int folded = 0;
  for (int n = 0; n < graph.node_size(); ++n) {
    const onnx::NodeProto& bn = graph.node(n);
    if (bn.op_type() != "BatchNormalization" || !bn.domain().empty() || bn.input_size() != 5) continue;
    if (bn.output_size() > 1 || IntAttribute(bn, "training_mode", 0) != 0) continue;
    const int c = index.producer(bn.input(0));
    if (c < 0) continue;
    onnx::NodeProto& conv = *graph.mutable_node(c);
    if (conv.op_type() != "Conv" || !conv.domain().empty() || index.consumers(conv.output(0)).size() != 1 ||
        index.is_graph_output(conv.output(0)) || !consts.IsFloat(conv.input(1))) {
      continue;
    }
    const bool has_bias = conv.input_size() > 2 && !conv.input(2).empty();
    if (has_bias && !consts.IsFloat(conv.input(2))) continue;
    bool constants = true;
    for (int i = 1; i < 5; ++i) constants = constants && consts.IsFloat(bn.input(i));
    if (!constants) continue;

    // float16 weights (a model converted before the passes) fold in float32, rounded once.
    const DType dtype = static_cast<DType>(consts.Find(conv.input(1))->data_type());
    EB_ASSIGN_OR_RETURN(Tensor w, consts.ReadAsFloat32(conv.input(1)));
    EB_ASSIGN_OR_RETURN(Tensor gamma, consts.ReadAsFloat32(bn.input(1)));
    EB_ASSIGN_OR_RETURN(Tensor beta, consts.ReadAsFloat32(bn.input(2)));
    EB_ASSIGN_OR_RETURN(Tensor mean, consts.ReadAsFloat32(bn.input(3)));
    EB_ASSIGN_OR_RETURN(Tensor var, consts.ReadAsFloat32(bn.input(4)));
    const int64_t filters = w.rank() > 0 ? w.dim(0) : 0;
    if (filters == 0 || gamma.num_elements() != filters || beta.num_elements() != filters ||
        mean.num_elements() != filters || var.num_elements() != filters) {
      continue;
    }
    Tensor bias;
    if (has_bias) {
      EB_ASSIGN_OR_RETURN(bias, consts.ReadAsFloat32(conv.input(2)));
      if (bias.num_elements() != filters) continue;
    }
    const float epsilon = FloatAttribute(bn, "epsilon", 1e-5f);
    EB_ASSIGN_OR_RETURN(Tensor new_w, w.Clone());
    EB_ASSIGN_OR_RETURN(Tensor new_b, Tensor::Allocate(DType::kFloat32, {filters}));
    const int64_t per_filter = w.num_elements() / filters;
    for (int64_t m = 0; m < filters; ++m) {
      const float s = gamma.data<float>()[m] / std::sqrt(var.data<float>()[m] + epsilon);
      for (int64_t k = 0; k < per_filter; ++k) new_w.data<float>()[m * per_filter + k] *= s;
      const float b = has_bias ? bias.data<float>()[m] : 0.0f;
      new_b.data<float>()[m] = (b - mean.data<float>()[m]) * s + beta.data<float>()[m];
    }
    // New names: the old weights may be read by other nodes too.
    const std::string w_name = names.Make(conv.input(1) + "_bn_folded");
    const std::string b_name = names.Make(bn.name().empty() ? conv.output(0) + "_bias" : bn.name() + "_bias");
    EB_ASSIGN_OR_RETURN(Tensor stored_w, NarrowFloat32(new_w, dtype));
    EB_ASSIGN_OR_RETURN(Tensor stored_b, NarrowFloat32(new_b, dtype));
    AddInitializer(graph, w_name, stored_w);
    AddInitializer(graph, b_name, stored_b);
    for (const std::string& old : {conv.input(1), has_bias ? conv.input(2) : std::string(), bn.input(1),
                                   bn.input(2), bn.input(3), bn.input(4)}) {
      if (!old.empty()) replaced.insert(old);
    }
    conv.set_input(1, w_name);
    if (has_bias) {
      conv.set_input(2, b_name);
    } else {
      conv.add_input(b_name);
    }
    conv.set_output(0, bn.output(0));
    remove[n] = true;
    ++folded;
  }
  RemoveNodes(graph, remove);
  RemoveOrphanedInitializers(graph, replaced);
  PruneValueInfo(graph);
  return folded;
}

}  // namespace edgebench
