// Text helpers both report writers share: numbers as the report prints them,
// escaping of text from results files, and numbered notes for the reasons
// behind unknown figures. devices/projection/number_text.h prints numbers the
// same way, but reports/ may not depend on devices/ (../shared/DESIGN.md).
#pragma once

#include <string>
#include <vector>

#include "reports/results/result_rows.h"

namespace edgebench {

// Three significant digits below 1000 ("0.394", "47.2"), whole numbers from
// there up ("3854"), as in the projection messages.
std::string FormatNumber(double value);
// Decimal megabytes, three significant digits: "13.9 MB".
std::string FormatMegabytes(double bytes);
// "$129.99"; cents only when there are any.
std::string FormatUsd(double usd);

// Text from a results file for HTML element content and attribute values.
std::string EscapeHtml(const std::string& text);
// Text from a results file for a GitHub-flavoured Markdown table cell or
// paragraph: pipes, backticks, emphasis and link characters and angle
// brackets lose their meaning, newlines become spaces.
std::string EscapeMarkdown(const std::string& text);

// Numbered notes, each text once: the reasons behind "unknown" figures and
// the sources of budgets, printed under a table.
class Notes {
 public:
  // The 1-based number of `text`, added when new.
  int Add(const std::string& text);
  const std::vector<std::string>& texts() const { return texts_; }

 private:
  std::vector<std::string> texts_;
};

// An HTML id / Markdown anchor from any text: lower-case letters, digits,
// '-' and '_', everything else '-'.
std::string AnchorId(const std::string& text);

}  // namespace edgebench
