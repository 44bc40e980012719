// The contract between the session and an operator implementation.
//
// An op is a small struct of function pointers (after tflite-micro):
//   infer: output types and shapes from input types, shapes and any input
//          values known before the run; parses attributes once into a state;
//          declares scratch bytes. May allocate.
//   run:   computes outputs into memory the session planned. Must not
//          allocate: use the state and the scratch buffer.
//   cost:  MACs, FLOPs and bytes for accounting; null means "one FLOP per
//          output element", the element-wise model.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runtime/core/status.h"
#include "runtime/core/tensor.h"
#include "runtime/core/thread_pool.h"
#include "runtime/ir/graph.h"

namespace edgebench {

// Shapes and types of a node's inputs as known at session creation.
class InferContext {
 public:
  InferContext(const Node& node, int64_t opset, std::vector<const Tensor*> input_infos,
               std::vector<bool> input_value_known)
      : node_(node), opset_(opset), inputs_(std::move(input_infos)), known_(std::move(input_value_known)),
        outputs_(node.outputs.size()) {}

  const Node& node() const { return node_; }
  const Attributes& attributes() const { return node_.attributes; }
  int64_t opset() const { return opset_; }
  // Threads the session's pool has: kernels that give each thread its own
  // scratch (packing buffers) size it for this many.
  int num_threads() const { return num_threads_; }
  void set_num_threads(int threads) { num_threads_ = threads; }

  int num_inputs() const { return static_cast<int>(inputs_.size()); }
  bool has_input(int i) const { return i < num_inputs() && inputs_[i] != nullptr; }
  DType input_dtype(int i) const { return inputs_[i]->dtype(); }
  const Shape& input_shape(int i) const { return inputs_[i]->shape(); }
  int input_rank(int i) const { return inputs_[i]->rank(); }
  // The input's data when it is known before the run (an initializer or a
  // folded value); null otherwise. Ops whose output shape depends on an
  // input's data (Reshape, Expand, ...) need it.
  const Tensor* input_value(int i) const { return has_input(i) && known_[i] ? inputs_[i] : nullptr; }

  int num_outputs() const { return static_cast<int>(outputs_.size()); }
  bool has_output(int i) const { return i < num_outputs() && node_.outputs[i] != kNoValue; }
  void set_output(int i, DType dtype, Shape shape) { outputs_[i] = {dtype, std::move(shape), true}; }

  void set_scratch_bytes(size_t bytes) { scratch_bytes_ = bytes; }
  template <typename State> void set_state(std::shared_ptr<State> state) { state_ = std::move(state); }

  // An InvalidArgument error that names the node.
  Status Error(const std::string& message) const { return InvalidArgument(node_.Describe() + ": " + message); }
  Status UnsupportedError(const std::string& message) const {
    return Unsupported(node_.Describe() + ": " + message);
  }

  struct OutputInfo {
    DType dtype = DType::kUndefined;
    Shape shape;
    bool set = false;
  };
  const std::vector<OutputInfo>& outputs() const { return outputs_; }
  size_t scratch_bytes() const { return scratch_bytes_; }
  std::shared_ptr<void> state() const { return state_; }

 private:
  const Node& node_;
  int64_t opset_;
  int num_threads_ = 1;
  std::vector<const Tensor*> inputs_;
  std::vector<bool> known_;
  std::vector<OutputInfo> outputs_;
  size_t scratch_bytes_ = 0;
  std::shared_ptr<void> state_;
};

// Everything run() may touch. Built once per node at session creation.
struct KernelContext {
  const Node* node = nullptr;
  int64_t opset = 0;
  std::vector<const Tensor*> inputs;  // null for a skipped optional input
  std::vector<Tensor*> outputs;       // null for a skipped optional output
  void* scratch = nullptr;
  size_t scratch_bytes = 0;
  std::shared_ptr<void> state;
  // The session's pool (null: run on the calling thread). Kernels split their
  // work with ParallelFor / ParallelFor2D; ref kernels ignore it.
  ThreadPool* pool = nullptr;

  const Tensor* input(int i) const { return i < static_cast<int>(inputs.size()) ? inputs[i] : nullptr; }
  Tensor* output(int i) const { return i < static_cast<int>(outputs.size()) ? outputs[i] : nullptr; }
  const Attributes& attributes() const { return node->attributes; }
  template <typename State> const State& get_state() const { return *static_cast<const State*>(state.get()); }
  Status Error(const std::string& message) const { return InvalidArgument(node->Describe() + ": " + message); }
};

// Work and traffic of one node, for accounting and roofline projection.
struct OpCost {
  int64_t macs = 0;
  int64_t flops = 0;  // a MAC counts as two FLOPs
  int64_t bytes_read = 0;
  int64_t bytes_written = 0;
};

// Bound input and output tensors (shapes and dtypes; data may be absent).
struct CostContext {
  const Node* node = nullptr;
  std::vector<const Tensor*> inputs;
  std::vector<const Tensor*> outputs;
};

struct OpDef {
  const char* op_type;
  Status (*infer)(InferContext& ctx);
  Status (*run)(const KernelContext& ctx);
  OpCost (*cost)(const CostContext& ctx);  // null: element-wise model
  // Output 0 may share the buffer of an input of the same type and size whose
  // last use is this node: the kernel reads element i before writing element i.
  bool in_place = false;
  // Run reads its inputs' shapes, never their data (Shape, Size): the node is
  // folded at creation as soon as the shapes are bound.
  bool reads_only_shapes = false;
  // The ONNX domain of op_type: "" for the default domain (also spelled
  // "ai.onnx" in models), "com.microsoft" for ONNX Runtime's contrib ops.
  const char* domain = "";
};

// Bytes read (all inputs) and written (all outputs), and one FLOP per output
// element: the model for element-wise and data-movement ops.
OpCost ElementwiseCost(const CostContext& ctx);
OpCost DefaultCost(const OpDef& op, const CostContext& ctx);

}  // namespace edgebench
