#include "storage/sql/change_tail.h"

#include "storage/sql/query.h"

namespace skerry::storage::sql {
namespace {

constexpr std::string_view kSavepoint = "skerry_fold";

// Rows only ever leave the tail all at once and SQLite assigns seq one past the largest, so the
// tail holds exactly max - min + 1 rows (an engine whose sequences skip values would overcount,
// which only folds sooner). Two one-row lookups at the B-tree's edges, where count(*) would read
// every page.
Result<std::size_t> TailRows(Connection& conn) {
  auto q = SKERRY_TRY(Query::Prepare(conn,
                                     "SELECT (SELECT max(seq) FROM change_tail) -"
                                     " (SELECT min(seq) FROM change_tail) + 1"));
  SKERRY_TRY(q.StepExpectRow("change_tail size"));
  if (q.IsNull(0)) return 0;
  auto rows = q.U64(0);
  SKERRY_TRY(q.CheckDecoded());
  return static_cast<std::size_t>(rows);
}

Status Fold(Connection& conn) {
  // In the tail's order: sorting first by (mailbox_no, modseq) measured no cheaper, and each
  // leaf of changes is written once per transaction either way.
  auto move = SKERRY_TRY(
      Query::Prepare(conn,
                     "INSERT INTO changes (mailbox_no, modseq, kind, object_id, folder_id)"
                     " SELECT mailbox_no, modseq, kind, object_id, folder_id FROM change_tail"));
  SKERRY_TRY(move.Run());
  auto clear = SKERRY_TRY(Query::Prepare(conn, "DELETE FROM change_tail"));
  SKERRY_TRY(clear.Run());
  return Ok();
}

}  // namespace

Result<std::size_t> FoldChangeTail(Connection& conn, std::size_t min_rows) {
  auto rows = SKERRY_TRY(TailRows(conn));
  if (rows == 0 || rows < min_rows) return 0;
  SKERRY_TRY(conn.Savepoint(kSavepoint));
  if (auto folded = Fold(conn); !folded) {
    if (conn.InTransaction()) {
      (void)conn.RollbackToSavepoint(kSavepoint);
      (void)conn.ReleaseSavepoint(kSavepoint);
    }
    return tl::unexpected(folded.error());
  }
  SKERRY_TRY(conn.ReleaseSavepoint(kSavepoint));
  return rows;
}

}  // namespace skerry::storage::sql
