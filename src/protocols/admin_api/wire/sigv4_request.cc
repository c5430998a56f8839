#include "protocols/admin_api/wire/sigv4_request.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace skerry::admin_api::wire {
namespace {

using Clock = std::chrono::system_clock;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || IsDigit(static_cast<char>(c)) ||
         c == '-' || c == '_' || c == '.' || c == '~';
}
int HexDigit(char c) {
  if (IsDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void PercentEncodeInto(std::string& out, std::string_view s, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : s) {
    if (IsUnreserved(c) || (keep_slash && c == '/')) {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 0xf]};
    }
  }
}

// Invalid escapes are kept literally, as lenient servers do.
std::string PercentDecode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexDigit(s[i + 1]) >= 0 && HexDigit(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexDigit(s[i + 1]) << 4 | HexDigit(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  while (true) {
    auto pos = s.find(sep);
    parts.push_back(s.substr(0, pos));
    if (pos == std::string_view::npos) return parts;
    s.remove_prefix(pos + 1);
  }
}

std::string Quoted(std::string_view s) { return "'" + std::string(s.substr(0, 200)) + "'"; }

tl::unexpected<ApiError> Incomplete(std::string message) {
  return MakeApiError(kIncompleteSignature, std::move(message));
}

bool IsTokenChar(char c) {
  return (c >= 'a' && c <= 'z') || IsDigit(c) || c == '-' || c == '_' || c == '.' || c == '!' ||
         c == '#' || c == '$' || c == '%' || c == '&' || c == '\'' || c == '*' || c == '+' ||
         c == '^' || c == '`' || c == '|' || c == '~';
}

ApiResult<CredentialScope> ParseCredential(std::string_view text) {
  auto parts = Split(text, '/');
  if (parts.size() != 5) {
    return Incomplete(
        "Credential must have exactly 5 slash-delimited elements, e.g. "
        "keyid/date/region/service/term, got " +
        Quoted(text));
  }
  CredentialScope scope{std::string(parts[0]), std::string(parts[1]), std::string(parts[2]),
                        std::string(parts[3])};
  if (scope.access_key_id.empty() || scope.access_key_id.size() > 128) {
    return Incomplete("Credential has no valid access key id");
  }
  if (scope.date.size() != 8 || !std::all_of(scope.date.begin(), scope.date.end(), IsDigit)) {
    return Incomplete("Credential date " + Quoted(scope.date) + " is not in yyyyMMdd format");
  }
  auto lower_id = [](std::string_view s) {
    return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || IsDigit(c) || c == '-';
    });
  };
  if (!lower_id(scope.region))
    return Incomplete("Credential should be scoped to a valid region, not " + Quoted(scope.region) +
                      ".");
  if (!lower_id(scope.service))
    return Incomplete("Credential should be scoped to a valid service, not " +
                      Quoted(scope.service) + ".");
  if (parts[4] != kSigv4Terminator) {
    return MakeApiError(kInvalidSignature,
                        "Credential should be scoped with a valid terminator: "
                        "'aws4_request', not " +
                            Quoted(parts[4]) + ".");
  }
  return scope;
}

ApiResult<std::vector<std::string>> ParseSignedHeaders(std::string_view text) {
  std::vector<std::string> names;
  for (auto name : Split(text, ';')) {
    if (name.empty() || !std::all_of(name.begin(), name.end(), IsTokenChar)) {
      return Incomplete("SignedHeaders " + Quoted(text) +
                        " must be lowercase header names separated by ';'");
    }
    if (!names.empty() && !(names.back() < name)) {
      return Incomplete("SignedHeaders " + Quoted(text) + " must be sorted and without duplicates");
    }
    names.emplace_back(name);
  }
  return names;
}

}  // namespace

std::string CredentialScope::ScopeString() const {
  return date + "/" + region + "/" + service + "/" + std::string(kSigv4Terminator);
}

