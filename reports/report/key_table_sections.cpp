#include "reports/report/key_table_sections.h"

#include "reports/report/doc_cells.h"
#include "reports/report/report_text.h"

namespace edgebench {
namespace {

std::string Join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}

std::string DeviceLabel(const KeyDevice& device) {
  std::string label = device.name;
  if (!device.device_class.empty()) label += " (" + device.device_class + ")";
  if (device.measuring) label += ": measured here";
  return label;
}

std::string ConfigLabel(const KeyCandidate& c, const std::vector<std::string>& run_paths) {
  std::string label = c.precision + ", " + std::to_string(c.threads) + (c.threads == 1 ? " thread, " : " threads, ") +
                      c.backend;
  if (run_paths.size() > 1) {
    for (size_t i = 0; i < run_paths.size(); ++i) {
      if (run_paths[i] == c.run_path) label += ", run " + std::to_string(i + 1);
    }
  }
  return label;
}

DocCell BudgetCell(const KeyDevice& device, Notes* notes) {
  DocCell cell;
  std::vector<std::string> parts;
  std::vector<std::string> sources;
  if (device.target_latency_ms) {
    parts.push_back("≤ " + FormatNumber(device.target_latency_ms->value) + " ms");
    sources.push_back("latency: " + device.target_latency_ms->source);
  }
  if (device.max_model_bytes) {
    parts.push_back("≤ " + FormatMegabytes(device.max_model_bytes->value));
    sources.push_back("model size: " + device.max_model_bytes->source);
  }
  if (parts.empty()) {
    cell.text = "none stated";
    cell.notes.push_back(notes->Add("the device profile states no latency or model-size budget"));
    return cell;
  }
  cell.text = Join(parts, ", ");
  cell.hover = Join(sources, "; ");
  return cell;
}

DocCell PriceCell(const KeyDevice& device, Notes* notes) {
  DocCell cell;
  if (!device.price_usd) {
    cell.text = "unknown";
    cell.notes.push_back(notes->Add("the device profile gives no price"));
    return cell;
  }
  cell.text = FormatUsd(device.price_usd->value);
  cell.hover = device.price_usd->source;
  if (device.price_usd->source.rfind("estimated", 0) == 0) cell.text += " estimated";
  return cell;
}

DocCell VerdictCell(const KeyCell& cell) {
  DocCell out;
  switch (cell.verdict) {
    case KeyVerdict::kWithinBudget:
      out.text = "✓ within budget";
      out.strong = true;
      break;
    case KeyVerdict::kOverBudget:
      out.text = "✗ none within budget; nearest miss: " + Join(cell.shown.budget_problems, "; ");
      break;
    case KeyVerdict::kDoesNotFit:
      out.text = "✗ none fits: " + Join(cell.shown.fit_problems, "; ");
      break;
    case KeyVerdict::kUnknown:
      out.text = "? latency unknown: " + cell.shown.latency_ms.unknown_reason;
      break;
  }
  return out;
}

// The overview matrix: one short mark per model and device.
DocCell OverviewCell(const KeyCell* cell) {
  DocCell out;
  if (cell == nullptr) {
    out.text = "–";
    out.hover = "no ok configuration of this model";
    return out;
  }
  // The header says "p50 ms": eleven device columns must fit a PR comment.
  const std::string latency = cell->shown.latency_ms.known() ? FormatNumber(*cell->shown.latency_ms.value) : "unknown";
  switch (cell->verdict) {
    case KeyVerdict::kWithinBudget:
      out.text = "✓ " + latency;
      out.strong = true;
      break;
    case KeyVerdict::kOverBudget:
      out.text = "✗ " + latency;
      out.hover = Join(cell->shown.budget_problems, "; ");
      break;
    case KeyVerdict::kDoesNotFit:
      out.text = "does not fit";
      out.hover = Join(cell->shown.fit_problems, "; ");
      break;
    case KeyVerdict::kUnknown:
      out.text = "?";
      out.hover = cell->shown.latency_ms.unknown_reason;
      break;
  }
  return out;
}

DocSection Overview(const KeyTable& table) {
  DocSection section{"key-table", "Key table: the best configuration per device, within its budgets", 2, true, {}};
  section.blocks.push_back(Paragraph(
      "Per model and device, the configuration (precision, threads, backend, across every given run) with the "
      "lowest p50 latency among those that fit the device and meet its class budgets; ties go to the lower "
      "energy. Latency is measured on the measuring machine and projected (roofline model calibrated on it) "
      "everywhere else. ✓ within budget (best latency shown), ✗ none within budget (nearest miss shown), "
      "\"does not fit\": no configuration fits the device. Details per model follow."));
  DocTable matrix;
  matrix.columns.push_back({"model (p50 ms)", false});
  for (const KeyDevice& d : table.devices) matrix.columns.push_back({d.id + (d.measuring ? " (measured)" : ""), true});
  for (const KeyModel& model : table.models) {
    std::vector<DocCell> row{{model.model, "", {}, true}};
    for (const KeyDevice& d : table.devices) row.push_back(OverviewCell(FindCell(model, d)));
    matrix.rows.push_back(std::move(row));
  }
  DocBlock block;
  block.kind = DocBlock::Kind::kTable;
  block.table = std::move(matrix);
  section.blocks.push_back(std::move(block));
  return section;
}

DocSection ModelDetail(const KeyModel& model, const std::vector<std::string>& run_paths) {
  DocSection section{"key-" + model.model, model.model, 3, true, {}};
  if (model.cells.empty()) {
    section.blocks.push_back(Paragraph("No configuration of this model ran (see the configurations that did not run)."));
    return section;
  }
  Notes notes;
  DocTable table;
  table.columns = {{"device", false},        {"budget", false},      {"verdict", false},
                   {"configuration", false}, {"p50 latency ms", true}, {"J/inference", true},
                   {"price", true}};
  for (const KeyCell& cell : model.cells) {
    DocCell device{DeviceLabel(cell.device), cell.device.id, {}, false};
    DocCell config{ConfigLabel(cell.shown, run_paths), cell.shown.config_key, {}, false};
    table.rows.push_back({device, BudgetCell(cell.device, &notes), VerdictCell(cell), config,
                          FigureCell(cell.shown.latency_ms, &notes), FigureCell(cell.shown.joules_per_inference, &notes),
                          PriceCell(cell.device, &notes)});
  }
  DocBlock block;
  block.kind = DocBlock::Kind::kTable;
  block.table = std::move(table);
  section.blocks.push_back(std::move(block));
  AppendNotes(notes, &section.blocks);
  return section;
}

}  // namespace

std::vector<DocSection> KeyTableSections(const KeyTable& table, const std::vector<std::string>& run_paths) {
  std::vector<DocSection> sections{Overview(table)};
  for (const KeyModel& model : table.models) sections.push_back(ModelDetail(model, run_paths));
  return sections;
}

}  // namespace edgebench
