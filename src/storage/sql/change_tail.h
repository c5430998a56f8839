#pragma once
// The change log's tail (docs/formats/schema.md "Change log"): every change is first appended
// to change_tail, in commit order, and folded in bulk into changes, which is ordered by
// (mailbox, modseq).
//
// Why two tables: changes is one B-tree ordered by mailbox, so a batch of deliveries to 16
// mailboxes wrote 16 of its leaf pages into the WAL — 1.2 of the 3.3 pages an append cost, and
// bytes in the WAL are what every group commit's fsync waits for. change_tail is appended at
// its right edge, so a batch shares its last page; a fold moves thousands of rows at once and
// writes each mailbox's leaf once for all of that mailbox's rows (store_bench "WAL pages per
// append", bench/README.md). Readers look at both (SqlReads::ChangesSince); a fold is one
// statement pair inside a write transaction, so no reader ever sees a row twice or not at all.

#include <cstddef>
#include <cstdint>

#include "base/error.h"
#include "storage/sql/driver.h"

namespace skerry::storage::sql {

// Folds every tail row into changes when the tail holds at least `min_rows`; returns the rows
// folded (0 when below). Runs inside the caller's write transaction, under a savepoint of its
// own: when it fails, the transaction is as it found it (unless the engine itself rolled the
// transaction back, which Connection::InTransaction() tells).
Result<std::size_t> FoldChangeTail(Connection& conn, std::size_t min_rows);

}  // namespace skerry::storage::sql
