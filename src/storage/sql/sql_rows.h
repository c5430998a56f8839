#pragma once
// Column lists and row decoders shared by the SQL metadata code. The SELECT prefixes are macros
// so that call sites can append clauses by literal concatenation: the resulting SQL text is a
// constant, which is what the driver's statement cache keys on. Include only from .cc files.

#include "base/error.h"
#include "model/directory_records.h"
#include "model/mailbox_records.h"
#include "storage/sql/keyed_rows.h"
#include "storage/sql/query.h"

#define SKERRY_SQL_SELECT_ORGANIZATION                                                 \
  "SELECT id, state, key_provider, key_id, wrapped_directory_key, sealed_attributes, " \
  "alias_index, created_at FROM organizations"
#define SKERRY_SQL_SELECT_MAILBOX \
  "SELECT id, org_id, state, wrapped_key, highest_modseq, created_at FROM mailboxes"
// Mailboxes and folders are keyed inside the store by integers (`no`); rows name them by the
// model's ids through these joins, and end with the integers the write path works with.
#define SKERRY_SQL_SELECT_FOLDER                                                           \
  "SELECT f.id, m.id, f.parent_id, f.sealed_name, f.item_class, f.uid_validity, "          \
  "f.uid_next, f.modseq, f.no, f.mailbox_no, m.state, m.highest_modseq FROM folders f "  \
  "JOIN mailboxes m ON m.no = f.mailbox_no"
#define SKERRY_SQL_ITEM_COLUMNS_UID(uid)                                                  \
  "SELECT i.id, m.id, f.id, " uid ", i.blob_id, i.wrapped_data_key, i.sealed_meta, i.size, " \
  "i.flags, i.internal_date, i.modseq, i.folder_no, f.mailbox_no, m.state, m.highest_modseq"
#define SKERRY_SQL_ITEM_FOLDER_MAILBOX \
  " JOIN folders f ON f.no = i.folder_no JOIN mailboxes m ON m.no = f.mailbox_no"
#define SKERRY_SQL_SELECT_ITEM \
  SKERRY_SQL_ITEM_COLUMNS_UID("i.uid") " FROM items i" SKERRY_SQL_ITEM_FOLDER_MAILBOX
// The live rows of folder_item_tail, as `x`, joined to their items as `i`: a row whose item has
// since moved or gone is dead (tails.h). The one statement of that rule for readers and the fold.
#define SKERRY_SQL_LIVE_FOLDER_ITEM_TAIL \
  " folder_item_tail x JOIN items i ON i.id = x.item_id AND i.folder_no = x.folder_no AND i.uid = x.uid"
// One folder's items after a UID, in UID order: from folder_items and from the live rows of its
// tail (tails.h); binds (folder_no, after_uid) twice, then the limit. The ORDER BY merges the two
// arms; the uid column is folder_items' own, so its arm comes in key order and stops at the
// limit instead of being read whole and sorted (the tail's arm, a few thousand rows, is sorted).
#define SKERRY_SQL_SELECT_FOLDER_ITEMS                                                        \
  SKERRY_SQL_ITEM_COLUMNS_UID("x.uid") " FROM folder_items x JOIN items i ON i.id = x.item_id" \
  SKERRY_SQL_ITEM_FOLDER_MAILBOX " WHERE x.folder_no = ? AND x.uid > ?"                        \
  " UNION ALL " SKERRY_SQL_ITEM_COLUMNS_UID("x.uid") " FROM" SKERRY_SQL_LIVE_FOLDER_ITEM_TAIL \
  SKERRY_SQL_ITEM_FOLDER_MAILBOX " WHERE x.folder_no = ? AND x.uid > ? ORDER BY 4 LIMIT ?"
#define SKERRY_SQL_SELECT_LOG_HEAD "SELECT no, state, highest_modseq, id FROM mailboxes"
// One mailbox's changes after a modseq, folded and still in the tail (tails.h); binds
// (mailbox_no, since) twice, then the limit. Every tail row of a mailbox is newer than its
// folded ones, and the ORDER BY merges the two.
#define SKERRY_SQL_SELECT_CHANGES_SINCE                                                       \
  "SELECT modseq, kind, object_id, folder_id FROM changes WHERE mailbox_no = ? AND modseq > ?" \
  " UNION ALL SELECT modseq, kind, object_id, folder_id FROM change_tail"                      \
  " WHERE mailbox_no = ? AND modseq > ? ORDER BY modseq LIMIT ?"
#define SKERRY_SQL_SELECT_DIRECTORY_OBJECT \
  "SELECT org_id, kind, id, sealed, version, updated_at FROM directory_objects"
#define SKERRY_SQL_SELECT_INDEX_ENTRY \
  "SELECT org_id, index_name, key, object_id FROM directory_index"
#define SKERRY_SQL_SELECT_AUDIT \
  "SELECT seq, time_ms, event_name, principal, org_id, sealed FROM audit_log"

namespace skerry::storage::sql {

// Each decodes the current row of a query started with the matching SELECT; kCorrupt when a
// stored value does not fit the model (an enum out of range, a negative counter).
Result<model::OrganizationRecord> OrganizationFromRow(Query& q);
Result<model::MailboxRecord> MailboxFromRow(Query& q);
Result<FolderRow> FolderFromRow(Query& q);
Result<ItemRow> ItemFromRow(Query& q);
Result<model::ChangeRecord> ChangeFromRow(Query& q, const std::string& mailbox_id);
Result<ChangeLogHead> LogHeadFromRow(Query& q);
Result<model::DirectoryObject> DirectoryObjectFromRow(Query& q);
Result<model::DirectoryIndexEntry> IndexEntryFromRow(Query& q);
Result<model::AuditRecord> AuditFromRow(Query& q);

}  // namespace skerry::storage::sql
