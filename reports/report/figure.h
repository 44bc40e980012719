// A number as a report shows it: known, with what it is (measured, estimated,
// projected), or unknown with the reason the results file gives.
#pragma once

#include <optional>
#include <string>

namespace edgebench {

struct Figure {
  std::optional<double> value;  // absent: unknown
  std::string kind;             // "measured", "estimated" or "projected"
  std::string unknown_reason;   // why there is no value; empty when there is one

  bool known() const { return value.has_value(); }
  static Figure Known(double v, std::string kind) { return {v, std::move(kind), ""}; }
  static Figure Unknown(std::string reason) { return {std::nullopt, "", std::move(reason)}; }
};

// A number from a device profile, with the datasheet, page or model it came from.
struct Sourced {
  double value = 0;
  std::string source;
};

}  // namespace edgebench
