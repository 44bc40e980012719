// A reading that is either a value or the reason it could not be taken.
// DESIGN.md "Results": every figure is measured, estimated, or "unknown" with a
// reason; nothing is invented to fill a field.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

namespace edgebench {

template <typename T>
struct Known {
  std::optional<T> value;
  std::string reason;  // why `value` is empty; empty when it is set

  static Known Of(T v) { return Known{std::move(v), {}}; }
  static Known Unknown(std::string why) {
    assert(!why.empty() && "an unknown value needs a reason");
    return Known{std::nullopt, std::move(why)};
  }
  bool known() const { return value.has_value(); }
};

// Writes out[field] = value, or out[field] = "unknown" and out[field + "_reason"].
template <typename T>
void PutKnown(nlohmann::json& out, const std::string& field, const Known<T>& known) {
  if (known.known()) {
    out[field] = *known.value;
  } else {
    out[field] = "unknown";
    out[field + "_reason"] = known.reason;
  }
}

}  // namespace edgebench
