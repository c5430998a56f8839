#pragma once
// MemoryTxn: the ReadTxn/WriteTxn of the in-memory metadata store, with the semantics of the SQL
// store (the conformance suite holds both to the same tests). Writes apply to the state at once
// and record how to undo themselves; MemoryMetadataStore calls Undo() when the closure fails, so
// a failing closure leaves no trace, like a rolled-back savepoint.
//
// Borrows the state; the store holds its lock for the life of the transaction.

#include <functional>
#include <optional>
#include <vector>

#include "storage/memory/memory_state.h"
#include "storage/metadata_store.h"

namespace skerry::storage::memory {

class MemoryTxn final : public WriteTxn {
 public:
  explicit MemoryTxn(MemoryState& state) : state_(state) {}

  Result<model::OrganizationRecord> GetOrganization(const std::string& org_id) override;
  Result<std::optional<std::string>> FindOrganizationByAlias(const Bytes& alias_index) override;
  Result<std::vector<model::OrganizationRecord>> ListOrganizations() override;
  Result<model::MailboxRecord> GetMailbox(const std::string& mailbox_id) override;
  Result<std::vector<model::MailboxRecord>> ListMailboxes(const std::string& org_id) override;
  Result<model::FolderRecord> GetFolder(const std::string& folder_id) override;
  Result<std::vector<model::FolderRecord>> ListFolders(const std::string& mailbox_id) override;
  Result<model::ItemRecord> GetItem(const std::string& item_id) override;
  Result<std::vector<model::ItemRecord>> ListItems(const std::string& folder_id,
                                                   std::uint32_t after_uid,
                                                   std::size_t limit) override;
  Result<std::vector<model::ChangeRecord>> ChangesSince(const std::string& mailbox_id,
                                                        std::uint64_t since,
                                                        std::size_t limit) override;
  Result<std::uint64_t> BlobRefCount(const std::string& blob_id) override;
  Result<std::vector<std::string>> ListUnreferencedBlobs(std::size_t limit) override;

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

  // Directory and audit trail: memory_directory_txn.cc.
  Result<model::DirectoryObject> GetObject(const std::string& org_id, const std::string& kind,
                                           const std::string& id) override;
  Result<std::vector<model::DirectoryObject>> ListObjects(const std::string& org_id,
                                                          const std::string& kind,
                                                          const std::string& after_id,
                                                          std::size_t limit) override;
  Result<std::optional<std::string>> LookupIndex(const std::string& org_id,
                                                 const std::string& index,
                                                 const Bytes& key) override;
  Result<std::vector<model::DirectoryIndexEntry>> ListIndexEntries(
      const std::string& org_id, const std::string& object_id) override;
  Result<std::vector<model::AuditRecord>> ListAudit(std::int64_t from_ms, std::int64_t to_ms,
                                                    const std::string& event_name,
                                                    const std::string& principal,
                                                    std::uint64_t after_seq,
                                                    std::size_t limit) override;
  Status PutObject(model::DirectoryObject& object, std::uint64_t expected_version) override;
  Status DeleteObject(const std::string& org_id, const std::string& kind,
                      const std::string& id) override;
  Status ClaimIndex(const model::DirectoryIndexEntry& entry) override;
  Status ReleaseIndex(const std::string& org_id, const std::string& index, const Bytes& key,
                      const std::string& object_id) override;
  Status DeleteOrganizationObjects(const std::string& org_id) override;
  Status AppendAudit(model::AuditRecord& record) override;

  // Reverts every write of this transaction, newest first.
  void Undo();

 private:
  // Saves the current value (or absence) of map[key] so Undo() can restore it.
  template <typename Map>
  void Remember(Map& map, const typename Map::key_type& key) {
    std::optional<typename Map::mapped_type> old;
    if (auto it = map.find(key); it != map.end()) old = it->second;
    undo_.push_back([&map, key, old = std::move(old)] {
      if (old) {
        map.insert_or_assign(key, *old);
      } else {
        map.erase(key);
      }
    });
  }
  // Advances the mailbox's modseq and appends the change. kNotFound for an unknown mailbox; with
  // `creating`, kKeyDestroyed for a crypto-shredded one.
  Result<std::uint64_t> LogChange(const std::string& mailbox_id, model::ChangeKind kind,
                                  const std::string& object_id, const std::string& folder_id,
                                  bool creating = false);
  Status CheckParent(const model::FolderRecord& folder);

  MemoryState& state_;
  std::vector<std::function<void()>> undo_;
};

}  // namespace skerry::storage::memory
