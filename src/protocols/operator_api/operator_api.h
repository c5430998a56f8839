#pragma once
// The operator API: a small JSON-over-HTTPS API for the people who run the server, in the spirit
// of doveadm's HTTP API — create organizations and mailboxes, put and fetch items, read a
// mailbox's change log, destroy keys. The `skerry` CLI and the integration tests use it; the
// WorkMail admin API (aws workmail ...) is a separate protocol.
//
// Every request carries "Authorization: Bearer <token>", the token from DIR/operator-token.
// Routes and shapes: docs/operator-api.md.

#include <string>

#include "directory/admin_principals.h"
#include "directory/mail_domain_service.h"
#include "directory/organization_service.h"
#include "events/audit_trail.h"
#include "mailbox/mailbox_service.h"
#include "protocols/http/router.h"

namespace skerry::operator_api {

class OperatorApi {
 public:
  // Borrows the services; they outlive the router.
  OperatorApi(directory::OrganizationService& orgs, directory::MailDomainService& domains,
              mailbox::MailboxService& mailboxes, directory::AdminPrincipals& principals, events::AuditTrail& audit,
              Random& random, std::string token)
      : orgs_(orgs), domains_(domains), mailboxes_(mailboxes), principals_(principals), audit_(audit),
        random_(random), token_(std::move(token)) {}

  void Register(http::Router& router);

 private:
  http::Response Handle(const http::Request& request);
  http::Response HandleAudit(const http::Request& request);
  http::Response HandleAccessKeys(const http::Request& request, const std::vector<std::string_view>& parts);
  // GET organizations/{org}/domains/{domain}[?check=1] and GET organizations/{org}/zone[?domain=].
  http::Response HandleDomains(const http::Request& request, const std::vector<std::string_view>& parts);

  directory::OrganizationService& orgs_;
  directory::MailDomainService& domains_;
  mailbox::MailboxService& mailboxes_;
  directory::AdminPrincipals& principals_;
  events::AuditTrail& audit_;
  Random& random_;
  std::string token_;
};

}  // namespace skerry::operator_api