ApiResult<Sigv4Authorization> ParseAuthorizationHeader(std::string_view value) {
  value = TrimOws(value);
  auto space = value.find(' ');
  std::string_view algorithm = value.substr(0, space);
  if (algorithm != kSigv4Algorithm) {
    return Incomplete("Unsupported authorization algorithm " + Quoted(algorithm) +
                      ": expected AWS4-HMAC-SHA256");
  }
  std::string_view rest = space == std::string_view::npos ? "" : value.substr(space + 1);
  std::optional<std::string_view> credential, signed_headers, signature;
  for (auto component : Split(rest, ',')) {
    component = TrimOws(component);
    if (component.empty()) continue;
    auto eq = component.find('=');
    std::string_view key = component.substr(0, eq);
    if (eq == std::string_view::npos) {
      return Incomplete("Authorization component " + Quoted(component) +
                        " is not a key=value pair");
    }
    std::string_view val = component.substr(eq + 1);
    std::optional<std::string_view>* slot = key == "Credential"      ? &credential
                                            : key == "SignedHeaders" ? &signed_headers
                                            : key == "Signature"     ? &signature
                                                                     : nullptr;
    if (slot == nullptr) return Incomplete("Unexpected Authorization component " + Quoted(key));
    if (slot->has_value())
      return Incomplete("Authorization component " + Quoted(key) + " appears twice");
    *slot = val;
  }
  std::string missing;
  if (!credential) missing += "Authorization header requires 'Credential' parameter. ";
  if (!signed_headers) missing += "Authorization header requires 'SignedHeaders' parameter. ";
  if (!signature) missing += "Authorization header requires 'Signature' parameter. ";
  if (!missing.empty()) return Incomplete(missing.substr(0, missing.size() - 1));

  Sigv4Authorization auth;
  auth.credential = SKERRY_API_TRY(ParseCredential(*credential));
  auth.signed_headers = SKERRY_API_TRY(ParseSignedHeaders(*signed_headers));
  if (signature->size() != 64 || !std::all_of(signature->begin(), signature->end(), [](char c) {
        return IsDigit(c) || (c >= 'a' && c <= 'f');
      })) {
    return Incomplete("Signature must be 64 lowercase hexadecimal characters");
  }
  auth.signature = std::string(*signature);
  return auth;
}

ApiResult<Sigv4Request> ParseSigv4Request(const HttpRequestView& request) {
  int auth_count = request.CountHeader("Authorization");
  if (auth_count == 0)
    return MakeApiError(kMissingAuthenticationToken, "Missing Authentication Token");
  if (auth_count > 1) return Incomplete("More than one Authorization header");
  Sigv4Request out;
  out.authorization =
      SKERRY_API_TRY(ParseAuthorizationHeader(*request.FindHeader("Authorization")));
  const auto& signed_headers = out.authorization.signed_headers;
  auto is_signed = [&](std::string_view name) {
    return std::binary_search(signed_headers.begin(), signed_headers.end(), name);
  };

  const std::string_view* date = request.FindHeader("X-Amz-Date");
  if (date == nullptr) {
    return Incomplete(
        "Authorization header requires existence of either a 'X-Amz-Date' or a "
        "'Date' header. (Skerry supports X-Amz-Date only.)");
  }
  if (request.CountHeader("X-Amz-Date") > 1) return Incomplete("More than one X-Amz-Date header");
  out.amz_date = std::string(TrimOws(*date));
  out.signed_at = SKERRY_API_TRY(ParseAmzDate(out.amz_date));
  const auto& scope_date = out.authorization.credential.date;
  if (scope_date != std::string_view(out.amz_date).substr(0, 8)) {
    return MakeApiError(kInvalidSignature,
                        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of "
                        "date from HTTP: '" +
                            scope_date + "' != '" + out.amz_date.substr(0, 8) + "', from '" +
                            out.amz_date + "'.");
  }

  if (const std::string_view* token = request.FindHeader("X-Amz-Security-Token")) {
    if (request.CountHeader("X-Amz-Security-Token") > 1) {
      return Incomplete("More than one X-Amz-Security-Token header");
    }
    out.security_token = std::string(TrimOws(*token));
  }
  std::string unsigned_required;
  for (std::string_view name : {"host", "x-amz-date", "x-amz-security-token", "x-amz-target"}) {
    bool required = name == "host" || name == "x-amz-date" || request.FindHeader(name) != nullptr;
    if (required && !is_signed(name))
      unsigned_required += (unsigned_required.empty() ? "" : ", ") + std::string(name);
  }
  if (!unsigned_required.empty()) {
    return Incomplete("These headers must be signed (listed in SignedHeaders): " +
                      unsigned_required);
  }
  for (const auto& name : signed_headers) {
    if (request.FindHeader(name) == nullptr) {
      return Incomplete("Signed header " + Quoted(name) + " is not present in the request");
    }
  }
  return out;
}

