#pragma once
// Checks a mail domain's DNS records through the resolver and moves their statuses the way the
// guide's "Adding a domain" describes. A question the resolver could not answer (timeout,
// SERVFAIL) leaves that record's status as it was: an outage of the domain's DNS must not turn a
// verified domain into a failed one.

#include <cstdint>

#include "directory/mail_domain.h"
#include "directory/mail_domain_records.h"
#include "mailauth/resolver.h"

namespace skerry::directory {

struct CheckReport {
  int answered = 0;
  int unanswered = 0;  // left unchanged because the resolver failed
};

// Updates domain.statuses, checked_at and ownership_verified_at.
CheckReport CheckMailDomain(MailDomain& domain, const DomainRecordSettings& settings,
                            mailauth::Resolver& resolver, std::int64_t now_seconds);

}  // namespace skerry::directory
