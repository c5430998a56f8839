#include "storage/sql/sql_write_txn.h"

#include <fmt/format.h>

#include <limits>

#include "storage/metadata_rules.h"
#include "storage/sql/counters.h"
#include "storage/sql/query.h"
#include "storage/sql/sql_rows.h"

namespace skerry::storage::sql {

using model::ChangeKind;

Status SqlWriteTxn::PutOrganization(const model::OrganizationRecord& org) {
  SKERRY_TRY(RequireId(org.id, "organization"));
  // Portable upsert (SQLite ≥ 3.24, PostgreSQL ≥ 9.5). A clash on alias_index is a unique
  // violation the driver reports as kAlreadyExists.
  auto q = SKERRY_TRY(Query::Prepare(
      conn_,
      "INSERT INTO organizations (id, state, key_provider, key_id, wrapped_directory_key,"
      " sealed_attributes, alias_index, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (id) DO UPDATE SET state = excluded.state,"
      " key_provider = excluded.key_provider, key_id = excluded.key_id,"
      " wrapped_directory_key = excluded.wrapped_directory_key,"
      " sealed_attributes = excluded.sealed_attributes, alias_index = excluded.alias_index,"
      " created_at = excluded.created_at"));
  SKERRY_TRY(q.Bind(org.id, org.state, org.key.provider, org.key.key_id, org.wrapped_directory_key,
                    org.sealed_attributes, NullIfEmpty{org.alias_index}, org.created_at)
                 .Run());
  return Ok();
}

Status SqlWriteTxn::CreateMailbox(const model::MailboxRecord& mailbox) {
  SKERRY_TRY(RequireId(mailbox.id, "mailbox"));
  SKERRY_TRY(ExpectRow("organizations", mailbox.org_id, "organization"));
  auto q = SKERRY_TRY(Query::Prepare(
      conn_,
      "INSERT INTO mailboxes (id, org_id, state, wrapped_key, highest_modseq, created_at)"
      " VALUES (?, ?, ?, ?, ?, ?)"));
  SKERRY_TRY(q.Bind(mailbox.id, mailbox.org_id, mailbox.state, mailbox.wrapped_key,
                    mailbox.highest_modseq, mailbox.created_at)
                 .Run());
  return Ok();
}

Status SqlWriteTxn::DestroyMailboxKey(const std::string& mailbox_id) {
  auto q = SKERRY_TRY(
      Query::Prepare(conn_, "UPDATE mailboxes SET wrapped_key = ?, state = ? WHERE id = ?"));
  auto changed = SKERRY_TRY(q.Bind(Bytes{}, model::MailboxState::kDestroyed, mailbox_id).Run());
  if (changed == 0) return MakeError(ErrorCode::kNotFound, "mailbox " + mailbox_id);
  return Ok();
}

Result<std::uint64_t> SqlWriteTxn::CreateFolder(model::FolderRecord& folder) {
  SKERRY_TRY(RequireId(folder.id, "folder"));
  if (folder.uid_next == 0) folder.uid_next = 1;  // UIDs start at 1 (RFC 9051 §2.3.1.1)
  auto log = SKERRY_TRY(LogHead(folder.mailbox_id));
  if (SKERRY_TRY(Exists("folders", folder.id))) {
    return MakeError(ErrorCode::kAlreadyExists, "folder " + folder.id);
  }
  SKERRY_TRY(CheckParent(folder));
  SKERRY_TRY(RequireLive(log));
  auto modseq =
      SKERRY_TRY(LogChange(log, ChangeKind::kFolderCreated, folder.id, folder.id));
  auto q = SKERRY_TRY(Query::Prepare(
      conn_,
      "INSERT INTO folders (id, mailbox_no, parent_id, sealed_name, item_class, uid_validity,"
      " uid_next, modseq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  SKERRY_TRY(q.Bind(folder.id, log.mailbox_no, folder.parent_id, folder.sealed_name,
                    folder.item_class, folder.uid_validity, folder.uid_next, modseq)
                 .Run());
  folder.modseq = modseq;
  return modseq;
}

Result<std::uint64_t> SqlWriteTxn::UpdateFolder(model::FolderRecord& folder) {
  auto row = SKERRY_TRY(FolderById(folder.id));
  auto& stored = row.record;
  stored.sealed_name = folder.sealed_name;
  stored.parent_id = folder.parent_id;
  SKERRY_TRY(CheckParent(stored));
  auto modseq =
      SKERRY_TRY(LogChange(row.log, ChangeKind::kFolderUpdated, stored.id, stored.id));
  auto q = SKERRY_TRY(Query::Prepare(
      conn_, "UPDATE folders SET sealed_name = ?, parent_id = ?, modseq = ? WHERE no = ?"));
  SKERRY_TRY(q.Bind(stored.sealed_name, stored.parent_id, modseq, row.no).Run());
  stored.modseq = modseq;
  folder = std::move(stored);  // the caller sees the stored record, not just its own fields
  return modseq;
}

Result<std::uint64_t> SqlWriteTxn::DeleteFolder(const std::string& folder_id) {
  auto folder = SKERRY_TRY(FolderById(folder_id));
  auto items = SKERRY_TRY(Query::Prepare(
      conn_,
      "SELECT 1 FROM folder_items WHERE folder_no = ?"
      " UNION ALL SELECT 1 FROM" SKERRY_SQL_LIVE_FOLDER_ITEM_TAIL " WHERE x.folder_no = ? LIMIT 1"));
  if (SKERRY_TRY(items.Bind(folder.no, folder.no).Step())) {
    return MakeError(ErrorCode::kFailedPrecondition, "folder " + folder_id + " still holds items");
  }
  auto children =
      SKERRY_TRY(Query::Prepare(conn_, "SELECT 1 FROM folders WHERE parent_id = ? LIMIT 1"));
  if (SKERRY_TRY(children.Bind(folder_id).Step())) {
    return MakeError(ErrorCode::kFailedPrecondition, "folder " + folder_id + " has subfolders");
  }
  auto modseq =
      SKERRY_TRY(LogChange(folder.log, ChangeKind::kFolderDeleted, folder_id, folder_id));
  auto q = SKERRY_TRY(Query::Prepare(conn_, "DELETE FROM folders WHERE no = ?"));
  SKERRY_TRY(q.Bind(folder.no).Run());
  return modseq;
}

// Seven statements, the writer's hottest path: the folder read brings the mailbox's log head, and
// the insert itself refuses a duplicate id (ON CONFLICT DO NOTHING, so nothing is written and a
// PostgreSQL transaction is not aborted) before anything else is written.
Result<std::uint64_t> SqlWriteTxn::AppendItem(model::ItemRecord& item) {
  SKERRY_TRY(RequireId(item.id, "item"));
  SKERRY_TRY(RequireId(item.blob_id, "blob"));
  auto folder = SKERRY_TRY(FolderById(item.folder_id));
  if (item.mailbox_id.empty()) item.mailbox_id = folder.log.mailbox_id;
  if (item.mailbox_id != folder.log.mailbox_id) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "item's mailbox differs from folder " + item.folder_id + "'s");
  }
  SKERRY_TRY(RequireUidAvailable(folder.record));
  SKERRY_TRY(RequireLive(folder.log));
  const auto uid = folder.record.uid_next;
  const auto modseq = folder.log.highest_modseq + 1;
  auto q = SKERRY_TRY(Query::Prepare(
      conn_,
      "INSERT INTO items (id, folder_no, uid, blob_id, wrapped_data_key, sealed_meta, size,"
      " flags, internal_date, modseq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (id) DO NOTHING"));
  if (SKERRY_TRY(q.Bind(item.id, folder.no, uid, item.blob_id, item.wrapped_data_key,
                        item.sealed_meta, item.size, item.flags, item.internal_date, modseq)
                     .Run()) == 0) {
    return MakeError(ErrorCode::kAlreadyExists, "item " + item.id);
  }
  SKERRY_TRY(AddToFolder(folder.no, uid, item.id));
  SKERRY_TRY(LogChange(folder.log, ChangeKind::kItemCreated, item.id, item.folder_id));
  SKERRY_TRY(TakeUid(folder));
  SKERRY_TRY(AddBlobRef(item.blob_id));
  item.uid = uid;
  item.modseq = modseq;
  return modseq;
}

