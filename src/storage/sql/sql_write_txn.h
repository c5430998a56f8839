#pragma once
// SqlWriteTxn: the WriteTxn of the SQL metadata store, written once against the driver with
// portable SQL. It runs inside a transaction (and maybe a savepoint of a group commit) that the
// runner opened; every method is a few statements on that connection and never commits itself.
//
// Invariants it keeps (DESIGN §2):
//   - modseq: per mailbox, strictly increasing, stored in mailboxes.highest_modseq and advanced
//     in the same transaction as the change-log row that carries it;
//   - uid: per folder, taken from folders.uid_next, which only grows;
//   - blob reference counts move with the items that name the blob;
//   - directory object versions: 1 on insert, +1 per replace, compared and advanced in the same
//     statement so that an optimistic writer never overwrites a version it did not read;
//   - audit seq: from counters.audit_seq, advanced in the same transaction as the record, so
//     committed records are numbered in commit order (a reader paging by seq misses none).
// Each method checks everything that can be refused (duplicates, missing rows, a destroyed key,
// exhausted UIDs) before its first write, so a refused call leaves nothing behind even when the
// closure carries on after it.

#include <cstdint>
#include <string>

#include "storage/metadata_store.h"
#include "storage/sql/sql_reads.h"

namespace skerry::storage::sql {

class SqlWriteTxn final : public SqlReads<WriteTxn> {
 public:
  explicit SqlWriteTxn(Connection& conn) : SqlReads<WriteTxn>(conn) {}

  Status PutOrganization(const model::OrganizationRecord& org) override;
  Status CreateMailbox(const model::MailboxRecord& mailbox) override;
  Status DestroyMailboxKey(const std::string& mailbox_id) override;

  Result<std::uint64_t> CreateFolder(model::FolderRecord& folder) override;
  Result<std::uint64_t> UpdateFolder(model::FolderRecord& folder) override;
  Result<std::uint64_t> DeleteFolder(const std::string& folder_id) override;

  Result<std::uint64_t> AppendItem(model::ItemRecord& item) override;
  Result<std::uint64_t> SetItemFlags(const std::string& item_id, std::uint32_t flags) override;
  Result<std::uint64_t> MoveItem(const std::string& item_id,
                                 const std::string& target_folder_id) override;
  Result<std::uint64_t> DeleteItem(const std::string& item_id) override;

  Status ForgetBlob(const std::string& blob_id) override;

  Status PutObject(model::DirectoryObject& object, std::uint64_t expected_version) override;
  Status DeleteObject(const std::string& org_id, const std::string& kind,
                      const std::string& id) override;
  Status ClaimIndex(const model::DirectoryIndexEntry& entry) override;
  Status ReleaseIndex(const std::string& org_id, const std::string& index, const Bytes& key,
                      const std::string& object_id) override;
  Status DeleteOrganizationObjects(const std::string& org_id) override;

  Status AppendAudit(model::AuditRecord& record) override;

 private:
  // kKeyDestroyed once the mailbox was crypto-shredded: new data could never be read back.
  Status RequireLive(const ChangeLogHead& log);
  // Appends to the mailbox's change log at the next modseq after `log`'s, which it advances
  // (a second call continues from there); returns that modseq.
  Result<std::uint64_t> LogChange(ChangeLogHead& log, model::ChangeKind kind,
                                  const std::string& object_id, const std::string& folder_id);
  // `folder` as read in this transaction: returns its uid_next and advances it.
  Result<std::uint32_t> TakeUid(const FolderRow& folder);
  // An item's position in its folder's UID order (folder_items and its tail, tails.h).
  Status AddToFolder(std::int64_t folder_no, std::uint32_t uid, const std::string& item_id);
  Status RemoveFromFolder(std::int64_t folder_no, std::uint32_t uid);
  // The parent must exist in the same mailbox and must not be the folder or its descendant.
  Status CheckParent(const model::FolderRecord& folder);
  Status AddBlobRef(const std::string& blob_id);
  Status ReleaseBlobRef(const std::string& blob_id);
};

}  // namespace skerry::storage::sql
