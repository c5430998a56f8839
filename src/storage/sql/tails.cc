#include "storage/sql/tails.h"

#include <array>
#include <string_view>

#include "storage/sql/query.h"
#include "storage/sql/sql_rows.h"

namespace skerry::storage::sql {
namespace {

constexpr std::string_view kSavepoint = "skerry_fold";

struct Tail {
  std::string_view size_sql;  // rows in the tail (see TailRows)
  std::string_view fold_sql;  // copies the tail's live rows into the ordered table
  std::string_view clear_sql;
};

// In the tail's order: sorting first measured no cheaper, and each leaf of the ordered table is
// written once per transaction either way.
constexpr std::array<Tail, 2> kTails{{
    {"SELECT (SELECT max(seq) FROM change_tail) - (SELECT min(seq) FROM change_tail) + 1",
     "INSERT INTO changes (mailbox_no, modseq, kind, object_id, folder_id)"
     " SELECT mailbox_no, modseq, kind, object_id, folder_id FROM change_tail",
     "DELETE FROM change_tail"},
    {"SELECT (SELECT max(seq) FROM folder_item_tail) - (SELECT min(seq) FROM folder_item_tail) + 1",
     "INSERT INTO folder_items (folder_no, uid, item_id)"
     " SELECT x.folder_no, x.uid, x.item_id FROM" SKERRY_SQL_LIVE_FOLDER_ITEM_TAIL,
     "DELETE FROM folder_item_tail"},
}};

// Rows only ever leave a tail all at once and SQLite assigns seq one past the largest, so the
// tail holds exactly max - min + 1 rows (an engine whose sequences skip values would overcount,
// which only folds sooner). Two one-row lookups at the B-tree's edges, where count(*) would read
// every page.
Result<std::size_t> TailRows(Connection& conn, const Tail& tail) {
  auto q = SKERRY_TRY(Query::Prepare(conn, tail.size_sql));
  SKERRY_TRY(q.StepExpectRow("tail size"));
  if (q.IsNull(0)) return 0;
  auto rows = q.U64(0);
  SKERRY_TRY(q.CheckDecoded());
  return static_cast<std::size_t>(rows);
}

Status Fold(Connection& conn, const Tail& tail) {
  auto move = SKERRY_TRY(Query::Prepare(conn, tail.fold_sql));
  SKERRY_TRY(move.Run());
  auto clear = SKERRY_TRY(Query::Prepare(conn, tail.clear_sql));
  SKERRY_TRY(clear.Run());
  return Ok();
}

Result<std::size_t> FoldTail(Connection& conn, const Tail& tail, std::size_t min_rows) {
  auto rows = SKERRY_TRY(TailRows(conn, tail));
  if (rows == 0 || rows < min_rows) return 0;
  SKERRY_TRY(conn.Savepoint(kSavepoint));
  if (auto folded = Fold(conn, tail); !folded) {
    if (conn.InTransaction()) {
      (void)conn.RollbackToSavepoint(kSavepoint);
      (void)conn.ReleaseSavepoint(kSavepoint);
    }
    return tl::unexpected(folded.error());
  }
  SKERRY_TRY(conn.ReleaseSavepoint(kSavepoint));
  return rows;
}

}  // namespace

Result<std::size_t> FoldTails(Connection& conn, std::size_t min_rows) {
  std::size_t folded = 0;
  for (const auto& tail : kTails) folded += SKERRY_TRY(FoldTail(conn, tail, min_rows));
  return folded;
}

}  // namespace skerry::storage::sql
