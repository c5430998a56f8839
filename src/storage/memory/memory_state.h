#pragma once
// The tables of the in-memory metadata store: plain ordered maps keyed like the SQL tables, so
// listings come out in the same order as the SQL store's ORDER BY clauses.

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <utility>

#include "model/directory_records.h"
#include "model/mailbox_records.h"

namespace skerry::storage::memory {

struct MemoryState {
  std::map<std::string, model::OrganizationRecord> organizations;
  std::map<std::string, model::MailboxRecord> mailboxes;
  std::map<std::string, model::FolderRecord> folders;
  std::map<std::string, model::ItemRecord> items;
  std::map<std::pair<std::string, std::uint64_t>, model::ChangeRecord> changes;
  std::map<std::string, std::uint64_t> blob_refs;  // blob id → reference count

  // (org_id, kind, id) → object; (org_id, index, key) → object id; seq → record.
  std::map<std::tuple<std::string, std::string, std::string>, model::DirectoryObject>
      directory_objects;
  std::map<std::tuple<std::string, std::string, Bytes>, std::string> directory_index;
  std::map<std::uint64_t, model::AuditRecord> audit_log;
  std::uint64_t audit_seq = 0;  // last seq handed out (counters.audit_seq)
};

}  // namespace skerry::storage::memory
