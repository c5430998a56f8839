#pragma once
// ClientTokenStore whose successes survive a restart. A completed (principal, operation, token)
// is a server-wide directory object of kind "client-token": its id is a keyed hash of the key (no
// token or principal is readable from the store), its document — the request hash and the
// response — sealed by the service secrets key and bound to that id. Entries expire `ttl` after
// the success (the object's updated_at); PurgeExpired() deletes them.
//
// Claims of requests still running live in memory only (InMemoryClientTokenStore): after a
// crash the retry runs again, as after a failure. The operation and the recording of its success
// are two commits, so a crash between them also lets one retry run again.
//
// Thread-safe; blocking (store): call from the blocking pool.

#include <chrono>

#include "base/clock.h"
#include "base/random.h"
#include "directory/service_keys.h"
#include "protocols/admin_api/in_memory_client_token_store.h"
#include "storage/metadata_store.h"

namespace skerry::admin_api {

class StoredClientTokenStore final : public ClientTokenStore {
 public:
  StoredClientTokenStore(storage::MetadataStore& store, const directory::ServiceKeys& keys, Random& random,
                         const Clock& clock, std::chrono::seconds ttl = std::chrono::hours(8));

  Result<ClientTokenDecision> Begin(const ClientTokenKey& key, std::string_view request_hash) override;
  Status Complete(const ClientTokenKey& key, std::string response) override;
  void Abandon(const ClientTokenKey& key) override;

  // Deletes the entries older than the ttl; returns how many went.
  Result<std::size_t> PurgeExpired();

 private:
  Result<std::string> ObjectId(const ClientTokenKey& key) const;
  std::int64_t NowMs() const;

  storage::MetadataStore& store_;
  const directory::ServiceKeys& keys_;
  Random& random_;
  const Clock& clock_;
  const std::chrono::seconds ttl_;
  InMemoryClientTokenStore running_;
};

}  // namespace skerry::admin_api
