#include "directory/mail_domain.h"

#include <array>
#include <cctype>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "base/ascii.h"
#include "base/bytes.h"
#include "directory/directory_errors.h"
#include "formats/json/json_fields.h"

namespace skerry::directory {
namespace json = boost::json;
namespace {

constexpr std::array<std::pair<RecordPurpose, std::string_view>, 6> kPurposes{{
    {RecordPurpose::kOwnership, "ownership"},
    {RecordPurpose::kMx, "mx"},
    {RecordPurpose::kAutodiscover, "autodiscover"},
    {RecordPurpose::kDkim, "dkim"},
    {RecordPurpose::kSpf, "spf"},
    {RecordPurpose::kDmarc, "dmarc"},
}};
constexpr std::array<std::pair<RecordStatus, std::string_view>, 5> kStatuses{{
    {RecordStatus::kPending, "PENDING"},
    {RecordStatus::kVerified, "VERIFIED"},
    {RecordStatus::kFailed, "FAILED"},
    {RecordStatus::kMissing, "MISSING"},
    {RecordStatus::kInconsistent, "INCONSISTENT"},
}};


}  // namespace

std::string_view RecordPurposeName(RecordPurpose p) {
  for (const auto& [k, v] : kPurposes)
    if (k == p) return v;
  return "?";
}
std::string_view RecordStatusName(RecordStatus s) {
  for (const auto& [k, v] : kStatuses)
    if (k == s) return v;
  return "?";
}
Result<RecordPurpose> ParseRecordPurpose(std::string_view name) {
  for (const auto& [k, v] : kPurposes)
    if (v == name) return k;
  return MakeError(ErrorCode::kCorrupt, fmt::format("unknown DNS record purpose {}", name));
}
Result<RecordStatus> ParseRecordStatus(std::string_view name) {
  for (const auto& [k, v] : kStatuses)
    if (v == name) return k;
  return MakeError(ErrorCode::kCorrupt, fmt::format("unknown DNS record status {}", name));
}

RecordStatus MailDomain::StatusOf(RecordPurpose p) const {
  if (auto it = statuses.find(p); it != statuses.end()) return it->second;
  return p == RecordPurpose::kOwnership || p == RecordPurpose::kDkim ? RecordStatus::kPending
                                                                      : RecordStatus::kMissing;
}

json::object MailDomainToJson(const MailDomain& d) {
  json::object statuses;
  for (const auto& [p, s] : d.statuses) statuses[RecordPurposeName(p)] = RecordStatusName(s);
  return json::object{
      {"name", d.name},
      {"registeredAt", d.registered_at},
      {"verificationToken", d.verification_token},
      {"dkimSelector", d.dkim_selector},
      {"dkimPrivateKey", Base64Encode(d.dkim_private_der.view())},
      {"dkimPublicKey", d.dkim_public},
      {"statuses", std::move(statuses)},
      {"checkedAt", d.checked_at},
      {"ownershipVerifiedAt", d.ownership_verified_at},
  };
}

Result<MailDomain> MailDomainFromJson(const json::object& o) {
  MailDomain d;
  d.name = formats::JsonString(o, "name");
  if (d.name.empty()) return MakeError(ErrorCode::kCorrupt, "mail domain document without a name");
  d.registered_at = formats::JsonInt(o, "registeredAt");
  d.verification_token = formats::JsonString(o, "verificationToken");
  d.dkim_selector = formats::JsonString(o, "dkimSelector");
  auto der = SKERRY_TRY(Base64Decode(formats::JsonString(o, "dkimPrivateKey")));
  d.dkim_private_der = SecretBytes(der);
  std::fill(der.begin(), der.end(), 0);
  d.dkim_public = formats::JsonString(o, "dkimPublicKey");
  if (auto* s = o.if_contains("statuses"); s && s->is_object()) {
    for (const auto& [k, v] : s->as_object()) {
      if (!v.is_string()) continue;
      d.statuses[SKERRY_TRY(ParseRecordPurpose(k))] = SKERRY_TRY(ParseRecordStatus(v.as_string()));
    }
  }
  d.checked_at = formats::JsonInt(o, "checkedAt");
  d.ownership_verified_at = formats::JsonInt(o, "ownershipVerifiedAt");
  return d;
}

Result<std::string> NormalizeMailDomainName(std::string_view name) {
  auto bad = [&](std::string_view why) {
    return DirectoryError(ErrorCode::kInvalidArgument, kInvalidParameterError,
                          fmt::format("DomainName {} is not a valid domain name: {}.", name, why));
  };
  std::string out(name);
  if (!out.empty() && out.back() == '.') out.pop_back();
  if (out.size() < 3 || out.size() > 253) return bad("it must be 3 to 253 characters");
  out = AsciiLower(out);
  std::size_t labels = 0, start = 0;
  for (;;) {
    auto dot = out.find('.', start);
    std::string_view label(out.data() + start, (dot == std::string::npos ? out.size() : dot) - start);
    if (label.empty()) return bad("a label is empty");
    if (label.size() > 63) return bad("a label is longer than 63 characters");
    if (label.front() == '-' || label.back() == '-') return bad("a label starts or ends with a hyphen");
    for (char c : label) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-')
        return bad("only letters, digits, hyphens and dots are allowed");
    }
    ++labels;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (labels < 2) return bad("it needs at least two labels");
  return out;
}

}  // namespace skerry::directory
