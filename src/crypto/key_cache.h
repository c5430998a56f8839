#pragma once
// MailboxKeyCache: plaintext mailbox keys kept for a short time so that not every item read
// costs a KeyProvider round trip (DESIGN §3: at most 60 s by default, configurable).
//
// Entries expire a fixed TTL after they were loaded; hits do not extend it, so a key is never
// held in memory longer than the TTL after the provider last vouched for it. Keys live in
// SecretBytes (wiped when evicted, expired or replaced) and callers get their own clone.
//
// Evict(mailbox_id) is part of crypto-shredding: after DestroyKey / mailbox deletion the
// cached key must go at once, and a load that was in flight while the eviction happened is
// returned to its caller but not cached.
//
// Thread-safe. The loader runs outside the lock (it may block on a PKCS#11 call); two threads
// missing on the same id at once may both load, which is harmless.

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

#include "base/clock.h"
#include "base/error.h"
#include "base/secret_bytes.h"

namespace skerry::crypto {

class MailboxKeyCache {
 public:
  static constexpr std::chrono::seconds kDefaultTtl{60};
  using Loader = std::function<Result<SecretBytes>()>;

  struct Stats {
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;       // loader calls
    std::uint64_t load_errors = 0;  // loader calls that failed (never cached)
    std::uint64_t evictions = 0;    // entries removed by Evict/Clear
    std::uint64_t expirations = 0;  // entries removed because their TTL passed
    std::size_t entries = 0;
  };

  // `clock` must outlive the cache. A TTL of zero disables caching (every Get loads).
  explicit MailboxKeyCache(Clock& clock, std::chrono::nanoseconds ttl = kDefaultTtl);

  // The mailbox key from the cache, or from `loader` (then cached). Loader errors (e.g.
  // kKeyDestroyed) are returned as they are and not cached.
  [[nodiscard]] Result<SecretBytes> Get(const std::string& mailbox_id, const Loader& loader);

  void Evict(const std::string& mailbox_id);
  void Clear();
  // Wipes every expired entry; returns how many. Call periodically (skerryd: every second), since
  // expired entries of mailboxes nobody reads would otherwise sit in memory until the next Get.
  std::size_t Sweep();

  Stats stats() const;
  std::chrono::nanoseconds ttl() const { return ttl_; }

 private:
  struct Entry {
    SecretBytes key;
    Clock::MonoTime expires;
  };

  Clock& clock_;
  const std::chrono::nanoseconds ttl_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  // Bumped by every Evict/Clear; a load that saw another value when it started is not cached.
  std::uint64_t eviction_epoch_ = 0;
  Stats stats_;
};

}  // namespace skerry::crypto
