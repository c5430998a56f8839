#include "protocols/admin_api/admin_api.h"

#include "crypto/hkdf.h"
#include "protocols/admin_api/admin_api_gate.h"
#include "protocols/admin_api/audit_recorder.h"
#include "protocols/admin_api/commands/command_deps.h"
#include "protocols/admin_api/stored_client_token_store.h"
#include "protocols/admin_api/policy_authorizer.h"

namespace skerry::admin_api {

struct AdminApi::Parts {
  std::unique_ptr<Validator> validator;
  std::unique_ptr<PaginationTokens> pagination;
  std::unique_ptr<StoredClientTokenStore> client_tokens;
  std::unique_ptr<Sigv4Verifier> verifier;
  std::unique_ptr<PolicyAuthorizer> authorizer;
  std::unique_ptr<AuditRecorder> recorder;
  CommandDeps deps;
  Dispatcher dispatcher;
  std::vector<std::unique_ptr<CommandSet>> command_sets;
  std::unique_ptr<AdminApiGate> gate;
};

AdminApi::AdminApi(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
AdminApi::~AdminApi() = default;

Result<std::unique_ptr<AdminApi>> AdminApi::Create(directory::AdminPrincipals& principals,
                                                   directory::OrganizationService& organizations,
                                                   directory::OrgDirectory& directory,
                                                   directory::MailDomainService& domains,
                                                   mailbox::MailboxService& mailboxes,
                                                   const directory::ServiceKeys& service_keys,
                                                   events::AuditTrail& audit, directory::ClientTokenRecords& client_tokens,
                                                   Random& random, Clock& clock) {
  auto p = std::make_unique<Parts>();
  p->validator = std::make_unique<Validator>(SKERRY_TRY(Validator::Create()));
  auto token_key = SKERRY_TRY(crypto::HkdfSha256(service_keys.secrets_key().view(), {},
                                                 AsBytes("skerry/v1/pagination-tokens"), 32));
  p->pagination = std::make_unique<PaginationTokens>(SKERRY_TRY(PaginationTokens::Create(std::move(token_key))));
  p->client_tokens = std::make_unique<StoredClientTokenStore>(client_tokens, clock);
  p->verifier = std::make_unique<Sigv4Verifier>(
      [&principals](const std::string& access_key_id) -> Result<Credential> {
        auto [key, secret] = SKERRY_TRY(principals.Lookup(access_key_id));
        return Credential{std::move(secret), directory::AdminPrincipals::PrincipalArn(key.name), key.name,
                          std::nullopt, key.policy};
      },
      clock);
  p->authorizer = std::make_unique<PolicyAuthorizer>(clock);
  p->recorder = std::make_unique<AuditRecorder>(audit, random);
  p->deps.organizations = &organizations;
  p->deps.directory = &directory;
  p->deps.domains = &domains;
  p->deps.mailboxes = &mailboxes;
  p->deps.pagination = p->pagination.get();
  p->deps.random = &random;
  p->deps.clock = &clock;
  p->command_sets = SKERRY_TRY(RegisterCommands(p->dispatcher, p->deps));
  p->gate = std::make_unique<AdminApiGate>(*p->verifier, *p->validator, *p->client_tokens, p->dispatcher, random, clock);
  p->gate->SetHooks(p->authorizer.get(), p->recorder.get());
  return std::unique_ptr<AdminApi>(new AdminApi(std::move(p)));
}

Result<std::size_t> AdminApi::PurgeExpiredClientTokens() { return parts_->client_tokens->PurgeExpired(); }

void AdminApi::Register(http::Router& router) const { parts_->gate->Register(router); }

}  // namespace skerry::admin_api
