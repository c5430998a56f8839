#include "directory/mail_domain_records.h"

#include <fmt/format.h>

namespace skerry::directory {
namespace {

std::string Quote(std::string_view text) {
  // 255 is the character-string limit; escape the two characters the master format treats
  // specially inside quotes.
  std::string out;
  for (std::size_t pos = 0; pos < text.size() || pos == 0; pos += 255) {
    if (!out.empty()) out.push_back(' ');
    out.push_back('"');
    for (char c : text.substr(pos, 255)) {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
    out.push_back('"');
    if (text.empty()) break;
  }
  return out;
}

}  // namespace

std::string OwnershipValue(const MailDomain& domain) {
  return "skerry-verification=" + domain.verification_token;
}
std::string DkimValue(const MailDomain& domain) { return "v=DKIM1; k=rsa; p=" + domain.dkim_public; }
std::string DkimHostname(const MailDomain& domain) {
  return domain.dkim_selector + "._domainkey." + domain.name;
}

std::vector<DnsRecordSpec> ExpectedRecords(const MailDomain& d, const DomainRecordSettings& s) {
  return {
      {RecordPurpose::kOwnership, "TXT", "_skerry." + d.name, OwnershipValue(d)},
      {RecordPurpose::kMx, "MX", d.name, "10 " + s.mail_host + "."},
      {RecordPurpose::kAutodiscover, "CNAME", "autodiscover." + d.name, s.autodiscover_host + "."},
      {RecordPurpose::kDkim, "TXT", DkimHostname(d), DkimValue(d)},
      {RecordPurpose::kSpf, "TXT", d.name, "v=spf1 mx a:" + s.mail_host + " ~all"},
      {RecordPurpose::kDmarc, "TXT", "_dmarc." + d.name, "v=DMARC1; p=quarantine; pct=100; fo=1"},
  };
}

std::string RenderZoneFile(const std::vector<ZoneSection>& sections, int ttl_seconds,
                           const std::string& header_comment) {
  std::string out;
  for (std::size_t pos = 0; pos < header_comment.size();) {
    auto nl = header_comment.find('\n', pos);
    if (nl == std::string::npos) nl = header_comment.size();
    out += "; " + header_comment.substr(pos, nl - pos) + "\n";
    pos = nl + 1;
  }
  out += fmt::format("$TTL {}\n", ttl_seconds);
  for (const auto& section : sections) {
    out += fmt::format("\n; {}\n", section.domain);
    for (const auto& r : section.records) {
      std::string data = r.type == "TXT" ? Quote(r.value) : r.value;
      out += fmt::format("{}. {} IN {} {}\n", r.hostname, ttl_seconds, r.type, data);
    }
  }
  return out;
}

}  // namespace skerry::directory
