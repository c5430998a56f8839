#pragma once
// The WorkMail admin API as one unit for the composition root: the gate (framing, SigV4,
// validation, idempotency), IAM authorization by the signing key's policy, the audit trail
// of every call, and the operation handlers. Owns all of it; borrows the services.

#include <memory>

#include "directory/admin_principals.h"
#include "directory/client_token_records.h"
#include "directory/mail_domain_service.h"
#include "directory/org_directory.h"
#include "directory/organization_service.h"
#include "directory/service_keys.h"
#include "mailbox/mailbox_service.h"
#include "events/audit_trail.h"
#include "protocols/http/router.h"

namespace skerry::admin_api {

class AdminApi {
 public:
  static Result<std::unique_ptr<AdminApi>> Create(directory::AdminPrincipals& principals,
                                                  directory::OrganizationService& organizations,
                                                  directory::OrgDirectory& directory,
                                                  directory::MailDomainService& domains,
                                                  mailbox::MailboxService& mailboxes,
                                                  const directory::ServiceKeys& service_keys,
                                                  events::AuditTrail& audit, directory::ClientTokenRecords& client_tokens,
                                                  Random& random, Clock& clock);
  ~AdminApi();
  // Forgets ClientTokens whose success is older than their lifetime; returns how many.
  Result<std::size_t> PurgeExpiredClientTokens();
  // POST / (X-Amz-Target: WorkMailService.*).
  void Register(http::Router& router) const;

 private:
  struct Parts;
  explicit AdminApi(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace skerry::admin_api
