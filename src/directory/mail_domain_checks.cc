#include "directory/mail_domain_checks.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <sstream>
#include <vector>

#include "directory/entity_addresses.h"

namespace skerry::directory {
namespace {

using mailauth::DnsAnswer;
using mailauth::DnsType;

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && AsciiLower(text.substr(0, prefix.size())) == AsciiLower(prefix);
}

std::string StripSpaces(std::string_view s) {
  std::string out;
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c))) out.push_back(c);
  return out;
}

// DKIM/DMARC tag lists (RFC 6376 §3.2): "k=v; k=v", whitespace around tokens ignored.
std::optional<std::string> Tag(std::string_view record, std::string_view name) {
  std::size_t pos = 0;
  while (pos <= record.size()) {
    auto end = record.find(';', pos);
    if (end == std::string_view::npos) end = record.size();
    auto part = record.substr(pos, end - pos);
    auto eq = part.find('=');
    if (eq != std::string_view::npos && AsciiLower(StripSpaces(part.substr(0, eq))) == name)
      return StripSpaces(part.substr(eq + 1));
    pos = end + 1;
  }
  return std::nullopt;
}

// Ownership and DKIM: absent → PENDING inside the verification window, FAILED after it.
RecordStatus AbsentProof(const MailDomain& d, std::int64_t now) {
  return now - d.registered_at >= kVerificationWindowSeconds ? RecordStatus::kFailed : RecordStatus::kPending;
}

const std::vector<std::string>& Texts(const DnsAnswer& a) {
  static const std::vector<std::string> kNone;
  return a.status == DnsAnswer::Status::kOk ? a.texts : kNone;
}

RecordStatus Ownership(const MailDomain& d, const DnsAnswer& a, std::int64_t now) {
  auto expected = OwnershipValue(d);
  bool other_token = false;
  for (const auto& t : Texts(a)) {
    if (t == expected) return RecordStatus::kVerified;
    if (StartsWithNoCase(t, "skerry-verification=")) other_token = true;
  }
  return other_token ? RecordStatus::kFailed : AbsentProof(d, now);
}

RecordStatus Dkim(const MailDomain& d, const DnsAnswer& a, std::int64_t now) {
  bool other_key = false;
  for (const auto& t : Texts(a)) {
    auto p = Tag(t, "p");
    if (!p) continue;
    if (*p == d.dkim_public) return RecordStatus::kVerified;
    other_key = true;
  }
  return other_key ? RecordStatus::kFailed : AbsentProof(d, now);
}

RecordStatus Mx(const DnsAnswer& a, const DomainRecordSettings& s) {
  if (a.status != DnsAnswer::Status::kOk || a.mx.empty()) return RecordStatus::kMissing;
  auto host = mailauth::NormalizeDnsName(s.mail_host);
  for (const auto& mx : a.mx)
    if (mx.host == host) return RecordStatus::kVerified;
  return RecordStatus::kInconsistent;
}

RecordStatus Autodiscover(const DnsAnswer& a, const DomainRecordSettings& s) {
  if (a.status != DnsAnswer::Status::kOk || a.names.empty()) return RecordStatus::kMissing;
  auto host = mailauth::NormalizeDnsName(s.autodiscover_host);
  return a.names.front() == host ? RecordStatus::kVerified : RecordStatus::kInconsistent;
}

// One SPF record (two are a permanent error, RFC 7208 §4.5) with a mechanism naming this
// server: "mx" (the MX record points here), "a:<host>" or "include:<host>".
RecordStatus Spf(const DnsAnswer& a, const DomainRecordSettings& s) {
  std::vector<std::string> spf;
  for (const auto& t : Texts(a)) {
    auto lower = AsciiLower(t);
    if (lower == "v=spf1" || lower.starts_with("v=spf1 ")) spf.push_back(lower);
  }
  if (spf.empty()) return RecordStatus::kMissing;
  if (spf.size() > 1) return RecordStatus::kInconsistent;
  auto host = mailauth::NormalizeDnsName(s.mail_host);
  std::istringstream terms(spf.front());
  std::string term;
  while (terms >> term) {
    if (!term.empty() && (term[0] == '+')) term.erase(0, 1);
    if (term == "mx" || term == "a:" + host || term == "include:" + host) return RecordStatus::kVerified;
  }
  return RecordStatus::kInconsistent;
}

RecordStatus Dmarc(const DnsAnswer& a) {
  std::vector<std::string> dmarc;
  for (const auto& t : Texts(a))
    if (StartsWithNoCase(StripSpaces(t), "v=DMARC1")) dmarc.push_back(t);
  if (dmarc.empty()) return RecordStatus::kMissing;
  if (dmarc.size() > 1) return RecordStatus::kInconsistent;  // RFC 7489 §6.6.3: no policy applies
  auto p = Tag(dmarc.front(), "p");
  if (!p) return RecordStatus::kInconsistent;
  auto policy = AsciiLower(*p);
  return policy == "none" || policy == "quarantine" || policy == "reject" ? RecordStatus::kVerified
                                                                           : RecordStatus::kInconsistent;
}

}  // namespace

CheckReport CheckMailDomain(MailDomain& d, const DomainRecordSettings& settings, mailauth::Resolver& resolver,
                            std::int64_t now) {
  CheckReport report;
  for (const auto& record : ExpectedRecords(d, settings)) {
    auto type = record.type == "MX" ? DnsType::kMx : record.type == "CNAME" ? DnsType::kCname : DnsType::kTxt;
    auto answer = resolver.Lookup(record.hostname, type);
    if (!answer) {
      ++report.unanswered;
      continue;
    }
    ++report.answered;
    RecordStatus status = RecordStatus::kMissing;
    switch (record.purpose) {
      case RecordPurpose::kOwnership: status = Ownership(d, *answer, now); break;
      case RecordPurpose::kDkim: status = Dkim(d, *answer, now); break;
      case RecordPurpose::kMx: status = Mx(*answer, settings); break;
      case RecordPurpose::kAutodiscover: status = Autodiscover(*answer, settings); break;
      case RecordPurpose::kSpf: status = Spf(*answer, settings); break;
      case RecordPurpose::kDmarc: status = Dmarc(*answer); break;
    }
    d.statuses[record.purpose] = status;
    if (record.purpose == RecordPurpose::kOwnership && status == RecordStatus::kVerified && d.ownership_verified_at == 0)
      d.ownership_verified_at = now;
  }
  d.checked_at = now;
  return report;
}

}  // namespace skerry::directory