Result<std::uint64_t> SqlWriteTxn::SetItemFlags(const std::string& item_id, std::uint32_t flags) {
  auto item = SKERRY_TRY(ItemById(item_id));
  auto modseq = SKERRY_TRY(
      LogChange(item.log, ChangeKind::kItemUpdated, item_id, item.record.folder_id));
  auto q = SKERRY_TRY(Query::Prepare(conn_, "UPDATE items SET flags = ?, modseq = ? WHERE id = ?"));
  SKERRY_TRY(q.Bind(flags, modseq, item_id).Run());
  return modseq;
}

// A move appends two entries: the item leaves the source folder (kItemDeleted there) and enters
// the target (kItemCreated there), so per-folder views (IMAP VANISHED, EWS SyncFolderItems) see
// both sides; mailbox-wide views (JMAP) see one id deleted then created, i.e. updated.
Result<std::uint64_t> SqlWriteTxn::MoveItem(const std::string& item_id,
                                            const std::string& target_folder_id) {
  auto item = SKERRY_TRY(ItemById(item_id));
  auto target = SKERRY_TRY(FolderById(target_folder_id));
  if (target.log.mailbox_no != item.log.mailbox_no) {
    // Another mailbox means another mailbox key: a copy with a re-wrapped data key, not a move.
    return MakeError(ErrorCode::kInvalidArgument, "move across mailboxes");
  }
  SKERRY_TRY(RequireUidAvailable(target.record));
  SKERRY_TRY(LogChange(item.log, ChangeKind::kItemDeleted, item_id, item.record.folder_id));
  auto modseq =
      SKERRY_TRY(LogChange(item.log, ChangeKind::kItemCreated, item_id, target_folder_id));
  auto uid = SKERRY_TRY(TakeUid(target));
  auto q = SKERRY_TRY(
      Query::Prepare(conn_, "UPDATE items SET folder_no = ?, uid = ?, modseq = ? WHERE id = ?"));
  SKERRY_TRY(q.Bind(target.no, uid, modseq, item_id).Run());
  SKERRY_TRY(RemoveFromFolder(item.folder_no, item.record.uid));
  SKERRY_TRY(AddToFolder(target.no, uid, item_id));
  return modseq;
}

