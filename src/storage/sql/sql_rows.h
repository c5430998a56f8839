#pragma once
// Column lists and row decoders shared by the SQL metadata code. The SELECT prefixes are macros
// so that call sites can append clauses by literal concatenation: the resulting SQL text is a
// constant, which is what the driver's statement cache keys on. Include only from .cc files.

#include "base/error.h"
#include "model/directory_records.h"
#include "model/mailbox_records.h"
#include "storage/sql/query.h"

#define SKERRY_SQL_SELECT_ORGANIZATION                                                 \
  "SELECT id, state, key_provider, key_id, wrapped_directory_key, sealed_attributes, " \
  "alias_index, created_at FROM organizations"
#define SKERRY_SQL_SELECT_MAILBOX \
  "SELECT id, org_id, state, wrapped_key, highest_modseq, created_at FROM mailboxes"
#define SKERRY_SQL_SELECT_FOLDER                                                        \
  "SELECT id, mailbox_id, parent_id, sealed_name, item_class, uid_validity, uid_next, " \
  "modseq FROM folders"
#define SKERRY_SQL_SELECT_ITEM                                                            \
  "SELECT id, mailbox_id, folder_id, uid, blob_id, wrapped_data_key, sealed_meta, size, " \
  "flags, internal_date, modseq FROM items"
#define SKERRY_SQL_SELECT_CHANGE \
  "SELECT mailbox_id, modseq, kind, object_id, folder_id FROM changes"
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
Result<model::FolderRecord> FolderFromRow(Query& q);
Result<model::ItemRecord> ItemFromRow(Query& q);
Result<model::ChangeRecord> ChangeFromRow(Query& q);
Result<model::DirectoryObject> DirectoryObjectFromRow(Query& q);
Result<model::DirectoryIndexEntry> IndexEntryFromRow(Query& q);
Result<model::AuditRecord> AuditFromRow(Query& q);

}  // namespace skerry::storage::sql
