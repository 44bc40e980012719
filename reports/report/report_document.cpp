#include "reports/report/report_document.h"

#include <set>

#include "reports/report/doc_cells.h"
#include "reports/report/key_table.h"
#include "reports/report/key_table_sections.h"
#include "reports/report/report_tables.h"

namespace edgebench {
namespace {

DocBlock TableBlock(DocTable table) {
  DocBlock block;
  block.kind = DocBlock::Kind::kTable;
  block.table = std::move(table);
  return block;
}

DocSection RunSection(const std::vector<RunMetadata>& runs) {
  DocSection section{"runs", "Runs", 2, true, {}};
  DocTable table;
  table.columns.push_back({"", false});
  for (size_t i = 0; i < runs.size(); ++i) {
    table.columns.push_back({runs.size() > 1 ? "run " + std::to_string(i + 1) : "run", false});
  }
  struct Field {
    const char* label;
    std::string RunMetadata::*member;
  };
  const Field fields[] = {{"results file", &RunMetadata::path},   {"suite", &RunMetadata::suite},
                          {"host CPU", &RunMetadata::host_cpu},   {"build type", &RunMetadata::build_type},
                          {"git sha", &RunMetadata::git_sha},     {"started", &RunMetadata::started},
                          {"finished", &RunMetadata::finished},   {"device", &RunMetadata::device_id},
                          {"device mode", &RunMetadata::device_mode}, {"device mode reason", &RunMetadata::device_mode_reason}};
  for (const Field& f : fields) {
    std::vector<DocCell> row{{f.label, "", {}, true}};
    bool any = false;
    for (const RunMetadata& run : runs) {
      row.push_back({run.*f.member, "", {}, false});
      any = any || !(run.*f.member).empty();
    }
    if (any) table.rows.push_back(std::move(row));
  }
  section.blocks.push_back(TableBlock(std::move(table)));
  return section;
}

std::string RunLabel(const std::vector<RunMetadata>& runs, const std::string& path) {
  if (runs.size() < 2) return "";
  for (size_t i = 0; i < runs.size(); ++i) {
    if (runs[i].path == path) return std::to_string(i + 1);
  }
  return "";
}

DocSection ConfigSection(const ReportTables& tables) {
  DocSection section{"configurations", "Configurations", 2, true, {}};
  section.blocks.push_back(Paragraph(
      "Every configuration that ran (status ok) or failed while running. Latency, throughput and memory are "
      "measured on the measuring machine; energy is labeled measured or estimated, and the warnings of each "
      "configuration are listed in its results file."));
  const bool several_runs = tables.runs.size() > 1;
  Notes notes;
  DocTable table;
  if (several_runs) table.columns.push_back({"run", true});
  const std::vector<DocColumn> columns = {
      {"model", false},       {"precision", false},     {"backend", false},         {"threads", true},
      {"status", false},      {"p50 ms", true},         {"p50 CI95 ms", true},   {"p90 ms", true},
      {"p99 ms", true},       {"inferences/s", true},   {"weights", true},          {"peak activations", true},
      {"J/inference", true},  {"warnings", true}};
  table.columns.insert(table.columns.end(), columns.begin(), columns.end());
  for (const ConfigRow& c : tables.configs) {
    std::vector<DocCell> row;
    if (several_runs) row.push_back({RunLabel(tables.runs, c.run_path), c.run_path, {}, false});
    DocCell ci;
    if (c.p50_ci95) {
      ci.text = FormatNumber(c.p50_ci95->first) + "–" + FormatNumber(c.p50_ci95->second);
    } else {
      ci = FigureCell(Figure::Unknown(c.p50_ci95_missing), &notes);
    }
    std::string all_warnings;
    for (const std::string& w : c.warnings) all_warnings += (all_warnings.empty() ? "" : "\n") + w;
    const auto megabytes = [](double v) { return FormatMegabytes(v); };
    const std::vector<DocCell> cells = {
        {c.model, c.config_key, {}, false},
        {c.precision, "", {}, false},
        {c.backend, "", {}, false},
        {std::to_string(c.threads), "", {}, false},
        {c.status, "", {}, c.status != "ok"},
        FigureCell(c.p50_ms, &notes, false),
        ci,
        FigureCell(c.p90_ms, &notes, false),
        FigureCell(c.p99_ms, &notes, false),
        FigureCell(c.throughput_ips, &notes, false),
        FigureCell(c.weights_bytes, &notes, false, megabytes),
        FigureCell(c.peak_activation_bytes, &notes, false, megabytes),
        FigureCell(c.joules_per_inference, &notes, true),
        {std::to_string(c.warnings.size()), all_warnings, {}, false}};
    row.insert(row.end(), cells.begin(), cells.end());
    table.rows.push_back(std::move(row));
  }
  if (table.rows.empty()) {
    section.blocks.push_back(Paragraph("No configuration ran."));
  } else {
    section.blocks.push_back(TableBlock(std::move(table)));
  }
  AppendNotes(notes, &section.blocks);
  return section;
}

DocSection NotRunSection(const std::vector<NotRunGroup>& groups) {
  DocSection section{"not-run", "Configurations that did not run", 2, true, {}};
  if (groups.empty()) {
    section.blocks.push_back(Paragraph("Every configuration ran."));
    return section;
  }
  DocTable table;
  table.columns = {{"status", false}, {"reason", false}, {"configurations", true}, {"models", false}};
  for (const NotRunGroup& g : groups) {
    std::set<std::string> seen;
    std::string models;
    std::string keys;
    for (const std::string& key : g.config_keys) {
      keys += (keys.empty() ? "" : "\n") + key;
      const std::string model = key.substr(0, key.find('|'));
      if (seen.insert(model).second) models += (models.empty() ? "" : ", ") + model;
    }
    table.rows.push_back({{g.status, "", {}, true},
                          {g.reason, "", {}, false},
                          {std::to_string(g.config_keys.size()), keys, {}, false},
                          {models, "", {}, false}});
  }
  section.blocks.push_back(TableBlock(std::move(table)));
  return section;
}

std::vector<DocSection> ChartSections(const std::vector<ChartFile>& charts) {
  DocSection intro{"charts", "Charts", 2, true, {}};
  if (charts.empty()) intro.blocks.push_back(Paragraph("No chart had data to draw."));
  std::vector<DocSection> sections{intro};
  for (const ChartFile& chart : charts) {
    DocSection section{"chart-" + chart.id, chart.title, 3, false, {}};
    DocBlock image;
    image.kind = DocBlock::Kind::kImage;
    image.image_path = chart.png_path;
    image.image_alt = chart.title;
    image.text = chart.caption;
    section.blocks.push_back(std::move(image));
    sections.push_back(std::move(section));
  }
  return sections;
}

std::string Summary(const ReportTables& tables) {
  size_t ok = 0;
  for (const ConfigRow& c : tables.configs) ok += c.status == "ok" ? 1 : 0;
  size_t not_run = 0;
  for (const NotRunGroup& g : tables.not_run) not_run += g.config_keys.size();
  std::string suites;
  for (const RunMetadata& run : tables.runs) suites += (suites.empty() ? "" : ", ") + run.suite;
  return "Suite " + suites + ": " + std::to_string(ok) + " configurations ran, " + std::to_string(not_run) +
         " did not (" + std::to_string(tables.runs.size()) + (tables.runs.size() == 1 ? " run)." : " runs).");
}

}  // namespace

Expected<ReportDocument> BuildReportDocument(const ReportInput& input, const std::vector<ChartFile>& charts) {
  EB_ASSIGN_OR_RETURN(std::vector<RunRows> runs, ReadResultRows(input));
  return BuildReportDocument(runs, charts);
}

ReportDocument BuildReportDocument(const std::vector<RunRows>& runs, const std::vector<ChartFile>& charts) {
  const KeyTable key = BuildKeyTable(runs);
  const ReportTables tables = BuildReportTables(runs);
  std::vector<std::string> run_paths;
  for (const RunRows& run : runs) run_paths.push_back(run.path);
  ReportDocument doc;
  doc.title = "edgebench report";
  doc.summary = Summary(tables);
  doc.sections = KeyTableSections(key, run_paths);
  doc.sections.push_back(RunSection(tables.runs));
  doc.sections.push_back(ConfigSection(tables));
  doc.sections.push_back(NotRunSection(tables.not_run));
  for (DocSection& s : ChartSections(charts)) doc.sections.push_back(std::move(s));
  return doc;
}

}  // namespace edgebench
