#pragma once
// The tables of the in-memory metadata store: plain ordered maps keyed like the SQL tables, so
// listings come out in the same order as the SQL store's ORDER BY clauses.

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "model/mailbox_records.h"

namespace skerry::storage::memory {

struct MemoryState {
  std::map<std::string, model::OrganizationRecord> organizations;
  std::map<std::string, model::MailboxRecord> mailboxes;
  std::map<std::string, model::FolderRecord> folders;
  std::map<std::string, model::ItemRecord> items;
  std::map<std::pair<std::string, std::uint64_t>, model::ChangeRecord> changes;
  std::map<std::string, std::uint64_t> blob_refs;  // blob id → reference count
};

}  // namespace skerry::storage::memory
