#pragma once
// Folders and items as the SQL store reads them: the model's record plus the integer keys the
// store uses inside (docs/formats/schema.md), which never leave the SQL code.

#include <cstdint>
#include <string>

#include "model/mailbox_records.h"

namespace skerry::storage::sql {

// The head of a mailbox's change log as this transaction read it: what a write needs to append
// to the log without reading the mailbox row again. The store has one writer, so nothing moves it
// between the read and the append (the append checks anyway).
struct ChangeLogHead {
  std::int64_t mailbox_no = 0;
  std::string mailbox_id;
  model::MailboxState state = model::MailboxState::kActive;
  std::uint64_t highest_modseq = 0;
};

// A folder or item as read, with the store's integer key of it and its mailbox's log head.
struct FolderRow {
  model::FolderRecord record;
  std::int64_t no = 0;
  ChangeLogHead log;
};
struct ItemRow {
  model::ItemRecord record;
  std::int64_t folder_no = 0;
  ChangeLogHead log;
};

}  // namespace skerry::storage::sql
