#pragma once
// ClientTokenStore in process memory, for a single skerryd node: entries live `ttl` after their
// success (default 8 hours); an unfinished claim older than `claim_timeout` (a request that died
// without Complete/Abandon) is treated as abandoned. At most `max_entries` are kept; when full the
// entry closest to expiry goes first. Times come from the injected clock's monotonic time.
//
// Thread-safe (one mutex). The clock is borrowed and must outlive the store.

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "base/clock.h"
#include "protocols/admin_api/client_token.h"

namespace skerry::admin_api {

struct InMemoryClientTokenStoreOptions {
  std::chrono::seconds ttl{std::chrono::hours(8)};
  std::chrono::seconds claim_timeout{std::chrono::minutes(5)};
  std::size_t max_entries = 100'000;
};

class InMemoryClientTokenStore final : public ClientTokenStore {
 public:
  explicit InMemoryClientTokenStore(const Clock& clock,
                                    InMemoryClientTokenStoreOptions options = {})
      : clock_(clock), options_(options) {}

  Result<ClientTokenDecision> Begin(const ClientTokenKey& key,
                                    std::string_view request_hash) override;
  Status Complete(const ClientTokenKey& key, std::string response) override;
  void Abandon(const ClientTokenKey& key) override;

  // The request hash of `key`'s claim while it is unfinished and not timed out.
  std::optional<std::string> Claimed(const ClientTokenKey& key) const;

  std::size_t size() const;

 private:
  struct Entry {
    std::string request_hash;
    bool done = false;
    std::string response;
    Clock::MonoTime expires;
  };
  static std::string Flatten(const ClientTokenKey& key);
  void SetExpiry(const std::string& flat, Entry& entry,
                 Clock::MonoTime expires);  // REQUIRES: mu_ held
  void Erase(const std::string& flat);      // REQUIRES: mu_ held
  void Evict(Clock::MonoTime now);          // REQUIRES: mu_ held

  const Clock& clock_;
  const InMemoryClientTokenStoreOptions options_;
  mutable std::mutex mu_;
  std::map<std::string, Entry> entries_;
  std::multimap<Clock::MonoTime, std::string> by_expiry_;
};

}  // namespace skerry::admin_api
