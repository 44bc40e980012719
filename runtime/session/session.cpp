#include "runtime/session/session.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "runtime/session/concat_in_place.h"

namespace edgebench {
namespace {

constexpr size_t kNoBuffer = std::numeric_limits<size_t>::max();

std::string ValueLabel(const Value& v) { return "'" + v.name + "'"; }

}  // namespace

Expected<std::unique_ptr<Session>> Session::Create(std::shared_ptr<const Model> model, const SessionOptions& options) {
  if (!model) return InvalidArgument("no model");
  std::unique_ptr<Session> s(new Session());
  s->model_ = std::move(model);
  EB_ASSIGN_OR_RETURN(s->backend_, FindBackend(options.backend));
  EB_RETURN_IF_ERROR(s->StartThreads(options));
  const size_t n_values = s->graph().values.size();
  s->tensors_.resize(n_values);
  s->known_.assign(n_values, false);
  EB_RETURN_IF_ERROR(s->BindInputs(options));
  EB_RETURN_IF_ERROR(s->PrepareNodes(options));
  EB_RETURN_IF_ERROR(s->PlanArena(options));
  return s;
}

Status Session::StartThreads(const SessionOptions& options) {
  if (options.threads < 1) return InvalidArgument("threads must be at least 1, got " + std::to_string(options.threads));
  if (options.threads == 1) return Status::Ok();
  if (!backend_->multithreaded()) {
    return InvalidArgument("backend '" + std::string(backend_->name()) + "' is single-threaded; threads " +
                           std::to_string(options.threads) + " needs a multithreaded backend (threads must be 1)");
  }
  ThreadPoolOptions pool_options;
  pool_options.threads = options.threads;
  pool_options.on_worker_start = options.on_worker_start;
  EB_ASSIGN_OR_RETURN(pool_, ThreadPool::Create(pool_options));
  return Status::Ok();
}

Status Session::BindInputs(const SessionOptions& options) {
  const Graph& g = graph();
  for (const auto& [name, shape] : options.input_shapes) {
    const int v = g.FindValue(name);
    if (v == kNoValue || !g.values[v].is_graph_input) {
      return InvalidArgument("input shape given for '" + name + "', which is not a graph input");
    }
  }
  for (size_t v = 0; v < g.values.size(); ++v) {
    if (g.values[v].constant) {
      tensors_[v] = *g.values[v].constant;
      known_[v] = true;
    }
  }
  for (int v : g.inputs) {
    const Value& value = g.values[v];
    Shape shape;
    auto given = options.input_shapes.find(value.name);
    if (given != options.input_shapes.end()) {
      shape = given->second;
      if (value.has_shape && shape.size() != value.shape.size()) {
        return InvalidArgument("input " + ValueLabel(value) + " has rank " + std::to_string(value.shape.size()) +
                               ", the given shape " + ShapeToString(shape) + " has rank " +
                               std::to_string(shape.size()));
      }
      for (size_t d = 0; value.has_shape && d < shape.size(); ++d) {
        if (value.shape[d] >= 0 && value.shape[d] != shape[d]) {
          return InvalidArgument("input " + ValueLabel(value) + " dim " + std::to_string(d) + " is fixed at " +
                                 std::to_string(value.shape[d]) + " by the model; given " + ShapeToString(shape));
        }
      }
    } else if (!value.has_shape) {
      return InvalidArgument("input " + ValueLabel(value) + " has no shape in the model; give one explicitly");
    } else {
      shape = value.shape;
      for (size_t d = 0; d < shape.size(); ++d) {
        if (shape[d] >= 0) continue;
        if (d == 0) {
          shape[d] = options.batch;
          continue;
        }
        const std::string& param = value.dim_params[d];
        return InvalidArgument("input " + ValueLabel(value) + " dim " + std::to_string(d) +
                               (param.empty() ? "" : " ('" + param + "')") +
                               " is symbolic; give the input's full shape");
      }
      if (!shape.empty() && value.shape[0] >= 0 && options.batch != 1 && value.shape[0] != options.batch) {
        warnings_.push_back("input " + ValueLabel(value) + " has a fixed batch of " + std::to_string(value.shape[0]) +
                            "; batch " + std::to_string(options.batch) + " was not applied");
      }
    }
    EB_ASSIGN_OR_RETURN(int64_t elements, CheckedNumElements(shape));
    if (static_cast<uint64_t>(elements) > options.max_memory_bytes / std::max<size_t>(1, DTypeSize(value.dtype))) {
      return ResourceExhausted("input " + ValueLabel(value) + " " + TensorTypeToString(value.dtype, shape) +
                               " exceeds the memory limit of " + std::to_string(options.max_memory_bytes) + " bytes");
    }
    tensors_[v] = Tensor::View(value.dtype, shape, nullptr);
    auto fixed = options.fixed_inputs.find(value.name);
    if (fixed != options.fixed_inputs.end()) {
      if (fixed->second.dtype() != value.dtype || fixed->second.shape() != shape) {
        return InvalidArgument("fixed input " + ValueLabel(value) + " is " +
                               TensorTypeToString(fixed->second.dtype(), fixed->second.shape()) + ", bound as " +
                               TensorTypeToString(value.dtype, shape));
      }
      tensors_[v] = fixed->second;
      known_[v] = true;
      fixed_inputs_[v] = fixed->second;
    }
  }
  return Status::Ok();
}

Status Session::PrepareNodes(const SessionOptions& options) {
  const Graph& g = graph();
  node_reports_.resize(g.nodes.size());
  for (size_t n = 0; n < g.nodes.size(); ++n) {
    const Node& node = g.nodes[n];
    std::vector<const Tensor*> inputs(node.inputs.size(), nullptr);
    std::vector<bool> known(node.inputs.size(), false);
    bool all_known = true;
    for (size_t i = 0; i < node.inputs.size(); ++i) {
      if (node.inputs[i] == kNoValue) continue;
      inputs[i] = &tensors_[node.inputs[i]];
      known[i] = known_[node.inputs[i]];
      all_known = all_known && known[i];
    }
    InferContext ictx(node, g.opset, inputs, known);
    ictx.set_num_threads(NumThreads(pool_.get()));
    NodeReport& report = node_reports_[n];
    report.node = static_cast<int>(n);
    const OpDef* op = backend_->Find(node, ictx);
    report.backend = backend_->name();
    if (!op) {
      op = RefBackend().Find(node, ictx);
      report.backend = RefBackend().name();
      report.fallback = backend_ != &RefBackend();
      if (!op) return CheckOpsSupported(g);
    }
    EB_RETURN_IF_ERROR(op->infer(ictx));

    for (size_t o = 0; o < node.outputs.size(); ++o) {
      const int v = node.outputs[o];
      if (v == kNoValue) continue;
      const auto& info = ictx.outputs()[o];
      if (!info.set) return Internal(node.Describe() + ": infer did not set output " + std::to_string(o));
      EB_ASSIGN_OR_RETURN(int64_t elements, CheckedNumElements(info.shape));
      if (static_cast<uint64_t>(elements) > options.max_memory_bytes / std::max<size_t>(1, DTypeSize(info.dtype))) {
        return ResourceExhausted(node.Describe() + ": output " + ValueLabel(g.values[v]) + " " +
                                 TensorTypeToString(info.dtype, info.shape) + " exceeds the memory limit of " +
                                 std::to_string(options.max_memory_bytes) + " bytes");
      }
      tensors_[v] = Tensor::View(info.dtype, info.shape, nullptr);
    }

    KernelContext kctx;
    kctx.node = &node;
    kctx.opset = g.opset;
    kctx.inputs = inputs;
    kctx.state = ictx.state();
    kctx.scratch_bytes = ictx.scratch_bytes();
    kctx.pool = pool_.get();
    kctx.outputs.assign(node.outputs.size(), nullptr);
    for (size_t o = 0; o < node.outputs.size(); ++o) {
      if (node.outputs[o] != kNoValue) kctx.outputs[o] = &tensors_[node.outputs[o]];
    }
    CostContext cctx{&node, inputs, {kctx.outputs.begin(), kctx.outputs.end()}};
    report.cost = DefaultCost(*op, cctx);
    report.scratch_bytes = ictx.scratch_bytes();

    if (options.fold_constants && (all_known || op->reads_only_shapes)) {
      for (size_t o = 0; o < node.outputs.size(); ++o) {
        const int v = node.outputs[o];
        if (v == kNoValue) continue;
        EB_ASSIGN_OR_RETURN(tensors_[v], Tensor::Allocate(tensors_[v].dtype(), tensors_[v].shape()));
        known_[v] = true;
      }
      Tensor scratch;
      if (kctx.scratch_bytes > 0) {
        EB_ASSIGN_OR_RETURN(scratch, Tensor::Allocate(DType::kUInt8, {static_cast<int64_t>(kctx.scratch_bytes)}));
        kctx.scratch = scratch.raw_data();
      }
      EB_RETURN_IF_ERROR(op->run(kctx).WithContext("folding constants"));
      report.folded = true;
      continue;
    }
    steps_.push_back(Step{static_cast<int>(n), op, std::move(kctx)});
  }
  return Status::Ok();
}

Status Session::PlanArena(const SessionOptions& options) {
  const Graph& g = graph();
  const int num_steps = static_cast<int>(steps_.size());
  // Step of each value's last use; graph outputs live past the last step.
  std::vector<int> last_use(g.values.size(), -1);
  for (int s = 0; s < num_steps; ++s) {
    for (int v : g.nodes[steps_[s].node].inputs) {
      if (v != kNoValue) last_use[v] = s;
    }
  }
  for (int v : g.outputs) last_use[v] = num_steps;

  std::vector<int> step_nodes;
  for (const Step& step : steps_) step_nodes.push_back(step.node);
  const InPlaceConcats in_place = FindInPlaceConcats(g, step_nodes, tensors_, known_);
  for (int s = 0; s < num_steps; ++s) {
    if (!in_place.elided_step[s]) continue;
    steps_[s].elided = true;
    NodeReport& report = node_reports_[steps_[s].node];
    report.elided = true;
    report.cost = OpCost{};
  }

  std::vector<size_t> buffer_of(g.values.size(), kNoBuffer);
  step_scratch_buffer_.assign(num_steps, kNoBuffer);
  for (int s = 0; s < num_steps; ++s) {
    const Step& step = steps_[s];
    const Node& node = g.nodes[step.node];
    for (size_t o = 0; o < node.outputs.size(); ++o) {
      const int v = node.outputs[o];
      if (v == kNoValue) continue;
      const size_t bytes = tensors_[v].num_bytes();
      const int last = std::max(s, last_use[v]);
      // A slice of a Concat's output, whose buffer is opened by its first slice.
      const ConcatSlice& slice = in_place.slice_of[v];
      if (slice.concat_output != kNoValue) {
        size_t& target = buffer_of[slice.concat_output];
        if (target == kNoBuffer) {
          target = buffer_requests_.size();
          buffer_requests_.push_back({tensors_[slice.concat_output].num_bytes(), s,
                                      std::max(slice.concat_step, last_use[slice.concat_output])});
        }
        buffer_of[v] = target;
        arena_values_.push_back({v, static_cast<int>(target), slice.offset, bytes});
        continue;
      }
      // In place: reuse the buffer of an input whose life ends here.
      if (o == 0 && step.op->in_place && !g.values[v].is_graph_output && buffer_of[v] == kNoBuffer) {
        for (int in : node.inputs) {
          if (in == kNoValue || buffer_of[in] == kNoBuffer) continue;
          BufferRequest& buf = buffer_requests_[buffer_of[in]];
          if (buf.last == s && !g.values[in].is_graph_output && tensors_[in].dtype() == tensors_[v].dtype() &&
              tensors_[in].num_bytes() == bytes) {
            buffer_of[v] = buffer_of[in];
            buf.last = last;
            break;
          }
        }
      }
      if (buffer_of[v] == kNoBuffer) {
        buffer_of[v] = buffer_requests_.size();
        buffer_requests_.push_back({bytes, s, last});
      }
      arena_values_.push_back({v, static_cast<int>(buffer_of[v]), 0, bytes});
    }
    if (step.ctx.scratch_bytes > 0) {
      step_scratch_buffer_[s] = buffer_requests_.size();
      buffer_requests_.push_back({step.ctx.scratch_bytes, s, s});
    }
  }

  memory_plan_ = PlanMemory(buffer_requests_);
  if (memory_plan_.arena_bytes > options.max_memory_bytes) {
    return ResourceExhausted("activation arena needs " + std::to_string(memory_plan_.arena_bytes) +
                             " bytes, over the memory limit of " + std::to_string(options.max_memory_bytes));
  }
  void* arena = std::aligned_alloc(kTensorAlignment, std::max(memory_plan_.arena_bytes, kTensorAlignment));
  if (!arena) return ResourceExhausted("cannot allocate a " + std::to_string(memory_plan_.arena_bytes) + "-byte arena");
  arena_ = std::shared_ptr<void>(arena, std::free);
  auto* base = static_cast<unsigned char*>(arena);
  for (ArenaValue& av : arena_values_) {
    av.offset += memory_plan_.offsets[av.buffer];
    tensors_[av.value].set_data(base + av.offset);
  }
  for (int s = 0; s < num_steps; ++s) {
    if (step_scratch_buffer_[s] != kNoBuffer) steps_[s].ctx.scratch = base + memory_plan_.offsets[step_scratch_buffer_[s]];
  }

  // Weights: constant inputs of the nodes that run, each counted once.
  std::vector<bool> counted(g.values.size(), false);
  for (const Step& step : steps_) {
    for (int v : g.nodes[step.node].inputs) {
      if (v == kNoValue || counted[v] || !known_[v] || g.values[v].is_graph_input) continue;
      counted[v] = true;
      weight_bytes_ += tensors_[v].num_bytes();
    }
  }
  return Status::Ok();
}

Status Session::Run(const std::vector<Tensor>& inputs, StepObserver* observer) {
  const Graph& g = graph();
  if (inputs.size() != g.inputs.size()) {
    return InvalidArgument("expected " + std::to_string(g.inputs.size()) + " inputs, got " +
                           std::to_string(inputs.size()));
  }
  for (size_t i = 0; i < inputs.size(); ++i) {
    const int v = g.inputs[i];
    Tensor& bound = tensors_[v];
    const Tensor& given = inputs[i];
    if (given.dtype() != bound.dtype() || given.shape() != bound.shape()) {
      return InvalidArgument("input '" + g.values[v].name + "' must be " +
                             TensorTypeToString(bound.dtype(), bound.shape()) + ", got " +
                             TensorTypeToString(given.dtype(), given.shape()));
    }
    if (given.num_elements() > 0 && given.raw_data() == nullptr) {
      return InvalidArgument("input '" + g.values[v].name + "' has no data");
    }
    auto fixed = fixed_inputs_.find(v);
    if (fixed != fixed_inputs_.end()) {
      if (std::memcmp(fixed->second.raw_data(), given.raw_data(), given.num_bytes()) != 0) {
        return InvalidArgument("input '" + g.values[v].name + "' was fixed at session creation and may not change");
      }
      continue;
    }
    bound.set_data(const_cast<void*>(given.raw_data()));
  }
  for (size_t s = 0; s < steps_.size(); ++s) {
    if (observer) observer->BeforeStep(static_cast<int>(s));
    Status status = steps_[s].elided ? Status::Ok() : steps_[s].op->run(steps_[s].ctx);
    if (observer) observer->AfterStep(static_cast<int>(s));
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

OpCost Session::total_cost() const {
  OpCost total;
  for (const NodeReport& r : node_reports_) {
    if (r.folded) continue;
    total.macs += r.cost.macs;
    total.flops += r.cost.flops;
    total.bytes_read += r.cost.bytes_read;
    total.bytes_written += r.cost.bytes_written;
  }
  return total;
}

}  // namespace edgebench
