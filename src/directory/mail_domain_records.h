#pragma once
// The DNS records a mail domain needs to be served by this Skerry installation — the guide's
// "Domain ownership", "WorkMail configuration", "Improved security" sections — and the zone-file
// form an administrator imports into a DNS provider (the guide's "Copy all").
//
// Skerry is the mail server itself, so the records point at the configured host names rather
// than at SES: MX and autodiscover at the server, SPF authorizing it, DKIM publishing the key
// this server signs with. There is no separate MAIL FROM domain: outgoing mail uses the
// domain's own envelope sender, which the SPF record covers.

#include <string>
#include <vector>

#include "directory/mail_domain.h"

namespace skerry::directory {

struct DomainRecordSettings {
  std::string mail_host;          // MX target and SPF "a:" host
  std::string autodiscover_host;  // autodiscover CNAME target
  int ttl_seconds = 3600;         // the guide recommends 3600 for MX and autodiscover
};

struct DnsRecordSpec {
  RecordPurpose purpose;
  std::string type;      // "TXT", "MX", "CNAME"
  std::string hostname;  // fully qualified, no trailing dot (as the admin API shows it)
  std::string value;     // the record's data as a provider's form takes it; TXT unquoted
};

std::vector<DnsRecordSpec> ExpectedRecords(const MailDomain& domain, const DomainRecordSettings& settings);

// The exact TXT values the checks compare against.
std::string OwnershipValue(const MailDomain& domain);
std::string DkimValue(const MailDomain& domain);
std::string DkimHostname(const MailDomain& domain);

struct ZoneSection {
  std::string domain;
  std::vector<DnsRecordSpec> records;
};
// RFC 1035 master-file text: one commented block per domain, absolute owner names, TXT data split
// into quoted strings of at most 255 characters (RFC 1035 §3.3.14).
std::string RenderZoneFile(const std::vector<ZoneSection>& sections, int ttl_seconds,
                           const std::string& header_comment);

}  // namespace skerry::directory
