#include "directory/organization_service.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "base/ids.h"
#include "base/log.h"
#include "base/log_events.h"
#include "crypto/key_hierarchy.h"
#include "directory/entity_addresses.h"

namespace skerry::directory {
namespace {
std::int64_t UnixSeconds(Clock& clock) {
  return std::chrono::duration_cast<std::chrono::seconds>(clock.Now().time_since_epoch()).count();
}
}  // namespace

Result<Organization> OrganizationService::Open(model::OrganizationRecord record) {
  auto attributes = SKERRY_TRY(OpenOrganizationAttributes(service_keys_.secrets_key(), record.id, record.sealed_attributes));
  return Organization{std::move(record), std::move(attributes)};
}

Result<Organization> OrganizationService::Create(const CreateOrganizationRequest& request) {
  if (request.alias.empty() || request.alias.size() > 62)
    return MakeError(ErrorCode::kInvalidArgument, "alias must be 1 to 62 characters");
  Organization org;
  auto& record = org.record;
  record.id = NewOrganizationId(random_);
  record.created_at = UnixSeconds(clock_);
  record.alias_index = SKERRY_TRY(service_keys_.IndexHash("organization-alias", AsciiLower(request.alias)));

  crypto::KeyProvider* provider = nullptr;
  bool created_key = false;
  if (request.customer_key) {
    if (crypto::IsServiceManagedKeyId(request.customer_key->key_id))
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("key \"{}\" is managed by Skerry (another organization's or the "
                                   "server's own); a customer-managed key must be one of yours",
                                   request.customer_key->key_id));
    provider = SKERRY_TRY(providers_.Find(request.customer_key->provider));
    if (!SKERRY_TRY(provider->HasKey(request.customer_key->key_id)))
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("key \"{}\" does not exist in provider {}", request.customer_key->key_id,
                                   request.customer_key->provider));
    record.key = *request.customer_key;
  } else {
    provider = &providers_.Default();
    record.key = {std::string(provider->Name()), crypto::DefaultOrgKeyId(record.id)};
  }
  // Refuse a taken alias before making a key that would then be orphaned.
  SKERRY_TRY(store_.Read([&](storage::ReadTxn& txn) -> Status {
    if (SKERRY_TRY(txn.FindOrganizationByAlias(record.alias_index)))
      return MakeError(ErrorCode::kAlreadyExists, fmt::format("the alias {} is not available", request.alias));
    return Ok();
  }));
  if (!request.customer_key) {
    SKERRY_TRY(provider->CreateKey(record.key.key_id));
    created_key = true;
  }
  auto directory_key = crypto::GenerateKey(random_);
  auto wrapped = provider->Wrap(record.key.key_id, crypto::OrgKeyContext(record.id, "directory"), directory_key);
  if (!wrapped) {
    if (created_key) (void)provider->DestroyKey(record.key.key_id);
    return tl::unexpected(wrapped.error());
  }
  record.wrapped_directory_key = std::move(*wrapped);

  auto& a = org.attributes;
  a.alias = request.alias;
  a.default_mail_domain = TestDomainOf(a);
  a.directory_id = request.directory_id;
  a.directory_type = request.directory_id.empty() ? "WorkMailDirectory" : "ActiveDirectory";
  a.region = request.region.empty() ? "us-east-1" : request.region;
  a.interoperability_enabled = request.interoperability_enabled;
  a.completed_date = record.created_at;
  a.client_token = request.client_token;
  record.sealed_attributes = SealOrganizationAttributes(service_keys_.secrets_key(), record.id, a, random_);

  auto written = store_.Write([&](storage::WriteTxn& txn) { return txn.PutOrganization(record); });
  if (!written) {
    // Nothing names the new key: destroying it keeps a failed call from leaving half an org.
    if (created_key) (void)provider->DestroyKey(record.key.key_id);
    if (written.error().code == ErrorCode::kAlreadyExists)
      return MakeError(ErrorCode::kAlreadyExists, fmt::format("the alias {} is not available", request.alias));
    return tl::unexpected(written.error());
  }
  return org;
}

std::string OrganizationService::TestDomainOf(const OrganizationAttributes& attributes) const {
  return AsciiLower(attributes.alias) + "." + test_domain_base_;
}