Result<std::uint64_t> SqlWriteTxn::DeleteItem(const std::string& item_id) {
  auto item = SKERRY_TRY(ItemById(item_id));
  auto modseq = SKERRY_TRY(
      LogChange(item.log, ChangeKind::kItemDeleted, item_id, item.record.folder_id));
  auto q = SKERRY_TRY(Query::Prepare(conn_, "DELETE FROM items WHERE id = ?"));
  SKERRY_TRY(q.Bind(item_id).Run());
  SKERRY_TRY(RemoveFromFolder(item.folder_no, item.record.uid));
  SKERRY_TRY(ReleaseBlobRef(item.record.blob_id));
  return modseq;
}

Status SqlWriteTxn::ForgetBlob(const std::string& blob_id) {
  auto q = SKERRY_TRY(Query::Prepare(conn_, "DELETE FROM blobs WHERE id = ? AND refcount = 0"));
  if (SKERRY_TRY(q.Bind(blob_id).Run()) > 0) return Ok();
  // Nothing deleted: either unknown (fine, idempotent) or referenced again since it was listed.
  if (SKERRY_TRY(BlobRefCount(blob_id)) > 0) {
    return MakeError(ErrorCode::kFailedPrecondition, "blob " + blob_id + " is referenced");
  }
  return Ok();
}

// ---- directory ----

Status SqlWriteTxn::PutObject(model::DirectoryObject& object, std::uint64_t expected_version) {
  SKERRY_TRY(RequireId(object.kind, "directory object kind"));
  SKERRY_TRY(RequireId(object.id, "directory object"));
  // Either statement compares and advances the version in one step, so nothing is written when
  // the call is refused. With an expected version the row must exist at exactly that version;
  // without one it is an upsert.
  auto q = SKERRY_TRY(
      expected_version == 0
          ? Query::Prepare(conn_,
                           "INSERT INTO directory_objects (org_id, kind, id, sealed, version,"
                           " updated_at) VALUES (?, ?, ?, ?, 1, ?)"
                           " ON CONFLICT (org_id, kind, id) DO UPDATE SET sealed = excluded.sealed,"
                           " version = directory_objects.version + 1,"
                           " updated_at = excluded.updated_at RETURNING version")
          : Query::Prepare(conn_,
                           "UPDATE directory_objects SET sealed = ?, version = version + 1,"
                           " updated_at = ? WHERE org_id = ? AND kind = ? AND id = ?"
                           " AND version = ? RETURNING version"));
  if (expected_version == 0) {
    q.Bind(object.org_id, object.kind, object.id, object.sealed, object.updated_at);
  } else {
    q.Bind(object.sealed, object.updated_at, object.org_id, object.kind, object.id,
           expected_version);
  }
  if (!SKERRY_TRY(q.Step())) {
    auto stored = GetObject(object.org_id, object.kind, object.id);
    return MakeError(ErrorCode::kFailedPrecondition,
                     fmt::format("{} {} is at version {}, not {}", object.kind, object.id,
                                 stored ? stored->version : 0, expected_version));
  }
  auto version = q.U64(0);
  SKERRY_TRY(q.CheckDecoded());
  SKERRY_TRY(q.Run());
  object.version = version;
  return Ok();
}

