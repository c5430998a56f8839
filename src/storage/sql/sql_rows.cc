#include "storage/sql/sql_rows.h"

namespace skerry::storage::sql {

using model::ChangeKind;
using model::ItemClass;
using model::MailboxState;
using model::OrganizationState;

namespace {

// Columns `first`..`first` + 2: mailbox no, state, highest modseq.
ChangeLogHead LogTail(Query& q, int first, std::string mailbox_id) {
  ChangeLogHead head;
  head.mailbox_no = q.Int(first);
  head.mailbox_id = std::move(mailbox_id);
  head.state = q.Enum(first + 1, MailboxState::kDestroyed);
  head.highest_modseq = q.U64(first + 2);
  return head;
}

}  // namespace

Result<ChangeLogHead> LogHeadFromRow(Query& q) {
  auto head = LogTail(q, 0, q.Text(3));
  SKERRY_TRY(q.CheckDecoded());
  return head;
}

Result<model::OrganizationRecord> OrganizationFromRow(Query& q) {
  model::OrganizationRecord r;
  r.id = q.Text(0);
  r.state = q.Enum(1, OrganizationState::kDeleted);
  r.key.provider = q.Text(2);
  r.key.key_id = q.Text(3);
  r.wrapped_directory_key = q.Blob(4);
  r.sealed_attributes = q.Blob(5);
  if (!q.IsNull(6)) r.alias_index = q.Blob(6);
  r.created_at = q.Int(7);
  SKERRY_TRY(q.CheckDecoded());
  return r;
}

Result<model::MailboxRecord> MailboxFromRow(Query& q) {
  model::MailboxRecord r;
  r.id = q.Text(0);
  r.org_id = q.Text(1);
  r.state = q.Enum(2, MailboxState::kDestroyed);
  r.wrapped_key = q.Blob(3);
  r.highest_modseq = q.U64(4);
  r.created_at = q.Int(5);
  SKERRY_TRY(q.CheckDecoded());
  return r;
}

Result<FolderRow> FolderFromRow(Query& q) {
  FolderRow row;
  auto& r = row.record;
  r.id = q.Text(0);
  r.mailbox_id = q.Text(1);
  r.parent_id = q.Text(2);
  r.sealed_name = q.Blob(3);
  r.item_class = q.Enum(4, ItemClass::kNotes);
  r.uid_validity = q.U32(5);
  r.uid_next = q.U32(6);
  r.modseq = q.U64(7);
  row.no = q.Int(8);
  row.log = LogTail(q, 9, r.mailbox_id);
  SKERRY_TRY(q.CheckDecoded());
  return row;
}

Result<ItemRow> ItemFromRow(Query& q) {
  ItemRow row;
  auto& r = row.record;
  r.id = q.Text(0);
  r.mailbox_id = q.Text(1);
  r.folder_id = q.Text(2);
  r.uid = q.U32(3);
  r.blob_id = q.Text(4);
  r.wrapped_data_key = q.Blob(5);
  r.sealed_meta = q.Blob(6);
  r.size = q.U64(7);
  r.flags = q.U32(8);
  r.internal_date = q.Int(9);
  r.modseq = q.U64(10);
  row.folder_no = q.Int(11);
  row.log = LogTail(q, 12, r.mailbox_id);
  SKERRY_TRY(q.CheckDecoded());
  return row;
}

Result<model::ChangeRecord> ChangeFromRow(Query& q, const std::string& mailbox_id) {
  model::ChangeRecord r;
  r.mailbox_id = mailbox_id;
  r.modseq = q.U64(0);
  r.kind = q.Enum(1, ChangeKind::kItemDeleted);
  r.object_id = q.Text(2);
  r.folder_id = q.Text(3);
  SKERRY_TRY(q.CheckDecoded());
  // ChangeKind starts at 1; 0 is as wrong as 7.
  if (static_cast<int>(r.kind) == 0) {
    return MakeError(ErrorCode::kCorrupt, "change log entry with kind 0");
  }
  return r;
}

Result<model::DirectoryObject> DirectoryObjectFromRow(Query& q) {
  model::DirectoryObject r;
  r.org_id = q.Text(0);
  r.kind = q.Text(1);
  r.id = q.Text(2);
  r.sealed = q.Blob(3);
  r.version = q.U64(4);
  r.updated_at = q.Int(5);
  SKERRY_TRY(q.CheckDecoded());
  return r;
}

Result<model::DirectoryIndexEntry> IndexEntryFromRow(Query& q) {
  model::DirectoryIndexEntry r;
  r.org_id = q.Text(0);
  r.index = q.Text(1);
  r.key = q.Blob(2);
  r.object_id = q.Text(3);
  return r;
}

Result<model::AuditRecord> AuditFromRow(Query& q) {
  model::AuditRecord r;
  r.seq = q.U64(0);
  r.time_ms = q.Int(1);
  r.event_name = q.Text(2);
  r.principal = q.Text(3);
  r.org_id = q.Text(4);
  r.sealed = q.Blob(5);
  SKERRY_TRY(q.CheckDecoded());
  return r;
}

}  // namespace skerry::storage::sql