ApiResult<Clock::time_point> ParseAmzDate(std::string_view text) {
  auto bad = [&] {
    return Incomplete("X-Amz-Date " + Quoted(text) +
                      " is not an ISO 8601 basic UTC date-time (yyyyMMddTHHmmssZ)");
  };
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return bad();
  int field[6];
  const int offsets[6][2] = {{0, 4}, {4, 2}, {6, 2}, {9, 2}, {11, 2}, {13, 2}};
  for (int i = 0; i < 6; ++i) {
    int v = 0;
    for (int j = 0; j < offsets[i][1]; ++j) {
      char c = text[offsets[i][0] + j];
      if (!IsDigit(c)) return bad();
      v = v * 10 + (c - '0');
    }
    field[i] = v;
  }
  std::chrono::year_month_day ymd{std::chrono::year(field[0]),
                                  std::chrono::month(static_cast<unsigned>(field[1])),
                                  std::chrono::day(static_cast<unsigned>(field[2]))};
  if (!ymd.ok() || field[3] > 23 || field[4] > 59 || field[5] > 59) return bad();
  return Clock::time_point(std::chrono::sys_days(ymd)) + std::chrono::hours(field[3]) +
         std::chrono::minutes(field[4]) + std::chrono::seconds(field[5]);
}

std::string FormatAmzDate(Clock::time_point t) {
  auto day = std::chrono::floor<std::chrono::days>(t);
  std::chrono::year_month_day ymd(day);
  std::chrono::hh_mm_ss hms(std::chrono::floor<std::chrono::seconds>(t - day));
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

std::string CanonicalUri(std::string_view raw_path) {
  std::vector<std::string_view> segments;
  for (auto seg : Split(raw_path, '/')) {
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
      continue;
    }
    segments.push_back(seg);
  }
  std::string normalized = "/";
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (i) normalized += '/';
    normalized += segments[i];
  }
  if (!segments.empty() && raw_path.ends_with('/')) normalized += '/';
  std::string out;
  PercentEncodeInto(out, normalized, /*keep_slash=*/true);
  return out;
}

std::string CanonicalQuery(std::string_view raw_query) {
  std::vector<std::pair<std::string, std::string>> params;
  if (raw_query.empty()) return "";
  for (auto part : Split(raw_query, '&')) {
    if (part.empty()) continue;
    auto eq = part.find('=');
    std::string key, value;
    PercentEncodeInto(key, PercentDecode(part.substr(0, eq)), false);
    if (eq != std::string_view::npos)
      PercentEncodeInto(value, PercentDecode(part.substr(eq + 1)), false);
    params.emplace_back(std::move(key), std::move(value));
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out += '&';
    out += k + "=" + v;
  }
  return out;
}

std::string CanonicalHeaders(const HttpRequestView& request,
                             const std::vector<std::string>& signed_headers) {
  std::string out;
  for (const auto& name : signed_headers) {
    out += name;
    out += ':';
    bool first = true;
    for (const auto& h : request.headers) {
      if (!EqualsIgnoreCase(h.name, name)) continue;
      if (!first) out += ',';
      first = false;
      bool space = false;
      for (char c : TrimOws(h.value)) {
        if (c == ' ' || c == '\t') {
          space = true;
          continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
      }
    }
    out += '\n';
  }
  return out;
}

std::string CanonicalRequest(const HttpRequestView& request,
                             const std::vector<std::string>& signed_headers,
                             std::string_view payload_hash_hex) {
  std::string signed_list;
  for (const auto& name : signed_headers) signed_list += (signed_list.empty() ? "" : ";") + name;
  return fmt::format("{}\n{}\n{}\n{}\n{}\n{}", request.method, CanonicalUri(request.path),
                     CanonicalQuery(request.query), CanonicalHeaders(request, signed_headers),
                     signed_list, payload_hash_hex);
}

std::string StringToSign(std::string_view amz_date, const CredentialScope& scope,
                         std::string_view canonical_request_hash_hex) {
  return fmt::format("{}\n{}\n{}\n{}", kSigv4Algorithm, amz_date, scope.ScopeString(),
                     canonical_request_hash_hex);
}

}  // namespace skerry::admin_api::wire
