#include "storage/sql/sql_queue_store.h"

#include <algorithm>
#include <limits>

#include "storage/sql/counters.h"
#include "storage/sql/query.h"

#define SKERRY_SQL_SELECT_QUEUE_ENTRY \
  "SELECT id, queue, payload, not_before, attempts, lease_owner, lease_until FROM queue_entries"

namespace skerry::storage::sql {
namespace {

Result<model::QueueEntry> EntryFromRow(Query& q) {
  model::QueueEntry e;
  e.id = q.Text(0);
  e.queue = q.Text(1);
  e.payload = q.Blob(2);
  e.not_before = q.Int(3);
  e.attempts = q.U32(4);
  e.lease_owner = q.Text(5);
  e.lease_until = q.Int(6);
  SKERRY_TRY(q.CheckDecoded());
  return e;
}

// Why Complete or Retry changed nothing: kNotFound for an unknown entry, kFailedPrecondition
// when someone else holds it (our lease ran out and it was re-leased) or nobody does.
Status LeaseLostError(Connection& conn, const std::string& id) {
  auto q = SKERRY_TRY(Query::Prepare(conn, "SELECT lease_owner FROM queue_entries WHERE id = ?"));
  SKERRY_TRY(q.Bind(id).StepExpectRow("queue entry " + id));
  return MakeError(ErrorCode::kFailedPrecondition, "lease on queue entry " + id + " was lost");
}

std::int64_t SaturatingAdd(std::int64_t a, std::int64_t b) {
  if (b > 0 && a > std::numeric_limits<std::int64_t>::max() - b) {
    return std::numeric_limits<std::int64_t>::max();
  }
  return a + b;
}

}  // namespace

Status SqlQueueStore::Enqueue(const model::QueueEntry& entry) {
  if (entry.id.empty() || entry.queue.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "queue entry needs an id and a queue");
  }
  return runner_.Write([&entry](Connection& conn) -> Status {
    auto next = SKERRY_TRY(TakeNextValue(conn, "queue_seq"));
    // A new entry is never leased, whatever the caller's record says.
    auto q = SKERRY_TRY(Query::Prepare(
        conn,
        "INSERT INTO queue_entries (id, queue, payload, not_before, attempts, lease_owner,"
        " lease_until, seq) VALUES (?, ?, ?, ?, ?, '', 0, ?)"));
    SKERRY_TRY(
        q.Bind(entry.id, entry.queue, entry.payload, entry.not_before, entry.attempts, next).Run());
    return Ok();
  });
}

Result<std::vector<model::QueueEntry>> SqlQueueStore::Lease(const std::string& queue,
                                                            const std::string& owner,
                                                            std::int64_t now_ms,
                                                            std::int64_t lease_ms,
                                                            std::size_t max) {
  if (owner.empty() || lease_ms <= 0) {
    return MakeError(ErrorCode::kInvalidArgument, "lease needs an owner and a positive duration");
  }
  std::vector<model::QueueEntry> leased;
  if (max == 0) return leased;
  auto limit = static_cast<std::int64_t>(
      std::min<std::size_t>(max, std::numeric_limits<std::int64_t>::max()));
  auto until = SaturatingAdd(now_ms, lease_ms);
  // Two workers never lease the same entry: each mark is a compare-and-set that repeats the
  // selection's condition, so it takes the entry only while it is still free. On SQLite the
  // single writer already makes select-then-mark atomic; on an engine with concurrent writers
  // (PostgreSQL, READ COMMITTED) the UPDATE re-checks its WHERE once a rival's lease on the row
  // commits, marks nothing, and the entry is left out of this answer. (SQLite cannot exercise
  // that branch; the PostgreSQL backend's conformance run will.)
  auto status = runner_.Write([&](Connection& conn) -> Status {
    std::vector<model::QueueEntry> candidates;
    leased.clear();  // the closure may run more than once (txn_runner.h)
    auto q = SKERRY_TRY(Query::Prepare(
        conn, SKERRY_SQL_SELECT_QUEUE_ENTRY
        " WHERE queue = ? AND not_before <= ? AND (lease_owner = '' OR lease_until <= ?)"
        " ORDER BY seq LIMIT ?"));
    q.Bind(queue, now_ms, now_ms, limit);
    while (SKERRY_TRY(q.Step())) candidates.push_back(SKERRY_TRY(EntryFromRow(q)));
    for (auto& e : candidates) {
      auto mark = SKERRY_TRY(Query::Prepare(
          conn,
          "UPDATE queue_entries SET lease_owner = ?, lease_until = ?,"
          " attempts = CASE WHEN attempts < 4294967295 THEN attempts + 1 ELSE attempts END"
          " WHERE id = ? AND not_before <= ? AND (lease_owner = '' OR lease_until <= ?)"));
      if (SKERRY_TRY(mark.Bind(owner, until, e.id, now_ms, now_ms).Run()) == 0) continue;
      e.lease_owner = owner;
      e.lease_until = until;
      if (e.attempts < std::numeric_limits<std::uint32_t>::max()) e.attempts += 1;  // as above
      leased.push_back(std::move(e));
    }
    return Ok();
  });
  if (!status) return tl::unexpected(status.error());
  return leased;
}

// Complete and Retry act only while `owner` holds the lease, in the statement itself (with
// concurrent writers a check before it could be overtaken); LeaseLostError then names why not.
Status SqlQueueStore::Complete(const std::string& id, const std::string& owner) {
  return runner_.Write([&](Connection& conn) -> Status {
    auto q = SKERRY_TRY(
        Query::Prepare(conn, "DELETE FROM queue_entries WHERE id = ? AND lease_owner = ? AND lease_owner <> ''"));
    if (SKERRY_TRY(q.Bind(id, owner).Run()) == 0) return LeaseLostError(conn, id);
    return Ok();
  });
}

Status SqlQueueStore::Retry(const std::string& id, const std::string& owner,
                            std::int64_t not_before_ms) {
  return runner_.Write([&](Connection& conn) -> Status {
    auto q = SKERRY_TRY(Query::Prepare(
        conn,
        "UPDATE queue_entries SET lease_owner = '', lease_until = 0, not_before = ?"
        " WHERE id = ? AND lease_owner = ? AND lease_owner <> ''"));
    if (SKERRY_TRY(q.Bind(not_before_ms, id, owner).Run()) == 0) return LeaseLostError(conn, id);
    return Ok();
  });
}

Result<std::size_t> SqlQueueStore::Depth(const std::string& queue) {
  std::size_t depth = 0;
  auto status = runner_.Read([&](Connection& conn) -> Status {
    auto q = SKERRY_TRY(Query::Prepare(conn, "SELECT COUNT(*) FROM queue_entries WHERE queue = ?"));
    SKERRY_TRY(q.Bind(queue).StepExpectRow("count"));
    depth = static_cast<std::size_t>(q.U64(0));
    return q.CheckDecoded();
  });
  if (!status) return tl::unexpected(status.error());
  return depth;
}

}  // namespace skerry::storage::sql
