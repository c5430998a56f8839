#pragma once
// Folders and items as the SQL store reads them: the model's record plus the integer keys the
// store uses inside (docs/formats/schema.md), which never leave the SQL code.

#include <cstdint>

#include "model/mailbox_records.h"

namespace skerry::storage::sql {

// A folder or item as read, with the store's integer keys of it and of its mailbox.
struct FolderRow {
  model::FolderRecord record;
  std::int64_t no = 0;
  std::int64_t mailbox_no = 0;
};
struct ItemRow {
  model::ItemRecord record;
  std::int64_t folder_no = 0;
  std::int64_t mailbox_no = 0;
};

}  // namespace skerry::storage::sql
