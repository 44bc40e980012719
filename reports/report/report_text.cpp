#include "reports/report/report_text.h"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace edgebench {

std::string FormatNumber(double value) {
  char text[48];
  // %.3g switches to an exponent from 1000 up; whole numbers read better there.
  std::snprintf(text, sizeof(text), std::fabs(value) >= 1000 ? "%.0f" : "%.3g", value);
  return text;
}

std::string FormatMegabytes(double bytes) { return FormatNumber(bytes / 1e6) + " MB"; }

std::string FormatUsd(double usd) {
  char text[48];
  const bool whole = std::fabs(usd - std::round(usd)) < 0.005;
  std::snprintf(text, sizeof(text), whole ? "$%.0f" : "$%.2f", usd);
  return text;
}

std::string EscapeHtml(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string EscapeMarkdown(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  auto word_char = [&](size_t i) {
    return i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) != 0);
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\n':
      case '\r': out += ' '; break;
      case '|': case '`': case '*': case '[': case ']': case '\\': case '#': case '~':
        out += '\\';
        out += c;
        break;
      case '_':
        // GFM ignores intraword underscores ("mobilenet_v2"); only word-edge ones emphasise.
        if (!(i > 0 && word_char(i - 1) && word_char(i + 1))) out += '\\';
        out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

int Notes::Add(const std::string& text) {
  for (size_t i = 0; i < texts_.size(); ++i) {
    if (texts_[i] == text) return static_cast<int>(i) + 1;
  }
  texts_.push_back(text);
  return static_cast<int>(texts_.size());
}

std::string AnchorId(const std::string& text) {
  std::string out;
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    out += std::isalnum(u) != 0 || c == '-' || c == '_' ? static_cast<char>(std::tolower(u)) : '-';
  }
  return out;
}

}  // namespace edgebench
