#pragma once
// Tails (docs/formats/schema.md "Tails"): two B-trees that every append would otherwise write at
// one place per mailbox or folder are kept as an ordered table plus a tail. New rows are appended
// to the tail, in commit order, and folded in bulk into the ordered table:
//   - the change log: change_tail → changes, ordered by (mailbox, modseq);
//   - a folder's items in UID order: folder_item_tail → folder_items, ordered by (folder, uid).
//
// Why: an ordered table writes one leaf per mailbox (or folder) a batch touches — together 2.3 of
// the 3.3 WAL pages an append cost — and bytes in the WAL are what every group commit's fsync
// waits for. A tail is appended at its right edge, so a batch shares its last page; a fold moves
// thousands of rows at once and writes each leaf once for all of them (store_bench "WAL pages
// per append", bench/README.md). Readers look at both (sql_reads.cc); a fold is one statement
// pair inside a write transaction, so no reader ever sees a row twice or not at all.
//
// A folder_item_tail row is the position an item took when it was appended or moved in. A later
// move or delete does not touch the tail (it has no index to find the row by): readers and the
// fold keep a tail row only while items still has the item at that (folder, uid).

#include <cstddef>
#include <cstdint>

#include "base/error.h"
#include "storage/sql/driver.h"

namespace skerry::storage::sql {

// Folds every tail whose rows number at least `min_rows` into its ordered table; returns the
// rows folded (0 when none was due). Runs inside the caller's write transaction, each fold under
// a savepoint of its own: when one fails, the transaction is as that fold found it (unless the
// engine itself rolled the transaction back, which Connection::InTransaction() tells).
Result<std::size_t> FoldTails(Connection& conn, std::size_t min_rows);

}  // namespace skerry::storage::sql
