#pragma once
// A borrowed view of one HTTP request as the admin API's wire code needs it: method, raw path and
// query (as sent, still percent-encoded), header fields in arrival order, and the body. It keeps
// wire/ free of the HTTP server's types (DESIGN §1: wire sees only base and formats); the gate
// builds one from an http::Request (admin_api_gate.cc). The viewed strings must outlive it.

#include <string>
#include <string_view>
#include <vector>

namespace skerry::admin_api::wire {

struct HeaderField {
  std::string_view name;
  std::string_view value;
};

struct HttpRequestView {
  std::string_view method;
  std::string_view path;   // "/" or "/messages/abc-123"; no query
  std::string_view query;  // without '?'; "" when absent
  std::vector<HeaderField> headers;
  std::string_view body;

  // The first field of that name, case-insensitively (RFC 9110 §5.1); nullptr when absent.
  const std::string_view* FindHeader(std::string_view name) const;
  // How many fields carry that name.
  int CountHeader(std::string_view name) const;
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b);
std::string ToLowerAscii(std::string_view s);
// Removes leading and trailing spaces and tabs (RFC 9110 §5.5 OWS).
std::string_view TrimOws(std::string_view s);

}  // namespace skerry::admin_api::wire
