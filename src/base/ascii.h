#pragma once
// ASCII case folding for protocol tokens — domain names, IAM actions and condition keys, tag
// prefixes, the comparison keys of addresses and names. Only A-Z change, whatever the process
// locale: a UTF-8 byte is never folded.

#include <string>
#include <string_view>

namespace skerry {

inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace skerry
