// Cells of report tables built from figures: a number with what it is
// ("0.394 estimated"), or "unknown" pointing at a note that gives the reason.
#pragma once

#include <functional>
#include <string>

#include "reports/results/result_rows.h"
#include "reports/report/report_document.h"
#include "reports/report/report_text.h"

namespace edgebench {

// `format` prints the value ("105", "13.9 MB"); the figure's kind follows it
// when `with_kind` (columns whose header already says "measured" omit it).
DocCell FigureCell(const Figure& figure, Notes* notes, bool with_kind = true,
                   const std::function<std::string(double)>& format = FormatNumber);

// A paragraph block.
DocBlock Paragraph(std::string text);
// The notes block for a section, or nothing when it has none.
void AppendNotes(const Notes& notes, std::vector<DocBlock>* blocks);

}  // namespace edgebench
