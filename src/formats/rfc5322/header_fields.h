#pragma once
// Reads a header field from the header section of an RFC 5322 message without parsing the whole
// message: enough for item summaries until the MIME layer (GMime) arrives.

#include <optional>
#include <string>
#include <string_view>

namespace skerry::rfc5322 {

// The unfolded value of the first field named `name` (case-insensitive) in the header section
// (which ends at the first empty line), leading and trailing whitespace removed. Looks at most
// `max_scan` bytes. RFC 5322 §2.2, §2.2.3 (unfolding).
std::optional<std::string> FindHeaderField(std::string_view message, std::string_view name,
                                           std::size_t max_scan = 256 * 1024);

}  // namespace skerry::rfc5322
