#include "reports/report/markdown_report.h"

#include "reports/report/report_text.h"

namespace edgebench {
namespace {

std::string NoteRefs(const std::vector<int>& notes) {
  std::string out;
  for (int n : notes) out += " (note " + std::to_string(n) + ")";
  return out;
}

std::string Cell(const DocCell& cell) {
  std::string text = EscapeMarkdown(cell.text);
  if (cell.strong && !text.empty()) text = "**" + text + "**";
  return text + NoteRefs(cell.notes);
}

void AppendTable(const DocTable& table, std::string* out) {
  std::string header = "|";
  std::string rule = "|";
  for (const DocColumn& c : table.columns) {
    header += " " + EscapeMarkdown(c.header) + " |";
    rule += c.numeric ? " ---: |" : " --- |";
  }
  *out += header + "\n" + rule + "\n";
  for (const std::vector<DocCell>& row : table.rows) {
    std::string line = "|";
    for (const DocCell& cell : row) line += " " + Cell(cell) + " |";
    *out += line + "\n";
  }
  *out += "\n";
}

void AppendBlock(const DocBlock& block, std::string* out) {
  switch (block.kind) {
    case DocBlock::Kind::kParagraph:
      *out += EscapeMarkdown(block.text) + "\n\n";
      break;
    case DocBlock::Kind::kTable:
      AppendTable(block.table, out);
      break;
    case DocBlock::Kind::kImage:
      // The path is edgebench's own ("charts/<id>.png"); the alt text comes from the results.
      *out += "![" + EscapeMarkdown(block.image_alt) + "](" + block.image_path + ")\n\n";
      if (!block.text.empty()) *out += "*" + EscapeMarkdown(block.text) + "*\n\n";
      break;
    case DocBlock::Kind::kNotes:
      *out += "Notes:\n\n";
      for (size_t i = 0; i < block.notes.size(); ++i) {
        *out += std::to_string(i + 1) + ". " + EscapeMarkdown(block.notes[i]) + "\n";
      }
      *out += "\n";
      break;
  }
}

}  // namespace

std::string MarkdownReport(const ReportDocument& doc) {
  std::string out = "# " + EscapeMarkdown(doc.title) + "\n\n" + EscapeMarkdown(doc.summary) + "\n\n";
  for (const DocSection& section : doc.sections) {
    out += std::string(section.level, '#') + " " + EscapeMarkdown(section.title) + "\n\n";
    for (const DocBlock& block : section.blocks) AppendBlock(block, &out);
  }
  return out;
}

}  // namespace edgebench
