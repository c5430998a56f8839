#pragma once
// SqlReads: the ReadTxn half of the SQL metadata store, written once against the driver. It is a
// template over the interface it implements so that the same code serves read transactions
// (SqlReads<ReadTxn>) and is the base of write transactions (SqlWriteTxn derives from
// SqlReads<WriteTxn>), which see their own uncommitted writes. Both instantiations are explicit
// in sql_reads.cc.
//
// A transaction object borrows the connection for the length of one closure.

#include "storage/metadata_store.h"
#include "storage/sql/driver.h"
#include "storage/sql/keyed_rows.h"

namespace skerry::storage::sql {

template <typename Base>
class SqlReads : public Base {
 public:
  explicit SqlReads(Connection& conn) : conn_(conn) {}

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

 protected:
  // Whether a row with this id exists in `table` (a fixed identifier, never input).
  Result<bool> Exists(std::string_view table, const std::string& id);
  // kNotFound naming `what` unless the row exists.
  Status ExpectRow(std::string_view table, const std::string& id, std::string_view what);
  // A mailbox's integer key and change-log head; kNotFound naming the mailbox if there is none.
  Result<ChangeLogHead> LogHead(const std::string& mailbox_id);
  // A folder or item with its integer key and its mailbox's log head; kNotFound naming it if
  // absent.
  Result<FolderRow> FolderById(const std::string& folder_id);
  Result<ItemRow> ItemById(const std::string& item_id);

  Connection& conn_;
};

using SqlReadTxn = SqlReads<ReadTxn>;

}  // namespace skerry::storage::sql
