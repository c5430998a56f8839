#pragma once
// Stored shapes of the item store (DESIGN §2). Fields holding customer data are sealed bytes:
// the storage layer never sees plaintext names, subjects or addresses (DESIGN §3).

#include <cstdint>
#include <optional>
#include <string>

#include "base/bytes.h"

namespace skerry::model {

// Which provider key protects an organization's keys, fixed at creation (WorkMail: the CMK).
struct KeyRef {
  std::string provider;  // "local" | "pkcs11"
  std::string key_id;    // the provider's name for the key
  bool operator==(const KeyRef&) const = default;
};

enum class OrganizationState { kActive, kDeleted };

struct OrganizationRecord {
  std::string id;               // m-<32 hex>
  OrganizationState state = OrganizationState::kActive;
  KeyRef key;
  Bytes wrapped_directory_key;  // org directory key, wrapped by `key` with context {org}
  Bytes sealed_attributes;      // directory layer's sealed attributes (alias, name, ...)
  Bytes alias_index;            // keyed hash of the normalized alias, for unique lookup; may be empty
  std::int64_t created_at = 0;  // unix seconds
  bool operator==(const OrganizationRecord&) const = default;
};

enum class MailboxState { kActive, kDestroyed };

struct MailboxRecord {
  std::string id;         // 32 hex
  std::string org_id;
  MailboxState state = MailboxState::kActive;
  Bytes wrapped_key;      // mailbox key wrapped by the org key, context {org, mailbox}; empty once destroyed
  std::uint64_t highest_modseq = 0;
  std::int64_t created_at = 0;
  bool operator==(const MailboxRecord&) const = default;
};

enum class ItemClass { kMail = 0, kCalendar = 1, kContacts = 2, kTasks = 3, kNotes = 4 };

struct FolderRecord {
  std::string id;         // 32 hex
  std::string mailbox_id;
  std::string parent_id;  // empty for a top-level folder
  Bytes sealed_name;
  ItemClass item_class = ItemClass::kMail;
  std::uint32_t uid_validity = 0;
  std::uint32_t uid_next = 1;
  std::uint64_t modseq = 0;  // change-log position of the last change to the folder itself
  bool operator==(const FolderRecord&) const = default;
};

struct ItemRecord {
  std::string id;         // 32 hex, stable across moves
  std::string mailbox_id;
  std::string folder_id;
  std::uint32_t uid = 0;  // per folder, assigned by the store
  std::string blob_id;
  Bytes wrapped_data_key; // item data key wrapped by the mailbox key
  Bytes sealed_meta;      // envelope/summary, sealed by the mailbox metadata key
  std::uint64_t size = 0; // plaintext size
  std::uint32_t flags = 0;
  std::int64_t internal_date = 0;
  std::uint64_t modseq = 0;
  bool operator==(const ItemRecord&) const = default;
};

enum class ChangeKind {
  kFolderCreated = 1,
  kFolderUpdated = 2,
  kFolderDeleted = 3,
  kItemCreated = 4,
  kItemUpdated = 5,
  kItemDeleted = 6,
};

// One entry of a mailbox's change log; every sync protocol derives its state from these.
struct ChangeRecord {
  std::string mailbox_id;
  std::uint64_t modseq = 0;
  ChangeKind kind = ChangeKind::kItemCreated;
  std::string object_id;  // folder id or item id
  std::string folder_id;  // the folder the item is in (for folder changes: the folder itself)
  bool operator==(const ChangeRecord&) const = default;
};

}  // namespace skerry::model
