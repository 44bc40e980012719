// A report as a list of sections of paragraphs, tables, images and notes,
// built once from the results and rendered by the Markdown and HTML writers,
// so both say the same thing. Text here is plain: each writer escapes it.
#pragma once

#include <string>
#include <vector>

#include "reports/charts/chart_set.h"
#include "reports/report_input.h"
#include "runtime/core/status.h"

namespace edgebench {

struct DocCell {
  std::string text;
  std::string hover;       // longer text: a title attribute in HTML, dropped in Markdown
  std::vector<int> notes;  // numbers in the section's notes
  bool strong = false;
};

struct DocColumn {
  std::string header;
  bool numeric = false;  // right-aligned
};

struct DocTable {
  std::vector<DocColumn> columns;
  std::vector<std::vector<DocCell>> rows;
};

struct DocBlock {
  enum class Kind { kParagraph, kTable, kImage, kNotes };
  Kind kind = Kind::kParagraph;
  std::string text;                // kParagraph; kImage: the caption
  DocTable table;                  // kTable
  std::string image_path;          // kImage: PNG, relative to the report folder
  std::string image_alt;           // kImage
  std::vector<std::string> notes;  // kNotes: note 1, 2, ...
};

struct DocSection {
  std::string id;  // anchor
  std::string title;
  int level = 2;       // 2: in the table of contents; 3: under the previous level 2
  bool listed = true;  // in the HTML table of contents (charts are many: only their heading is)
  std::vector<DocBlock> blocks;
};

struct ReportDocument {
  std::string title;
  std::string summary;  // one line under the title
  std::vector<DocSection> sections;
};

// The key table first, then run metadata, configurations, what did not run
// and the charts. Fails on a malformed field, naming file, result and field.
Expected<ReportDocument> BuildReportDocument(const ReportInput& input, const std::vector<ChartFile>& charts);
// The same from rows already read (ReadResultRows), which cannot fail.
ReportDocument BuildReportDocument(const std::vector<RunRows>& runs, const std::vector<ChartFile>& charts);

}  // namespace edgebench