Status OrganizationService::SetDefaultMailDomain(const std::string& org_id, const std::string& domain) {
  return store_.Write([&](storage::WriteTxn& txn) -> Status {
    auto org = SKERRY_TRY(Open(SKERRY_TRY(txn.GetOrganization(org_id))));
    if (org.record.state != model::OrganizationState::kActive)
      return MakeError(ErrorCode::kFailedPrecondition, fmt::format("organization {} is deleted", org_id));
    org.attributes.default_mail_domain = domain;
    org.record.sealed_attributes =
        SealOrganizationAttributes(service_keys_.secrets_key(), org_id, org.attributes, random_);
    return txn.PutOrganization(org.record);
  });
}

Result<Organization> OrganizationService::Get(const std::string& org_id) {
  model::OrganizationRecord record;
  SKERRY_TRY(store_.Read([&](storage::ReadTxn& txn) -> Status {
    record = SKERRY_TRY(txn.GetOrganization(org_id));
    return Ok();
  }));
  return Open(std::move(record));
}

Result<OrgInfo> OrganizationService::Info(const std::string& org_id) {
  auto org = SKERRY_TRY(Get(org_id));
  OrgInfo info;
  info.active = org.record.state == model::OrganizationState::kActive;
  info.test_domain = TestDomainOf(org.attributes);
  info.default_domain = AsciiLower(org.attributes.default_mail_domain);
  return info;
}

Result<std::vector<Organization>> OrganizationService::List() {
  std::vector<model::OrganizationRecord> records;
  SKERRY_TRY(store_.Read([&](storage::ReadTxn& txn) -> Status {
    records = SKERRY_TRY(txn.ListOrganizations());
    return Ok();
  }));
  std::sort(records.begin(), records.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  std::vector<Organization> out;
  out.reserve(records.size());
  for (auto& r : records) out.push_back(SKERRY_TRY(Open(std::move(r))));
  return out;
}

Result<Organization> OrganizationService::Delete(const std::string& org_id) {
  Organization org;
  std::vector<std::string> mailboxes;
  SKERRY_TRY(store_.Write([&](storage::WriteTxn& txn) -> Status {
    org = SKERRY_TRY(Open(SKERRY_TRY(txn.GetOrganization(org_id))));
    if (org.record.state == model::OrganizationState::kDeleted)
      return MakeError(ErrorCode::kFailedPrecondition, fmt::format("organization {} is already deleted", org_id));
    mailboxes.clear();  // the closure may run more than once
    for (const auto& m : SKERRY_TRY(txn.ListMailboxes(org_id))) {
      SKERRY_TRY(txn.DestroyMailboxKey(m.id));
      mailboxes.push_back(m.id);
    }
    SKERRY_TRY(txn.DeleteOrganizationObjects(org_id));
    // Server-wide claims the organization held (its mail domains) go with it, so another
    // organization may register those domains.
    for (const auto& claim : SKERRY_TRY(txn.ListIndexEntries("", org_id)))
      SKERRY_TRY(txn.ReleaseIndex("", claim.index, claim.key, org_id));
    org.record.state = model::OrganizationState::kDeleted;
    org.record.wrapped_directory_key.clear();
    org.record.alias_index.clear();  // the alias may be used again
    org.attributes.state = "Deleted";
    org.attributes.deleted_date = UnixSeconds(clock_);
    org.record.sealed_attributes =
        SealOrganizationAttributes(service_keys_.secrets_key(), org_id, org.attributes, random_);
    return txn.PutOrganization(org.record);
  }));
  for (const auto& id : mailboxes) key_cache_.Evict(id);
  for (const auto& listener : deletion_listeners_) listener(org_id);
  if (shred_hook_) SKERRY_TRY(shred_hook_());
  // A customer's own key stays theirs; a service-managed one belonged to this org alone.
  if (ManagesKey(org.record)) {
    auto* provider = SKERRY_TRY(providers_.Find(org.record.key.provider));
    SKERRY_TRY(provider->DestroyKey(org.record.key.key_id));
  }
  Log(LogLevel::kInfo, ev::kKeyDestroyed, {{"organization", org_id}, {"mailboxes", mailboxes.size()}});
  return org;
}

}  // namespace skerry::directory
