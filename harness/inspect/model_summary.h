// What `edgebench inspect` reports about a model bound to a session: I/O,
// opset, op histogram, parameters, work, memory plan and a per-layer table.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/session/session.h"

namespace edgebench {

struct TensorSummary {
  std::string name;
  DType dtype = DType::kUndefined;
  Shape shape;
};

struct LayerSummary {
  std::string name;
  std::string op_type;
  std::string backend;
  bool fallback = false;
  bool folded = false;  // evaluated at session creation
  std::vector<Shape> output_shapes;
  OpCost cost;
};

struct ModelSummary {
  std::string path;
  int64_t ir_version = 0;
  int64_t opset = 0;
  std::string producer;
  std::vector<TensorSummary> inputs;
  std::vector<TensorSummary> outputs;
  std::map<std::string, int> op_histogram;
  int64_t parameters = 0;     // elements of float and 8-bit initializers (not int64 shape constants)
  size_t weight_bytes = 0;    // constants the run reads (Session::weight_bytes)
  OpCost total;               // nodes that run, folded ones excluded
  size_t peak_activation_bytes = 0;
  size_t activation_lower_bound_bytes = 0;
  std::vector<LayerSummary> layers;
  std::vector<std::string> warnings;
};

ModelSummary SummarizeModel(const Session& session);
nlohmann::json ToJson(const ModelSummary& summary);
// Human-readable report: header, I/O, totals, op histogram, per-layer table.
std::string FormatSummary(const ModelSummary& summary, bool with_layers);

}  // namespace edgebench
