// A session binds a model's input shapes, infers every tensor's shape, folds
// what is known before the run, plans one activation arena and runs the plan.
// Nothing is allocated inside Run().
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "runtime/backends/backend.h"
#include "runtime/core/thread_pool.h"
#include "runtime/onnx/model_loader.h"
#include "runtime/ops/op.h"
#include "runtime/planner/memory_planner.h"
#include "runtime/session/step_observer.h"

namespace edgebench {

struct SessionOptions {
  std::string backend = "ref";
  // Binds a symbolic leading dim of every input.
  int64_t batch = 1;
  // Full shapes for inputs, overriding the model's (needed for symbolic dims
  // other than the batch).
  std::map<std::string, Shape> input_shapes;
  // Inputs whose data is fixed at creation, for models whose shapes depend on
  // input data (the ONNX node tests feed Reshape's shape this way). Run()
  // checks that the data it gets is the same.
  std::map<std::string, Tensor> fixed_inputs;
  // Refuse any tensor, and the arena, above this size, before allocating.
  size_t max_memory_bytes = size_t{4} << 30;
  // Evaluate nodes whose inputs are all known at creation (shape arithmetic,
  // constant subgraphs) once, instead of every run. Without it, models whose
  // shapes are computed in the graph (Shape -> ... -> Reshape) cannot bind.
  bool fold_constants = true;
  // Threads that run the kernels, the calling thread included. Above 1 the
  // session owns a ThreadPool, and the backend must be multithreaded.
  int threads = 1;
  // Called on each pool worker (index 1 .. threads-1) as it starts; the
  // harness pins the worker there and returns where it runs. See
  // ThreadPoolOptions::on_worker_start.
  std::function<Expected<std::string>(int thread_index)> on_worker_start;
};

// What happened to one node of the graph.
struct NodeReport {
  int node = 0;             // index into graph.nodes
  std::string backend;      // backend that runs it
  bool fallback = false;    // the chosen backend did not support it; ref runs it
  bool folded = false;      // evaluated at creation; not part of the run
  // A Concat whose inputs their producers wrote into its output in place
  // (concat_in_place.h): its step copies nothing and costs nothing.
  bool elided = false;
  OpCost cost;
  size_t scratch_bytes = 0;
};

// One activation tensor's place in the arena.
struct ArenaValue {
  int value = 0;    // index into graph.values
  int buffer = 0;   // index into buffer_requests(); in-place values share one
  size_t offset = 0;  // in the arena (a Concat's inputs lie inside its output's buffer)
  size_t bytes = 0;
};

class Session {
 public:
  static Expected<std::unique_ptr<Session>> Create(std::shared_ptr<const Model> model,
                                                   const SessionOptions& options = {});

  // Inputs in the order of graph().inputs, with the bound dtypes and shapes.
  // The caller keeps them alive during the call. An observer, when given, is
  // called around every step (per-op profiling).
  Status Run(const std::vector<Tensor>& inputs, StepObserver* observer = nullptr);

  const Graph& graph() const { return model_->graph; }
  const Model& model() const { return *model_; }
  const Backend& backend() const { return *backend_; }
  // The session's pool, or null when it runs on the calling thread alone
  // (threads 1). Its worker_placement() says where each worker was pinned.
  const ThreadPool* thread_pool() const { return pool_.get(); }

  // Bound type and shape of graph input i (data null).
  const Tensor& input_info(int i) const { return tensors_[graph().inputs[i]]; }
  const std::string& input_name(int i) const { return graph().values[graph().inputs[i]].name; }
  int num_inputs() const { return static_cast<int>(graph().inputs.size()); }
  // Graph output i; valid until the next Run().
  const Tensor& output(int i) const { return tensors_[graph().outputs[i]]; }
  const std::string& output_name(int i) const { return graph().values[graph().outputs[i]].name; }
  int num_outputs() const { return static_cast<int>(graph().outputs.size()); }
  // Every value's bound tensor (shape and dtype; data where known or planned).
  const Tensor& value(int v) const { return tensors_[v]; }

  const std::vector<NodeReport>& node_reports() const { return node_reports_; }
  const std::vector<BufferRequest>& buffer_requests() const { return buffer_requests_; }
  const MemoryPlan& memory_plan() const { return memory_plan_; }
  const std::vector<ArenaValue>& arena_values() const { return arena_values_; }
  // Bytes of constant tensors the run reads (initializers and folded values).
  size_t weight_bytes() const { return weight_bytes_; }
  // Sum of the run's node costs (folded nodes excluded).
  OpCost total_cost() const;
  int num_steps() const { return static_cast<int>(steps_.size()); }
  // The graph node run by step s (an index into graph().nodes and node_reports()).
  int step_node(int s) const { return steps_[s].node; }
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  struct Step {
    int node = 0;
    const OpDef* op = nullptr;
    KernelContext ctx;
    bool elided = false;  // NodeReport::elided: not run
  };

  Session() = default;
  Status StartThreads(const SessionOptions& options);
  Status BindInputs(const SessionOptions& options);
  Status PrepareNodes(const SessionOptions& options);
  Status PlanArena(const SessionOptions& options);

  std::shared_ptr<const Model> model_;
  const Backend* backend_ = nullptr;
  std::unique_ptr<ThreadPool> pool_;  // null with one thread
  std::vector<Tensor> tensors_;  // one per graph value
  std::vector<bool> known_;      // data known at creation
  std::vector<Step> steps_;
  std::vector<NodeReport> node_reports_;
  std::vector<BufferRequest> buffer_requests_;
  std::vector<ArenaValue> arena_values_;
  std::vector<size_t> step_scratch_buffer_;  // buffer index per step, or SIZE_MAX
  MemoryPlan memory_plan_;
  std::shared_ptr<void> arena_;
  std::map<int, Tensor> fixed_inputs_;  // value index -> data fixed at creation
  size_t weight_bytes_ = 0;
  std::vector<std::string> warnings_;
};

}  // namespace edgebench
