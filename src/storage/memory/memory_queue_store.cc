#include "storage/memory/memory_queue_store.h"

#include <algorithm>
#include <limits>

namespace skerry::storage::memory {

Status MemoryQueueStore::Enqueue(const model::QueueEntry& entry) {
  if (entry.id.empty() || entry.queue.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "queue entry needs an id and a queue");
  }
  std::lock_guard lock(mu_);
  if (entries_.contains(entry.id))
    return MakeError(ErrorCode::kAlreadyExists, "queue entry " + entry.id);
  Slot slot{next_seq_++, entry};
  slot.entry.lease_owner.clear();
  slot.entry.lease_until = 0;
  entries_.emplace(entry.id, std::move(slot));
  return Ok();
}

Result<std::vector<model::QueueEntry>> MemoryQueueStore::Lease(const std::string& queue,
                                                               const std::string& owner,
                                                               std::int64_t now_ms,
                                                               std::int64_t lease_ms,
                                                               std::size_t max) {
  if (owner.empty() || lease_ms <= 0) {
    return MakeError(ErrorCode::kInvalidArgument, "lease needs an owner and a positive duration");
  }
  std::lock_guard lock(mu_);
  std::vector<Slot*> due;
  for (auto& [id, slot] : entries_) {
    const auto& e = slot.entry;
    bool free = e.lease_owner.empty() || e.lease_until <= now_ms;
    if (e.queue == queue && e.not_before <= now_ms && free) due.push_back(&slot);
  }
  std::sort(due.begin(), due.end(), [](const Slot* a, const Slot* b) { return a->seq < b->seq; });
  if (due.size() > max) due.resize(max);
  auto until = lease_ms > std::numeric_limits<std::int64_t>::max() - now_ms
                   ? std::numeric_limits<std::int64_t>::max()
                   : now_ms + lease_ms;
  std::vector<model::QueueEntry> out;
  for (auto* slot : due) {
    slot->entry.lease_owner = owner;
    slot->entry.lease_until = until;
    if (slot->entry.attempts < std::numeric_limits<std::uint32_t>::max()) slot->entry.attempts += 1;
    out.push_back(slot->entry);
  }
  return out;
}

// REQUIRES: mu_ held.
Result<MemoryQueueStore::Slot*> MemoryQueueStore::Owned(const std::string& id,
                                                        const std::string& owner) {
  auto it = entries_.find(id);
  if (it == entries_.end()) return MakeError(ErrorCode::kNotFound, "queue entry " + id);
  if (owner.empty() || it->second.entry.lease_owner != owner) {
    return MakeError(ErrorCode::kFailedPrecondition, "lease on queue entry " + id + " was lost");
  }
  return &it->second;
}

Status MemoryQueueStore::Complete(const std::string& id, const std::string& owner) {
  std::lock_guard lock(mu_);
  SKERRY_TRY(Owned(id, owner));
  entries_.erase(id);
  return Ok();
}

Status MemoryQueueStore::Retry(const std::string& id, const std::string& owner,
                               std::int64_t not_before_ms) {
  std::lock_guard lock(mu_);
  auto* slot = SKERRY_TRY(Owned(id, owner));
  slot->entry.lease_owner.clear();
  slot->entry.lease_until = 0;
  slot->entry.not_before = not_before_ms;
  return Ok();
}

Result<std::size_t> MemoryQueueStore::Depth(const std::string& queue) {
  std::lock_guard lock(mu_);
  return static_cast<std::size_t>(
      std::count_if(entries_.begin(), entries_.end(),
                    [&](const auto& kv) { return kv.second.entry.queue == queue; }));
}

}  // namespace skerry::storage::memory
