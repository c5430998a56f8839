#pragma once
// MemoryQueueStore: the in-memory QueueStore for unit tests, with the SQL store's semantics
// (oldest first by enqueue order, leases by owner and expiry time, attempts counted at lease, a
// lease lost only once another worker took the entry over).
//
// Thread-safety: every method may be called from any thread (one lock).

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "storage/queue_store.h"

namespace skerry::storage::memory {

class MemoryQueueStore final : public QueueStore {
 public:
  Status Enqueue(const model::QueueEntry& entry) override;
  Result<std::vector<model::QueueEntry>> Lease(const std::string& queue, const std::string& owner,
                                               std::int64_t now_ms, std::int64_t lease_ms,
                                               std::size_t max) override;
  Status Complete(const std::string& id, const std::string& owner) override;
  Status Retry(const std::string& id, const std::string& owner,
               std::int64_t not_before_ms) override;
  Result<std::size_t> Depth(const std::string& queue) override;

 private:
  struct Slot {
    std::uint64_t seq;
    model::QueueEntry entry;
  };
  Result<Slot*> Owned(const std::string& id, const std::string& owner);

  std::mutex mu_;
  std::uint64_t next_seq_ = 1;           // guarded by mu_
  std::map<std::string, Slot> entries_;  // guarded by mu_
};

}  // namespace skerry::storage::memory
