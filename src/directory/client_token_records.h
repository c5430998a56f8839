#pragma once
// Completed WorkMail API requests that carried a ClientToken, kept so that a retry replays the
// first response even after a restart. Each is a server-wide directory object of kind
// "client-token": its id is a keyed hash (service index key) of the caller's key, so no token
// or principal is readable from the store; its document — the request hash and the response —
// is sealed by the service secrets key and bound to that id. `completed_ms` is the object's
// plaintext updated_at, so expired records are found without opening any.
//
// Thread-safe; blocking (store): call from the blocking pool.

#include <cstdint>
#include <optional>
#include <string>

#include "base/random.h"
#include "directory/service_keys.h"
#include "storage/metadata_store.h"

namespace skerry::directory {

struct ClientTokenRecord {
  std::string request_hash;
  std::string response;
  std::int64_t completed_ms = 0;  // unix ms
};

class ClientTokenRecords {
 public:
  ClientTokenRecords(storage::MetadataStore& store, const ServiceKeys& keys, Random& random)
      : store_(store), keys_(keys), random_(random) {}

  // `key`: the caller's unambiguous encoding of (principal, operation, token).
  Result<std::optional<ClientTokenRecord>> Find(ByteView key);
  Status Put(ByteView key, const ClientTokenRecord& record);  // insert or replace
  // Deletes the records completed at or before `cutoff_ms`; returns how many went.
  Result<std::size_t> PurgeCompletedBefore(std::int64_t cutoff_ms);

 private:
  Result<std::string> ObjectId(ByteView key) const;

  storage::MetadataStore& store_;
  const ServiceKeys& keys_;
  Random& random_;
};

}  // namespace skerry::directory
