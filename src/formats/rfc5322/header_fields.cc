#include "formats/rfc5322/header_fields.h"

#include <strings.h>

namespace skerry::rfc5322 {
namespace {
std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}
}  // namespace

std::optional<std::string> FindHeaderField(std::string_view message, std::string_view name,
                                           std::size_t max_scan) {
  message = message.substr(0, max_scan);
  std::size_t pos = 0;
  std::optional<std::string> value;
  while (pos < message.size()) {
    std::size_t eol = message.find('\n', pos);
    std::string_view line = message.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = eol == std::string_view::npos ? message.size() : eol + 1;
    if (line.empty()) break;  // end of the header section
    bool continuation = line.front() == ' ' || line.front() == '\t';
    if (continuation) {
      if (value) *value += " " + std::string(Trim(line));
      continue;
    }
    if (value) return value;  // the field we found has ended
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view field = Trim(line.substr(0, colon));
    if (field.size() == name.size() && strncasecmp(field.data(), name.data(), name.size()) == 0)
      value = std::string(Trim(line.substr(colon + 1)));
  }
  return value;
}

}  // namespace skerry::rfc5322
