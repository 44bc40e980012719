#include "reports/report/doc_cells.h"

namespace edgebench {

DocCell FigureCell(const Figure& figure, Notes* notes, bool with_kind,
                   const std::function<std::string(double)>& format) {
  DocCell cell;
  if (figure.known()) {
    cell.text = format(*figure.value);
    if (with_kind && !figure.kind.empty()) cell.text += " " + figure.kind;
    return cell;
  }
  cell.text = "unknown";
  cell.hover = figure.unknown_reason;
  cell.notes.push_back(notes->Add(figure.unknown_reason));
  return cell;
}

DocBlock Paragraph(std::string text) {
  DocBlock block;
  block.kind = DocBlock::Kind::kParagraph;
  block.text = std::move(text);
  return block;
}

void AppendNotes(const Notes& notes, std::vector<DocBlock>* blocks) {
  if (notes.texts().empty()) return;
  DocBlock block;
  block.kind = DocBlock::Kind::kNotes;
  block.notes = notes.texts();
  blocks->push_back(std::move(block));
}

}  // namespace edgebench
