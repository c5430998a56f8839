#pragma once
// MetadataStore: transactions over the item store's aggregates and each mailbox's change log
// (DESIGN §2, §4). Implementations: sql/ (SQLite driver, later PostgreSQL) and memory/ (tests).
//
// Writes are closures run inside one transaction. An implementation may batch closures from many
// callers into one physical commit (group commit); each closure still commits or rolls back on
// its own (a closure returning an error leaves no trace), and Write() returns only once the
// closure's effects are durable. A write closure may run more than once, each earlier run undone:
// only its last run's writes and status count, so it sets what it reports to its caller and never
// adds to it (clear a captured vector before filling it). The memory fake runs every closure
// twice to catch one that is not. Reads see a consistent snapshot.
//
// Thread-safety: every method may be called from any thread concurrently.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "model/directory_records.h"
#include "model/mailbox_records.h"

namespace skerry::storage {

// Read operations, available inside read and write transactions.
class ReadTxn {
 public:
  virtual ~ReadTxn() = default;

  virtual Result<model::OrganizationRecord> GetOrganization(const std::string& org_id) = 0;
  virtual Result<std::optional<std::string>> FindOrganizationByAlias(const Bytes& alias_index) = 0;
  virtual Result<std::vector<model::OrganizationRecord>> ListOrganizations() = 0;

  virtual Result<model::MailboxRecord> GetMailbox(const std::string& mailbox_id) = 0;
  virtual Result<std::vector<model::MailboxRecord>> ListMailboxes(const std::string& org_id) = 0;

  virtual Result<model::FolderRecord> GetFolder(const std::string& folder_id) = 0;
  virtual Result<std::vector<model::FolderRecord>> ListFolders(const std::string& mailbox_id) = 0;

  virtual Result<model::ItemRecord> GetItem(const std::string& item_id) = 0;
  // Items of a folder in ascending UID order, UIDs > after_uid, at most `limit`.
  virtual Result<std::vector<model::ItemRecord>> ListItems(const std::string& folder_id,
                                                          std::uint32_t after_uid,
                                                          std::size_t limit) = 0;

  // Change-log entries with modseq > since, ascending, at most `limit`.
  virtual Result<std::vector<model::ChangeRecord>> ChangesSince(const std::string& mailbox_id,
                                                               std::uint64_t since,
                                                               std::size_t limit) = 0;

  // Current reference count of a blob (0 when unknown).
  virtual Result<std::uint64_t> BlobRefCount(const std::string& blob_id) = 0;
  // Blobs whose count dropped to zero, for the blob garbage collector.
  virtual Result<std::vector<std::string>> ListUnreferencedBlobs(std::size_t limit) = 0;

  // --- directory -------------------------------------------------------------------------
  // (org_id, kind, id) names one object; org_id "" is the server-wide directory, independent of
  // every organization's. kNotFound if absent.
  virtual Result<model::DirectoryObject> GetObject(const std::string& org_id, const std::string& kind,
                                                   const std::string& id) = 0;
  // Objects of one kind in ascending id order, ids > after_id, at most `limit`.
  virtual Result<std::vector<model::DirectoryObject>> ListObjects(const std::string& org_id,
                                                                 const std::string& kind,
                                                                 const std::string& after_id,
                                                                 std::size_t limit) = 0;
  // The object id holding `key` in `index`, if any.
  virtual Result<std::optional<std::string>> LookupIndex(const std::string& org_id,
                                                         const std::string& index,
                                                         const Bytes& key) = 0;
  // Every index entry naming `object_id` (to release them all when the object goes), ordered
  // by (index, key).
  virtual Result<std::vector<model::DirectoryIndexEntry>> ListIndexEntries(
      const std::string& org_id, const std::string& object_id) = 0;

  // --- audit trail -----------------------------------------------------------------------
  // Records with from_ms <= time_ms < to_ms and seq > after_seq, ascending seq, optionally
  // only one event name and/or principal (empty = any), at most `limit`.
  virtual Result<std::vector<model::AuditRecord>> ListAudit(std::int64_t from_ms, std::int64_t to_ms,
                                                           const std::string& event_name,
                                                           const std::string& principal,
                                                           std::uint64_t after_seq,
                                                           std::size_t limit) = 0;
};

// Write operations. Every mutation of a folder or item appends to the mailbox's change log and
// assigns the new modseq (returned), so no caller can forget to.
class WriteTxn : public ReadTxn {
 public:
  virtual Status PutOrganization(const model::OrganizationRecord& org) = 0;  // insert or replace
  virtual Status CreateMailbox(const model::MailboxRecord& mailbox) = 0;     // kAlreadyExists on dup
  // Crypto-shredding: clears the wrapped key and marks the mailbox destroyed.
  virtual Status DestroyMailboxKey(const std::string& mailbox_id) = 0;

