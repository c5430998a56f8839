#pragma once
// SqlQueueStore: the QueueStore of every SQL backend, written once against the driver. Every
// mutation (Enqueue, Lease, Complete, Retry) goes through the backend's writer, so with SQLite it
// shares the metadata store's group commit: an SMTP "250" waits for one fsync shared by every
// message accepted at the same moment (DESIGN §4).
//
// A lease is lost when another worker leased the entry after it expired; an expired lease nobody
// took over still lets its owner Complete or Retry (the work was done; at-least-once anyway).
// "Oldest first" is enqueue order, kept in queue_entries.seq from a counter row (no engine
// specific auto-increment). Borrows the runner, which must outlive the store.

#include "storage/queue_store.h"
#include "storage/sql/txn_runner.h"

namespace skerry::storage::sql {

class SqlQueueStore final : public QueueStore {
 public:
  explicit SqlQueueStore(TxnRunner& runner) : runner_(runner) {}

  Status Enqueue(const model::QueueEntry& entry) override;
  Result<std::vector<model::QueueEntry>> Lease(const std::string& queue, const std::string& owner,
                                               std::int64_t now_ms, std::int64_t lease_ms,
                                               std::size_t max) override;
  Status Complete(const std::string& id, const std::string& owner) override;
  Status Retry(const std::string& id, const std::string& owner,
               std::int64_t not_before_ms) override;
  Result<std::size_t> Depth(const std::string& queue) override;

 private:
  TxnRunner& runner_;
};

}  // namespace skerry::storage::sql
