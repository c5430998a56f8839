#include "storage/sql/sql_reads.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <utility>

#include "storage/sql/query.h"
#include "storage/sql/sql_rows.h"

namespace skerry::storage::sql {
namespace {

std::int64_t ClampLimit(std::uint64_t n) {
  return static_cast<std::int64_t>(
      std::min<std::uint64_t>(n, std::numeric_limits<std::int64_t>::max()));
}

// The one row `sql` (ending in "WHERE <key> = ?") selects for `id`, decoded by `from_row`;
// kNotFound naming "<what> <id>" when there is none.
template <typename FromRow>
auto OneRow(Connection& conn, std::string_view sql, const std::string& id, std::string_view what,
            FromRow from_row) -> decltype(from_row(std::declval<Query&>())) {
  auto q = SKERRY_TRY(Query::Prepare(conn, sql));
  SKERRY_TRY(q.Bind(id).StepExpectRow(fmt::format("{} {}", what, id)));
  return from_row(q);
}

}  // namespace

template <typename Base>
Result<bool> SqlReads<Base>::Exists(std::string_view table, const std::string& id) {
  auto q = SKERRY_TRY(Query::Prepare(conn_, fmt::format("SELECT 1 FROM {} WHERE id = ?", table)));
  return q.Bind(id).Step();
}

template <typename Base>
Status SqlReads<Base>::ExpectRow(std::string_view table, const std::string& id,
                                 std::string_view what) {
  if (!SKERRY_TRY(Exists(table, id))) {
    return MakeError(ErrorCode::kNotFound, fmt::format("{} {}", what, id));
  }
  return Ok();
}

template <typename Base>
Result<model::OrganizationRecord> SqlReads<Base>::GetOrganization(const std::string& org_id) {
  return OneRow(conn_, SKERRY_SQL_SELECT_ORGANIZATION " WHERE id = ?", org_id, "organization",
                OrganizationFromRow);
}

template <typename Base>
Result<std::optional<std::string>> SqlReads<Base>::FindOrganizationByAlias(
    const Bytes& alias_index) {
  if (alias_index.empty()) return std::nullopt;  // "no alias" is never a match
  auto q = SKERRY_TRY(Query::Prepare(conn_, "SELECT id FROM organizations WHERE alias_index = ?"));
  if (!SKERRY_TRY(q.Bind(alias_index).Step())) return std::nullopt;
  return q.Text(0);
}

template <typename Base>
Result<std::vector<model::OrganizationRecord>> SqlReads<Base>::ListOrganizations() {
  auto q = SKERRY_TRY(Query::Prepare(conn_, SKERRY_SQL_SELECT_ORGANIZATION " ORDER BY id"));
  std::vector<model::OrganizationRecord> out;
  while (SKERRY_TRY(q.Step())) out.push_back(SKERRY_TRY(OrganizationFromRow(q)));
  return out;
}

template <typename Base>
Result<model::MailboxRecord> SqlReads<Base>::GetMailbox(const std::string& mailbox_id) {
  return OneRow(conn_, SKERRY_SQL_SELECT_MAILBOX " WHERE id = ?", mailbox_id, "mailbox",
                MailboxFromRow);
}

template <typename Base>
Result<std::vector<model::MailboxRecord>> SqlReads<Base>::ListMailboxes(const std::string& org_id) {
  SKERRY_TRY(ExpectRow("organizations", org_id, "organization"));
  auto q =
      SKERRY_TRY(Query::Prepare(conn_, SKERRY_SQL_SELECT_MAILBOX " WHERE org_id = ? ORDER BY id"));
  q.Bind(org_id);
  std::vector<model::MailboxRecord> out;
  while (SKERRY_TRY(q.Step())) out.push_back(SKERRY_TRY(MailboxFromRow(q)));
  return out;
}

template <typename Base>
Result<ChangeLogHead> SqlReads<Base>::LogHead(const std::string& mailbox_id) {
  return OneRow(conn_, SKERRY_SQL_SELECT_LOG_HEAD " WHERE id = ?", mailbox_id, "mailbox",
                LogHeadFromRow);
}

template <typename Base>
Result<FolderRow> SqlReads<Base>::FolderById(const std::string& folder_id) {
  return OneRow(conn_, SKERRY_SQL_SELECT_FOLDER " WHERE f.id = ?", folder_id, "folder",
                FolderFromRow);
}

template <typename Base>
Result<ItemRow> SqlReads<Base>::ItemById(const std::string& item_id) {
  return OneRow(conn_, SKERRY_SQL_SELECT_ITEM " WHERE i.id = ?", item_id, "item", ItemFromRow);
}

template <typename Base>
Result<model::FolderRecord> SqlReads<Base>::GetFolder(const std::string& folder_id) {
  return SKERRY_TRY(FolderById(folder_id)).record;
}

template <typename Base>
Result<std::vector<model::FolderRecord>> SqlReads<Base>::ListFolders(
    const std::string& mailbox_id) {
  auto mailbox = SKERRY_TRY(LogHead(mailbox_id));
  auto q = SKERRY_TRY(
      Query::Prepare(conn_, SKERRY_SQL_SELECT_FOLDER " WHERE f.mailbox_no = ? ORDER BY f.id"));
  q.Bind(mailbox.mailbox_no);
  std::vector<model::FolderRecord> out;
  while (SKERRY_TRY(q.Step())) out.push_back(SKERRY_TRY(FolderFromRow(q)).record);
  return out;
}

template <typename Base>
Result<model::ItemRecord> SqlReads<Base>::GetItem(const std::string& item_id) {
  return SKERRY_TRY(ItemById(item_id)).record;
}

template <typename Base>
Result<std::vector<model::ItemRecord>> SqlReads<Base>::ListItems(const std::string& folder_id,
                                                                 std::uint32_t after_uid,
                                                                 std::size_t limit) {
  auto folder = SKERRY_TRY(FolderById(folder_id));
  auto q = SKERRY_TRY(Query::Prepare(conn_, SKERRY_SQL_SELECT_FOLDER_ITEMS));
  q.Bind(folder.no, after_uid, folder.no, after_uid, ClampLimit(limit));
  std::vector<model::ItemRecord> out;
  while (SKERRY_TRY(q.Step())) out.push_back(SKERRY_TRY(ItemFromRow(q)).record);
  return out;
}

template <typename Base>
Result<std::vector<model::ChangeRecord>> SqlReads<Base>::ChangesSince(const std::string& mailbox_id,
                                                                      std::uint64_t since,
                                                                      std::size_t limit) {
  auto mailbox = SKERRY_TRY(LogHead(mailbox_id));
  // A client that is up to date, the common poll, costs no scan of the log's tail.
  if (since >= mailbox.highest_modseq || limit == 0) return std::vector<model::ChangeRecord>{};
  auto q = SKERRY_TRY(Query::Prepare(conn_, SKERRY_SQL_SELECT_CHANGES_SINCE));
  q.Bind(mailbox.mailbox_no, ClampLimit(since), mailbox.mailbox_no, ClampLimit(since),
         ClampLimit(limit));
  std::vector<model::ChangeRecord> out;
  while (SKERRY_TRY(q.Step())) out.push_back(SKERRY_TRY(ChangeFromRow(q, mailbox.mailbox_id)));
  return out;
}

template <typename Base>
Result<std::uint64_t> SqlReads<Base>::BlobRefCount(const std::string& blob_id) {
  auto q = SKERRY_TRY(Query::Prepare(conn_, "SELECT refcount FROM blobs WHERE id = ?"));
  if (!SKERRY_TRY(q.Bind(blob_id).Step())) return 0;
  auto count = q.U64(0);
  SKERRY_TRY(q.CheckDecoded());
  return count;
}

template <typename Base>
Result<std::vector<std::string>> SqlReads<Base>::ListUnreferencedBlobs(std::size_t limit) {
  auto q = SKERRY_TRY(
      Query::Prepare(conn_, "SELECT id FROM blobs WHERE refcount = 0 ORDER BY id LIMIT ?"));
  q.Bind(ClampLimit(limit));
  std::vector<std::string> out;
  while (SKERRY_TRY(q.Step())) out.push_back(q.Text(0));
  return out;
}

template <typename Base>
Result<model::DirectoryObject> SqlReads<Base>::GetObject(const std::string& org_id,
                                                         const std::string& kind,
                                                         const std::string& id) {
  auto q = SKERRY_TRY(Query::Prepare(
      conn_, SKERRY_SQL_SELECT_DIRECTORY_OBJECT " WHERE org_id = ? AND kind = ? AND id = ?"));
  SKERRY_TRY(q.Bind(org_id, kind, id).StepExpectRow(fmt::format("{} {}", kind, id)));
  return DirectoryObjectFromRow(q);
}

template <typename Base>
Result<std::vector<model::DirectoryObject>> SqlReads<Base>::ListObjects(const std::string& org_id,
                                                                        const std::string& kind,
                                                                        const std::string& after_id,
                                                                        std::size_t limit) {
  auto q = SKERRY_TRY(Query::Prepare(conn_, SKERRY_SQL_SELECT_DIRECTORY_OBJECT
                                     " WHERE org_id = ? AND kind = ? AND id > ?"
                                     " ORDER BY id LIMIT ?"));
  q.Bind(org_id, kind, after_id, ClampLimit(limit));
  std::vector<model::DirectoryObject> out;
  while (SKERRY_TRY(q.Step())) out.push_back(SKERRY_TRY(DirectoryObjectFromRow(q)));
  return out;
}

template <typename Base>
Result<std::optional<std::string>> SqlReads<Base>::LookupIndex(const std::string& org_id,
                                                               const std::string& index,
                                                               const Bytes& key) {
  auto q = SKERRY_TRY(Query::Prepare(
      conn_,
      "SELECT object_id FROM directory_index WHERE org_id = ? AND index_name = ? AND key = ?"));
  if (!SKERRY_TRY(q.Bind(org_id, index, key).Step())) return std::nullopt;
  return q.Text(0);
}

template <typename Base>
Result<std::vector<model::DirectoryIndexEntry>> SqlReads<Base>::ListIndexEntries(
    const std::string& org_id, const std::string& object_id) {
  auto q = SKERRY_TRY(Query::Prepare(conn_, SKERRY_SQL_SELECT_INDEX_ENTRY
                                     " WHERE org_id = ? AND object_id = ?"
                                     " ORDER BY index_name, key"));
  q.Bind(org_id, object_id);
  std::vector<model::DirectoryIndexEntry> out;
  while (SKERRY_TRY(q.Step())) out.push_back(SKERRY_TRY(IndexEntryFromRow(q)));
  return out;
}

// One constant statement per combination of the optional filters, so each is prepared once and
// each can use its index (a "? = '' OR event_name = ?" clause would defeat it).
template <typename Base>
Result<std::vector<model::AuditRecord>> SqlReads<Base>::ListAudit(
    std::int64_t from_ms, std::int64_t to_ms, const std::string& event_name,
    const std::string& principal, std::uint64_t after_seq, std::size_t limit) {
#define SKERRY_SQL_AUDIT_WHERE \
  SKERRY_SQL_SELECT_AUDIT " WHERE time_ms >= ? AND time_ms < ? AND seq > ?"
  static constexpr std::string_view kSql[] = {
      SKERRY_SQL_AUDIT_WHERE " ORDER BY seq LIMIT ?",
      SKERRY_SQL_AUDIT_WHERE " AND event_name = ? ORDER BY seq LIMIT ?",
      SKERRY_SQL_AUDIT_WHERE " AND principal = ? ORDER BY seq LIMIT ?",
      SKERRY_SQL_AUDIT_WHERE " AND event_name = ? AND principal = ? ORDER BY seq LIMIT ?",
  };
#undef SKERRY_SQL_AUDIT_WHERE
  std::size_t variant = (event_name.empty() ? 0 : 1) + (principal.empty() ? 0 : 2);
  auto q = SKERRY_TRY(Query::Prepare(conn_, kSql[variant]));
  q.Bind(from_ms, to_ms, ClampLimit(after_seq));
  if (!event_name.empty()) q.Bind(event_name);
  if (!principal.empty()) q.Bind(principal);
  q.Bind(ClampLimit(limit));
  std::vector<model::AuditRecord> out;
  while (SKERRY_TRY(q.Step())) out.push_back(SKERRY_TRY(AuditFromRow(q)));
  return out;
}

template class SqlReads<ReadTxn>;
template class SqlReads<WriteTxn>;

}  // namespace skerry::storage::sql