Status SqlWriteTxn::DeleteObject(const std::string& org_id, const std::string& kind,
                                 const std::string& id) {
  auto q = SKERRY_TRY(Query::Prepare(
      conn_, "DELETE FROM directory_objects WHERE org_id = ? AND kind = ? AND id = ?"));
  if (SKERRY_TRY(q.Bind(org_id, kind, id).Run()) == 0) {
    return MakeError(ErrorCode::kNotFound, fmt::format("{} {}", kind, id));
  }
  auto claims = SKERRY_TRY(
      Query::Prepare(conn_, "DELETE FROM directory_index WHERE org_id = ? AND object_id = ?"));
  SKERRY_TRY(claims.Bind(org_id, id).Run());
  return Ok();
}

Status SqlWriteTxn::ClaimIndex(const model::DirectoryIndexEntry& entry) {
  SKERRY_TRY(RequireIndexEntry(entry));
  // DO NOTHING rather than a failing INSERT: a unique violation would abort the whole
  // transaction on PostgreSQL, and the claim's outcome is decided by who holds the key.
  auto q = SKERRY_TRY(Query::Prepare(
      conn_,
      "INSERT INTO directory_index (org_id, index_name, key, object_id) VALUES (?, ?, ?, ?)"
      " ON CONFLICT (org_id, index_name, key) DO NOTHING"));
  if (SKERRY_TRY(q.Bind(entry.org_id, entry.index, entry.key, entry.object_id).Run()) > 0) {
    return Ok();
  }
  auto holder = SKERRY_TRY(LookupIndex(entry.org_id, entry.index, entry.key));
  if (holder == entry.object_id) return Ok();  // already ours: idempotent
  return MakeError(ErrorCode::kAlreadyExists,
                   fmt::format("{} key is held by another object", entry.index));
}

Status SqlWriteTxn::ReleaseIndex(const std::string& org_id, const std::string& index,
                                 const Bytes& key, const std::string& object_id) {
  auto q = SKERRY_TRY(
      Query::Prepare(conn_,
                     "DELETE FROM directory_index WHERE org_id = ? AND index_name = ? AND key = ?"
                     " AND object_id = ?"));
  SKERRY_TRY(q.Bind(org_id, index, key, object_id).Run());
  return Ok();
}

Status SqlWriteTxn::DeleteOrganizationObjects(const std::string& org_id) {
  SKERRY_TRY(RequireId(org_id, "organization"));
  auto claims = SKERRY_TRY(Query::Prepare(conn_, "DELETE FROM directory_index WHERE org_id = ?"));
  SKERRY_TRY(claims.Bind(org_id).Run());
  auto objects =
      SKERRY_TRY(Query::Prepare(conn_, "DELETE FROM directory_objects WHERE org_id = ?"));
  SKERRY_TRY(objects.Bind(org_id).Run());
  return Ok();
}

Status SqlWriteTxn::AppendAudit(model::AuditRecord& record) {
  SKERRY_TRY(RequireId(record.event_name, "audit event name"));
  auto next = SKERRY_TRY(TakeNextValue(conn_, "audit_seq"));
  auto q = SKERRY_TRY(
      Query::Prepare(conn_,
                     "INSERT INTO audit_log (seq, time_ms, event_name, principal, org_id, sealed)"
                     " VALUES (?, ?, ?, ?, ?, ?)"));
  SKERRY_TRY(q.Bind(next, record.time_ms, record.event_name, record.principal, record.org_id,
                    record.sealed)
                 .Run());
  record.seq = next;
  return Ok();
}

// ---- helpers ----

Status SqlWriteTxn::RequireLive(const ChangeLogHead& log) {
  if (log.state != model::MailboxState::kActive) {
    return MakeError(ErrorCode::kKeyDestroyed, "mailbox " + log.mailbox_id + " was destroyed");
  }
  return Ok();
}

