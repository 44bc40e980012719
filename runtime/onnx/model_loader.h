// Reads an .onnx file into edgebench's IR: checker, shape inference, IR
// construction, topological order and a support check, all before any run.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "runtime/core/status.h"
#include "runtime/ir/graph.h"

namespace edgebench {

// Opsets of the default domain edgebench implements: ops follow their
// definitions of opsets 7-17. Older models load when every op they use has the
// same definition at their opset as at opset 7 (Conv, Relu, GlobalAveragePool,
// ... unchanged since opset 1); ops whose older definition differs (legacy
// broadcasting, consumed_inputs) are refused.
constexpr int64_t kMinOpset = 7;
constexpr int64_t kMaxOpset = 17;

struct Model {
  std::string path;
  Graph graph;
  int64_t ir_version = 0;
  std::string producer;  // "pytorch 1.13.0"
  std::map<std::string, int64_t> opset_imports;
  size_t file_bytes = 0;
  std::vector<std::string> warnings;  // e.g. ONNX shape inference could not finish
};

struct LoadOptions {
  size_t max_file_bytes = size_t{4} << 30;
  size_t max_tensor_bytes = size_t{8} << 30;
  bool run_checker = true;
  bool run_shape_inference = true;
  // Fail when a node's op has no implementation; lists every such op.
  bool require_supported_ops = true;
};

Expected<std::shared_ptr<const Model>> LoadModel(const std::string& path, const LoadOptions& options = {});
// Same, from bytes already in memory; `base_dir` resolves external data.
Expected<std::shared_ptr<const Model>> LoadModelFromBytes(const std::string& bytes, const std::string& base_dir,
                                                          const std::string& label, const LoadOptions& options = {});

// Every op type in the graph with no ref implementation, with its node
// names: "unsupported ops: Foo (nodes 'a', 'b'); Bar (node 'c')". Ok if none.
Status CheckOpsSupported(const Graph& graph);

}  // namespace edgebench
