#pragma once
// ClientTokenStore whose successes survive a restart: completed requests are
// directory::ClientTokenRecords (sealed, under a keyed-hash id) for `ttl` after their success;
// PurgeExpired() deletes older ones.
//
// Claims of requests still running live in memory only (InMemoryClientTokenStore): after a
// crash the retry runs again, as after a failure. The operation and the recording of its success
// are two commits, so a crash between them also lets one retry run again.
//
// Thread-safe; blocking (store): call from the blocking pool.

#include <chrono>

#include "base/clock.h"
#include "directory/client_token_records.h"
#include "protocols/admin_api/in_memory_client_token_store.h"

namespace skerry::admin_api {

class StoredClientTokenStore final : public ClientTokenStore {
 public:
  StoredClientTokenStore(directory::ClientTokenRecords& records, const Clock& clock,
                         std::chrono::seconds ttl = std::chrono::hours(8))
      : records_(records), clock_(clock), ttl_(ttl), running_(clock) {}

  Result<ClientTokenDecision> Begin(const ClientTokenKey& key, std::string_view request_hash) override;
  Status Complete(const ClientTokenKey& key, std::string response) override;
  void Abandon(const ClientTokenKey& key) override;

  // Deletes the entries older than the ttl; returns how many went.
  Result<std::size_t> PurgeExpired();

 private:
  std::int64_t NowMs() const;

  directory::ClientTokenRecords& records_;
  const Clock& clock_;
  const std::chrono::seconds ttl_;
  InMemoryClientTokenStore running_;
};

}  // namespace skerry::admin_api
