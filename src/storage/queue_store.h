#pragma once
// QueueStore: a durable spool with leases (outbound mail, jobs). Enqueue returns once the entry
// is durable. A worker leases entries for a while; if it dies, the lease runs out and another
// worker gets the entry again (at-least-once; consumers are idempotent by entry id).
//
// Thread-safety: every method may be called from any thread concurrently.

#include <cstdint>
#include <string>
#include <vector>

#include "base/error.h"
#include "model/queue_records.h"

namespace skerry::storage {

class QueueStore {
 public:
  virtual ~QueueStore() = default;

  virtual Status Enqueue(const model::QueueEntry& entry) = 0;  // kAlreadyExists on duplicate id
  // Leases up to `max` entries of `queue` that are due (not_before <= now_ms) and not leased
  // (or whose lease ran out), oldest first; each leased entry's attempts increase by one
  // (saturating at 2^32 - 1).
  virtual Result<std::vector<model::QueueEntry>> Lease(const std::string& queue,
                                                       const std::string& owner,
                                                       std::int64_t now_ms,
                                                       std::int64_t lease_ms,
                                                       std::size_t max) = 0;
  // Removes an entry the caller holds the lease on. kFailedPrecondition if the lease was lost.
  virtual Status Complete(const std::string& id, const std::string& owner) = 0;
  // Gives the entry back to be retried not before `not_before_ms`.
  virtual Status Retry(const std::string& id, const std::string& owner,
                       std::int64_t not_before_ms) = 0;
  virtual Result<std::size_t> Depth(const std::string& queue) = 0;
};

}  // namespace skerry::storage