  // Assigns folder.modseq; returns it. kAlreadyExists on a duplicate id.
  virtual Result<std::uint64_t> CreateFolder(model::FolderRecord& folder) = 0;
  virtual Result<std::uint64_t> UpdateFolder(model::FolderRecord& folder) = 0;  // name/parent
  // Fails with kFailedPrecondition while the folder still holds items.
  virtual Result<std::uint64_t> DeleteFolder(const std::string& folder_id) = 0;

  // Assigns item.uid (the folder's uid_next, which advances) and item.modseq; also takes one
  // reference on item.blob_id (creating the blob row with count 1 if new).
  virtual Result<std::uint64_t> AppendItem(model::ItemRecord& item) = 0;
  virtual Result<std::uint64_t> SetItemFlags(const std::string& item_id, std::uint32_t flags) = 0;
  // Moves keep the item id; the item gets a new UID in the target folder.
  virtual Result<std::uint64_t> MoveItem(const std::string& item_id,
                                         const std::string& target_folder_id) = 0;
  // Removes the item and releases its blob reference.
  virtual Result<std::uint64_t> DeleteItem(const std::string& item_id) = 0;

  virtual Status ForgetBlob(const std::string& blob_id) = 0;  // after the GC deleted the file

  // --- directory -------------------------------------------------------------------------
  // Inserts (version 1) or replaces (version + 1) the object; sets object.version.
  // `expected_version` 0 = any; otherwise kFailedPrecondition unless it matches (optimistic
  // concurrency for read-modify-write outside one transaction) — also when the object is absent.
  // kInvalidArgument for an empty kind or id.
  virtual Status PutObject(model::DirectoryObject& object, std::uint64_t expected_version = 0) = 0;
  // Removes the object and every index entry naming it. kNotFound if absent.
  // Index entries carry no kind, so object ids must be unique within an organization across
  // kinds (they are random ids); otherwise this would also release the namesake's claims.
  virtual Status DeleteObject(const std::string& org_id, const std::string& kind,
                              const std::string& id) = 0;
  // Claims `entry.key` in its index for entry.object_id: idempotent for the same object,
  // kAlreadyExists when another object holds it. kInvalidArgument for an empty index, key or
  // object id. The object need not exist yet (claim first, then put, in one closure).
  virtual Status ClaimIndex(const model::DirectoryIndexEntry& entry) = 0;
  // Releases a claim if `object_id` holds it; no-op otherwise.
  virtual Status ReleaseIndex(const std::string& org_id, const std::string& index, const Bytes& key,
                              const std::string& object_id) = 0;
  // Removes every object and index entry of an organization (organization deletion). The audit
  // trail is kept. kInvalidArgument for org_id "": the server-wide directory is not an
  // organization and is never dropped wholesale.
  virtual Status DeleteOrganizationObjects(const std::string& org_id) = 0;

  // --- audit trail -----------------------------------------------------------------------
  // Assigns record.seq (1, 2, 3, ... in commit order, so paging by after_seq misses nothing
  // committed later). The trail is append-only: there is no update or delete.
  // kInvalidArgument for an empty event_name.
  virtual Status AppendAudit(model::AuditRecord& record) = 0;
};

class MetadataStore {
 public:
  using WriteFn = std::function<Status(WriteTxn&)>;
  using ReadFn = std::function<Status(ReadTxn&)>;
  using DoneFn = std::function<void(Status)>;

  virtual ~MetadataStore() = default;

  // Runs `fn` in a write transaction; returns once committed durably (or failed). `fn` may run
  // more than once (see the top of this file).
  virtual Status Write(WriteFn fn) = 0;
  // Asynchronous form: `done` runs on a store thread after the durable commit. Never blocks.
  virtual void SubmitWrite(WriteFn fn, DoneFn done) = 0;
  // Runs `fn` against a consistent snapshot.
  virtual Status Read(ReadFn fn) = 0;
};

}  // namespace skerry::storage
