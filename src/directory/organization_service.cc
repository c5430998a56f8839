#include "directory/organization_service.h"

#include <fmt/format.h>

#include "base/ids.h"
#include "base/log.h"
#include "base/log_events.h"
#include "crypto/key_hierarchy.h"

namespace skerry::directory {

Result<model::OrganizationRecord> OrganizationService::Create(
    const std::optional<model::KeyRef>& customer_key) {
  model::OrganizationRecord org;
  org.id = NewOrganizationId(random_);
  org.created_at = std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch()).count();
  if (customer_key) {
    auto* provider = SKERRY_TRY(providers_.Find(customer_key->provider));
    bool exists = SKERRY_TRY(provider->HasKey(customer_key->key_id));
    if (!exists)
      return MakeError(ErrorCode::kInvalidArgument,
                       fmt::format("key \"{}\" does not exist in provider {}", customer_key->key_id, customer_key->provider));
    org.key = *customer_key;
  } else {
    auto& provider = providers_.Default();
    org.key = {std::string(provider.Name()), crypto::DefaultOrgKeyId(org.id)};
    SKERRY_TRY(provider.CreateKey(org.key.key_id));
  }
  SKERRY_TRY(store_.Write([&](storage::WriteTxn& txn) { return txn.PutOrganization(org); }));
  return org;
}

Result<model::OrganizationRecord> OrganizationService::Get(const std::string& org_id) {
  model::OrganizationRecord org;
  SKERRY_TRY(store_.Read([&](storage::ReadTxn& txn) -> Status {
    org = SKERRY_TRY(txn.GetOrganization(org_id));
    return Ok();
  }));
  return org;
}

Status OrganizationService::Delete(const std::string& org_id) {
  model::OrganizationRecord org;
  std::vector<std::string> mailboxes;
  SKERRY_TRY(store_.Write([&](storage::WriteTxn& txn) -> Status {
    org = SKERRY_TRY(txn.GetOrganization(org_id));
    for (const auto& m : SKERRY_TRY(txn.ListMailboxes(org_id))) {
      SKERRY_TRY(txn.DestroyMailboxKey(m.id));
      mailboxes.push_back(m.id);
    }
    org.state = model::OrganizationState::kDeleted;
    org.wrapped_directory_key.clear();
    return txn.PutOrganization(org);
  }));
  for (const auto& id : mailboxes) key_cache_.Evict(id);
  // A customer's own key stays theirs; a service-managed one belonged to this org alone.
  if (org.key.key_id == crypto::DefaultOrgKeyId(org.id)) {
    auto* provider = SKERRY_TRY(providers_.Find(org.key.provider));
    SKERRY_TRY(provider->DestroyKey(org.key.key_id));
  }
  Log(LogLevel::kInfo, ev::kKeyDestroyed, {{"organization", org_id}, {"mailboxes", mailboxes.size()}});
  return Ok();
}

}  // namespace skerry::directory
