#include "runtime/ir/graph.h"

#include <queue>

namespace edgebench {

std::string Node::Describe() const {
  return op_type + " node '" + (name.empty() ? std::string("<unnamed>") : name) + "'";
}

int Graph::GetOrAddValue(const std::string& value_name) {
  auto it = index_.find(value_name);
  if (it != index_.end()) return it->second;
  const int id = static_cast<int>(values.size());
  values.push_back(Value{});
  values.back().name = value_name;
  index_.emplace(value_name, id);
  return id;
}

int Graph::FindValue(const std::string& value_name) const {
  auto it = index_.find(value_name);
  return it == index_.end() ? kNoValue : it->second;
}

Status Graph::Finalize() {
  for (Value& v : values) {
    v.producer = kNoValue;
    v.consumers.clear();
  }
  for (size_t n = 0; n < nodes.size(); ++n) {
    for (int out : nodes[n].outputs) {
      if (out == kNoValue) continue;
      Value& v = values[out];
      if (v.producer != kNoValue) {
        return InvalidArgument("value '" + v.name + "' is produced by both " +
                               nodes[v.producer].Describe() + " and " + nodes[n].Describe());
      }
      if (v.is_graph_input || v.constant) {
        return InvalidArgument(nodes[n].Describe() + " overwrites graph input or initializer '" + v.name + "'");
      }
      v.producer = static_cast<int>(n);
    }
  }
  for (size_t n = 0; n < nodes.size(); ++n) {
    for (int in : nodes[n].inputs) {
      if (in == kNoValue) continue;
      Value& v = values[in];
      if (v.producer == kNoValue && !v.is_graph_input && !v.constant) {
        return InvalidArgument(nodes[n].Describe() + " reads '" + v.name +
                               "', which is neither a graph input, an initializer nor a node output");
      }
      v.consumers.push_back(static_cast<int>(n));
    }
  }
  for (int out : outputs) {
    const Value& v = values[out];
    if (v.producer == kNoValue && !v.is_graph_input && !v.constant) {
      return InvalidArgument("graph output '" + v.name + "' is never produced");
    }
  }

  // Kahn's algorithm; ties keep the file's order so the schedule is stable.
  std::vector<int> pending(nodes.size(), 0);
  for (size_t n = 0; n < nodes.size(); ++n) {
    for (int in : nodes[n].inputs) {
      if (in != kNoValue && values[in].producer != kNoValue) ++pending[n];
    }
  }
  std::priority_queue<int, std::vector<int>, std::greater<int>> ready;
  for (size_t n = 0; n < nodes.size(); ++n) {
    if (pending[n] == 0) ready.push(static_cast<int>(n));
  }
  std::vector<int> order;
  order.reserve(nodes.size());
  while (!ready.empty()) {
    const int n = ready.top();
    ready.pop();
    order.push_back(n);
    for (int out : nodes[n].outputs) {
      if (out == kNoValue) continue;
      for (int consumer : values[out].consumers) {
        if (--pending[consumer] == 0) ready.push(consumer);
      }
    }
  }
  if (order.size() != nodes.size()) {
    std::string stuck;
    int listed = 0;
    for (size_t n = 0; n < nodes.size() && listed < 5; ++n) {
      if (pending[n] > 0) {
        stuck += (listed++ ? ", " : "") + nodes[n].Describe();
      }
    }
    return InvalidArgument("graph has a cycle; nodes that never become ready include " + stuck);
  }

  std::vector<Node> sorted;
  sorted.reserve(nodes.size());
  for (int n : order) sorted.push_back(std::move(nodes[n]));
  nodes = std::move(sorted);
  // Re-link with the new node indices.
  for (Value& v : values) {
    v.producer = kNoValue;
    v.consumers.clear();
  }
  for (size_t n = 0; n < nodes.size(); ++n) {
    for (int out : nodes[n].outputs) {
      if (out != kNoValue) values[out].producer = static_cast<int>(n);
    }
    for (int in : nodes[n].inputs) {
      if (in != kNoValue) values[in].consumers.push_back(static_cast<int>(n));
    }
  }
  return Status::Ok();
}

}  // namespace edgebench