Result<std::uint64_t> SqlWriteTxn::LogChange(ChangeLogHead& log, ChangeKind kind,
                                             const std::string& object_id,
                                             const std::string& folder_id) {
  // Sets the value read rather than adding one in SQL: no read of the row after the write
  // (UPDATE ... RETURNING would make SQLite copy the page into a statement journal). The
  // condition on the old value makes a head read before another write to it fail loudly.
  const auto modseq = log.highest_modseq + 1;
  auto bump = SKERRY_TRY(Query::Prepare(
      conn_, "UPDATE mailboxes SET highest_modseq = ? WHERE no = ? AND highest_modseq = ?"));
  if (SKERRY_TRY(bump.Bind(modseq, log.mailbox_no, log.highest_modseq).Run()) != 1) {
    return MakeError(ErrorCode::kInternal,
                     "mailbox " + log.mailbox_id + ": change log moved during the write");
  }
  auto q = SKERRY_TRY(
      Query::Prepare(conn_,
                     "INSERT INTO change_tail (mailbox_no, modseq, kind, object_id, folder_id)"
                     " VALUES (?, ?, ?, ?, ?)"));
  SKERRY_TRY(q.Bind(log.mailbox_no, modseq, kind, object_id, folder_id).Run());
  log.highest_modseq = modseq;
  return modseq;
}

// The position goes to the tail (tails.h); the fold moves it to folder_items.
Status SqlWriteTxn::AddToFolder(std::int64_t folder_no, std::uint32_t uid, const std::string& item_id) {
  auto q = SKERRY_TRY(Query::Prepare(
      conn_, "INSERT INTO folder_item_tail (folder_no, uid, item_id) VALUES (?, ?, ?)"));
  SKERRY_TRY(q.Bind(folder_no, uid, item_id).Run());
  return Ok();
}

// Only a folded position is deleted: one still in the tail dies with the item's move or delete,
// since readers and the fold keep tail rows that items still agrees with (tails.h).
Status SqlWriteTxn::RemoveFromFolder(std::int64_t folder_no, std::uint32_t uid) {
  auto q = SKERRY_TRY(
      Query::Prepare(conn_, "DELETE FROM folder_items WHERE folder_no = ? AND uid = ?"));
  SKERRY_TRY(q.Bind(folder_no, uid).Run());
  return Ok();
}

Result<std::uint32_t> SqlWriteTxn::TakeUid(const FolderRow& folder) {
  SKERRY_TRY(RequireUidAvailable(folder.record));
  auto q = SKERRY_TRY(Query::Prepare(conn_, "UPDATE folders SET uid_next = ? WHERE no = ?"));
  if (SKERRY_TRY(q.Bind(folder.record.uid_next + 1, folder.no).Run()) != 1) {
    return MakeError(ErrorCode::kNotFound, "folder " + folder.record.id);
  }
  return folder.record.uid_next;
}

Status SqlWriteTxn::CheckParent(const model::FolderRecord& folder) {
  std::string parent = folder.parent_id;
  for (int depth = 0; !parent.empty(); ++depth) {
    if (parent == folder.id) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "folder " + folder.id + " would be its own ancestor");
    }
    if (depth == kMaxFolderDepth) {
      return MakeError(ErrorCode::kInvalidArgument, "folder tree too deep");
    }
    auto p = SKERRY_TRY(GetFolder(parent));
    if (p.mailbox_id != folder.mailbox_id) {
      return MakeError(ErrorCode::kInvalidArgument, "parent folder is in another mailbox");
    }
    parent = p.parent_id;
  }
  return Ok();
}

Status SqlWriteTxn::AddBlobRef(const std::string& blob_id) {
  auto q =
      SKERRY_TRY(Query::Prepare(conn_,
                                "INSERT INTO blobs (id, refcount) VALUES (?, 1)"
                                " ON CONFLICT (id) DO UPDATE SET refcount = blobs.refcount + 1"));
  SKERRY_TRY(q.Bind(blob_id).Run());
  return Ok();
}

Status SqlWriteTxn::ReleaseBlobRef(const std::string& blob_id) {
  auto q = SKERRY_TRY(Query::Prepare(
      conn_, "UPDATE blobs SET refcount = refcount - 1 WHERE id = ? AND refcount > 0"));
  SKERRY_TRY(q.Bind(blob_id).Run());
  return Ok();
}

}  // namespace skerry::storage::sql
