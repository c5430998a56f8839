#pragma once
// A mail domain an organization registered (RegisterMailDomain): the proof-of-ownership token,
// the domain's DKIM key pair, and the status of each DNS record the domain needs, as the
// administrator guide's "Adding a domain" lists them. Stored as one sealed OrgDirectory document
// per domain, so the DKIM private key is crypto-shredded with the organization.
//
// Statuses follow the guide: ownership and DKIM records are PENDING until seen, VERIFIED when
// they match, FAILED when mismatched or still absent after the 72 hours verification may take;
// the MX, autodiscover, SPF and DMARC records are VERIFIED, MISSING or INCONSISTENT.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "base/error.h"
#include "base/secret_bytes.h"

namespace skerry::directory {

inline constexpr std::size_t kMaxMailDomainsPerOrganization = 100;  // guide: "up to 100 domains"
inline constexpr std::int64_t kVerificationWindowSeconds = 72 * 3600;  // guide: "Allow up to 72 hours"

enum class RecordPurpose { kOwnership, kMx, kAutodiscover, kDkim, kSpf, kDmarc };
enum class RecordStatus { kPending, kVerified, kFailed, kMissing, kInconsistent };

std::string_view RecordPurposeName(RecordPurpose p);  // "ownership", "mx", ...
std::string_view RecordStatusName(RecordStatus s);    // WorkMail's spelling: "PENDING", ...
Result<RecordPurpose> ParseRecordPurpose(std::string_view name);
Result<RecordStatus> ParseRecordStatus(std::string_view name);

struct MailDomain {
  std::string name;  // lowercase, no trailing dot
  std::int64_t registered_at = 0;  // unix seconds
  std::string verification_token;
  std::string dkim_selector;
  SecretBytes dkim_private_der;  // PKCS#8
  std::string dkim_public;       // base64 SubjectPublicKeyInfo
  std::map<RecordPurpose, RecordStatus> statuses;
  std::int64_t checked_at = 0;   // last DNS check, unix seconds; 0: never
  std::int64_t ownership_verified_at = 0;

  RecordStatus StatusOf(RecordPurpose p) const;
};

boost::json::object MailDomainToJson(const MailDomain& d);
Result<MailDomain> MailDomainFromJson(const boost::json::object& o);

// Lowercases and checks a domain name: dot-separated labels of letters, digits and hyphens,
// none empty, none longer than 63 or starting or ending with '-', at least two labels, at most
// 253 characters. InvalidParameterException naming the problem otherwise.
Result<std::string> NormalizeMailDomainName(std::string_view name);

}  // namespace skerry::directory
