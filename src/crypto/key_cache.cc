#include "crypto/key_cache.h"

namespace skerry::crypto {

MailboxKeyCache::MailboxKeyCache(Clock& clock, std::chrono::nanoseconds ttl)
    : clock_(clock),
      ttl_(ttl < std::chrono::nanoseconds::zero() ? std::chrono::nanoseconds::zero() : ttl) {}

Result<SecretBytes> MailboxKeyCache::Get(const std::string& mailbox_id, const Loader& loader) {
  std::uint64_t epoch;
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(mailbox_id);
    if (it != entries_.end()) {
      if (clock_.Monotonic() < it->second.expires) {
        ++stats_.hits;
        return it->second.key.Clone();
      }
      entries_.erase(it);  // SecretBytes wipes on destruction
      ++stats_.expirations;
    }
    ++stats_.misses;
    epoch = eviction_epoch_;
  }

  auto loaded = loader();  // outside the lock: may block on the key provider

  std::lock_guard lock(mu_);
  if (!loaded) {
    ++stats_.load_errors;
    return loaded;
  }
  if (ttl_ > std::chrono::nanoseconds::zero() && epoch == eviction_epoch_) {
    auto& entry = entries_[mailbox_id];
    entry.key = loaded->Clone();
    entry.expires = clock_.Monotonic() + ttl_;
  }
  return loaded;
}

void MailboxKeyCache::Evict(const std::string& mailbox_id) {
  std::lock_guard lock(mu_);
  ++eviction_epoch_;
  stats_.evictions += entries_.erase(mailbox_id);
}

void MailboxKeyCache::Clear() {
  std::lock_guard lock(mu_);
  ++eviction_epoch_;
  stats_.evictions += entries_.size();
  entries_.clear();
}

std::size_t MailboxKeyCache::Sweep() {
  std::lock_guard lock(mu_);
  const auto now = clock_.Monotonic();
  std::size_t removed =
      std::erase_if(entries_, [now](const auto& kv) { return now >= kv.second.expires; });
  stats_.expirations += removed;
  return removed;
}

MailboxKeyCache::Stats MailboxKeyCache::stats() const {
  std::lock_guard lock(mu_);
  Stats s = stats_;
  s.entries = entries_.size();
  return s;
}

}  // namespace skerry::crypto
