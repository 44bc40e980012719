#include "reports/report/html_report.h"

#include <filesystem>

#include "reports/report/report_text.h"
#include "runtime/core/file_io.h"

namespace edgebench {
namespace {

// A system font stack: no web fonts, so nothing to fetch.
constexpr const char* kStyle = R"css(
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #1f2328;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1280px; margin: 0 auto; padding: 24px 32px 64px; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 22px; margin: 40px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 17px; margin: 28px 0 6px; }
p.summary { color: #57606a; margin: 0 0 16px; }
nav.toc { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 16px; margin: 16px 0; }
nav.toc ol { margin: 4px 0; padding-left: 20px; }
nav.toc ol ol { font-size: 13px; columns: 3; }
.scroll { overflow-x: auto; margin: 8px 0 12px; }
table { border-collapse: collapse; font-size: 13px; }
th, td { border: 1px solid #d0d7de; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #eef1f4; font-weight: 600; vertical-align: bottom; }
tbody tr:nth-child(even) { background: #f6f8fa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
td[title] { cursor: help; }
sup a { text-decoration: none; color: #0969da; }
ol.notes { font-size: 12px; color: #57606a; margin: 4px 0 16px; }
figure { margin: 12px 0 24px; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid #d0d7de; }
figcaption { font-size: 13px; color: #57606a; margin-top: 6px; }
)css";

std::string Attr(const std::string& text) {
  std::string escaped = EscapeHtml(text);
  std::string out;
  for (char c : escaped) out += c == '\n' ? std::string("&#10;") : std::string(1, c);
  return out;
}

std::string NoteRefs(const std::vector<int>& notes, const std::string& section_id) {
  std::string out;
  for (int n : notes) {
    const std::string id = section_id + "-note-" + std::to_string(n);
    out += "<sup><a href=\"#" + id + "\">" + std::to_string(n) + "</a></sup>";
  }
  return out;
}

void AppendTable(const DocTable& table, const std::string& section_id, std::string* out) {
  *out += "<div class=\"scroll\"><table>\n<thead><tr>";
  for (const DocColumn& c : table.columns) {
    *out += std::string(c.numeric ? "<th class=\"num\">" : "<th>") + EscapeHtml(c.header) + "</th>";
  }
  *out += "</tr></thead>\n<tbody>\n";
  for (const std::vector<DocCell>& row : table.rows) {
    *out += "<tr>";
    for (size_t i = 0; i < row.size(); ++i) {
      const DocCell& cell = row[i];
      const bool numeric = i < table.columns.size() && table.columns[i].numeric;
      *out += "<td";
      if (numeric) *out += " class=\"num\"";
      if (!cell.hover.empty()) *out += " title=\"" + Attr(cell.hover) + "\"";
      *out += ">";
      const std::string text = EscapeHtml(cell.text);
      *out += cell.strong ? "<strong>" + text + "</strong>" : text;
      *out += NoteRefs(cell.notes, section_id) + "</td>";
    }
    *out += "</tr>\n";
  }
  *out += "</tbody></table></div>\n";
}

Status AppendBlock(const DocBlock& block, const std::string& section_id, const std::string& out_dir,
                   std::string* out) {
  switch (block.kind) {
    case DocBlock::Kind::kParagraph:
      *out += "<p>" + EscapeHtml(block.text) + "</p>\n";
      break;
    case DocBlock::Kind::kTable:
      AppendTable(block.table, section_id, out);
      break;
    case DocBlock::Kind::kImage: {
      const std::string path = (std::filesystem::path(out_dir) / block.image_path).string();
      Expected<std::string> png = ReadFileBytes(path);
      if (!png.ok()) return png.status().WithContext("chart image for report.html");
      *out += "<figure><img src=\"data:image/png;base64," + Base64(*png) + "\" alt=\"" + Attr(block.image_alt) +
              "\"><figcaption>" + EscapeHtml(block.text) + "</figcaption></figure>\n";
      break;
    }
    case DocBlock::Kind::kNotes:
      *out += "<ol class=\"notes\">\n";
      for (size_t i = 0; i < block.notes.size(); ++i) {
        *out += "<li id=\"" + section_id + "-note-" + std::to_string(i + 1) + "\">" + EscapeHtml(block.notes[i]) +
                "</li>\n";
      }
      *out += "</ol>\n";
      break;
  }
  return Status::Ok();
}

// Level-2 sections, each with its level-3 sections nested under it.
std::string TableOfContents(const ReportDocument& doc) {
  std::string out = "<nav class=\"toc\"><strong>Contents</strong>\n<ol>\n";
  bool open_sublist = false;
  for (size_t i = 0; i < doc.sections.size(); ++i) {
    const DocSection& s = doc.sections[i];
    if (!s.listed) continue;
    const std::string link = "<a href=\"#" + AnchorId(s.id) + "\">" + EscapeHtml(s.title) + "</a>";
    if (s.level == 2) {
      if (open_sublist) {
        out += "</ol>";
        open_sublist = false;
      }
      if (i > 0) out += "</li>\n";
      out += "<li>" + link;
    } else {
      if (!open_sublist) {
        out += "<ol>";
        open_sublist = true;
      }
      out += "<li>" + link + "</li>";
    }
  }
  if (open_sublist) out += "</ol>";
  out += "</li>\n</ol></nav>\n";
  return out;
}

}  // namespace

std::string Base64(const std::string& bytes) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t n = (static_cast<uint8_t>(bytes[i]) << 16) | (static_cast<uint8_t>(bytes[i + 1]) << 8) |
                       static_cast<uint8_t>(bytes[i + 2]);
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  const size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t n = static_cast<uint8_t>(bytes[i]) << 16;
    if (rest == 2) n |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

Expected<std::string> HtmlReport(const ReportDocument& doc, const std::string& out_dir) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
                    EscapeHtml(doc.title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<main>\n";
  out += "<h1>" + EscapeHtml(doc.title) + "</h1>\n<p class=\"summary\">" + EscapeHtml(doc.summary) + "</p>\n";
  out += TableOfContents(doc);
  for (const DocSection& s : doc.sections) {
    const std::string id = AnchorId(s.id);
    const std::string h = s.level == 2 ? "h2" : "h3";
    out += "<section>\n<" + h + " id=\"" + id + "\">" + EscapeHtml(s.title) + "</" + h + ">\n";
    for (const DocBlock& block : s.blocks) EB_RETURN_IF_ERROR(AppendBlock(block, id, out_dir, &out));
    out += "</section>\n";
  }
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace edgebench
