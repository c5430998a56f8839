#pragma once
// An organization's mail domains (the WorkMail API's five mail-domain operations and the
// operator's zone export): registration with a server-wide claim (a domain belongs to one
// organization), its DNS records and their checks through the resolver, the default domain,
// and the rule that addresses are given out only in the test domain or a verified domain.
//
// The test domain <alias>.<base> is implicit: always present, always verified, never removable.
// Errors carry WorkMail's exception names (directory_errors.h).
//
// Thread-safe; blocking (store, DNS): call from the blocking pool.

#include <cstdint>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/random.h"
#include "directory/entity_store.h"
#include "directory/mail_domain.h"
#include "directory/mail_domain_records.h"
#include "directory/org_directory.h"
#include "directory/organization_service.h"
#include "directory/service_keys.h"
#include "mailauth/resolver.h"

namespace skerry::directory {

struct MailDomainOptions {
  DomainRecordSettings records;
  std::string dkim_selector = "skerry";
  int dkim_bits = 2048;
  // false: addresses in a registered domain may be given out before its ownership record is
  // seen (an installation without public DNS, or tests of other features).
  bool require_verification = true;
  // GetMailDomain checks DNS again when the last check is older than this (the console's
  // "refresh"); 0 checks on every call.
  std::int64_t recheck_seconds = 60;
};

struct MailDomainSummary {
  std::string name;
  bool is_default = false;
  bool is_test = false;
};

struct MailDomainRecordView {
  DnsRecordSpec record;
  RecordStatus status;
};

struct MailDomainView {
  std::string name;
  bool is_test = false;
  bool is_default = false;
  RecordStatus ownership = RecordStatus::kPending;
  RecordStatus dkim = RecordStatus::kPending;
  std::vector<MailDomainRecordView> records;  // empty for the test domain
  std::int64_t checked_at = 0;
};

class MailDomainService {
 public:
  // `resolver` may be null: checks then leave statuses as they are.
  MailDomainService(OrgDirectory& directory, OrganizationService& organizations, const ServiceKeys& service_keys,
                    mailauth::Resolver* resolver, Clock& clock, Random& random, MailDomainOptions options);

  // Idempotent for a domain the organization already has. MailDomainInUseException when another
  // organization has it or it is the test domain; LimitExceededException past 100 domains;
  // InvalidParameterException for a malformed name or one under the test-domain base.
  Status Register(const std::string& org_id, const std::string& name);
  // For CreateOrganization's Domains, before the organization exists: the normalized name, or
  // InvalidParameterException when it is malformed, under the test-domain base or registered
  // by an organization.
  Result<std::string> CheckAvailable(const std::string& name);
  // Idempotent for a domain the organization does not have. MailDomainInUseException while it is
  // the default domain or any user, group or resource has an address in it;
  // InvalidParameterException for the test domain.
  Status Deregister(const std::string& org_id, const std::string& name);
  // Checks DNS first when the last check is older than recheck_seconds (or `force_check`).
  // MailDomainNotFoundException for a domain the organization does not have.
  Result<MailDomainView> Get(const std::string& org_id, const std::string& name, bool force_check = false);
  // The test domain and every registered domain, sorted by name.
  Result<std::vector<MailDomainSummary>> List(const std::string& org_id);
  // MailDomainNotFoundException; MailDomainStateException unless ownership is verified.
  Status SetDefault(const std::string& org_id, const std::string& name);
  // Zone-file text with the records of one registered domain, or of all when `name` is empty.
  Result<std::string> ZoneFile(const std::string& org_id, const std::string& name);
  // Checks every registered domain of every active organization (the periodic job).
  // Returns how many domains were checked; once `stop` is requested it returns before the next
  // domain (a shutdown need not wait for every DNS answer).
  Result<std::size_t> CheckAll(std::stop_token stop = {});

  // For EntityStore: whether addresses in `domain` may be given out.
  Status RequireUsable(const std::string& org_id, const std::string& domain);
  DomainCheck AsCheck() {
    return [this](const std::string& org_id, const std::string& domain) { return RequireUsable(org_id, domain); };
  }

  const MailDomainOptions& options() const { return options_; }

 private:
  struct Stored {
    Document doc;
    MailDomain domain;
  };
  Result<std::optional<Stored>> Find(const std::string& org_id, const std::string& name);
  Result<std::vector<Stored>> All(const std::string& org_id);
  Status Save(const std::string& org_id, Stored& stored, const std::vector<ServerClaim>& server_claims = {});
  // Runs the DNS checks and stores the outcome (a concurrent update wins; ours is dropped).
  Status Refresh(const std::string& org_id, Stored& stored);
  Result<ServerClaim> DomainClaim(const std::string& name) const;
  Status RequireOutsideTestBase(const std::string& name) const;
  Result<bool> InUse(const std::string& org_id, const std::string& name);
  std::int64_t Now() const;

  OrgDirectory& directory_;
  OrganizationService& organizations_;
  const ServiceKeys& service_keys_;
  mailauth::Resolver* resolver_;
  Clock& clock_;
  Random& random_;
  MailDomainOptions options_;
  EntityStore entities_;
  std::mutex register_mu_;  // the 100-domain limit is a count-then-write
};

}  // namespace skerry::directory
