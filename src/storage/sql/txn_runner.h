#pragma once
// TxnRunner: where SQL transactions run. SqlMetadataStore and SqlQueueStore hand it closures over
// a Connection; the backend decides on which connection and thread they run and how commits are
// batched (sqlite::SqliteStore: one group-commit writer thread plus a pool of readers).

#include <functional>

#include "base/error.h"
#include "storage/sql/driver.h"

namespace skerry::storage::sql {

class TxnRunner {
 public:
  using Work = std::function<Status(Connection&)>;
  using DoneFn = std::function<void(Status)>;

  virtual ~TxnRunner() = default;

  // Runs `work` inside a write transaction, alone or batched with others; returns once it is
  // durably committed or rolled back. `work` may run more than once (a batch whose closure failed
  // runs again, each closure then in its own savepoint): only the last run's writes and status
  // count, so it must set what it reports, never add to it (clear a captured vector first).
  virtual Status Write(Work work) = 0;
  // Same without blocking; `done` runs on a store thread once the outcome is durable.
  virtual void SubmitWrite(Work work, DoneFn done) = 0;
  // Runs `work` inside a read transaction (a consistent snapshot).
  virtual Status Read(Work work) = 0;
};

}  // namespace skerry::storage::sql
