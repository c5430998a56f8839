#pragma once
// The documents of one organization's directory — users, groups, resources, aliases, rules,
// roles, settings — each a JSON object sealed under the organization's directory key (wrapped
// by the organization key, DESIGN §3), and the organization's unique claims (e-mail addresses,
// names) as keyed hashes under a subkey of that key, so neither contents nor names reach disk.
//
// Every entity service (users, groups, resources, rules...) stores through this class; none
// touches sealing or indexes itself.
//
// Thread-safe; blocking (store, provider): call from the blocking pool.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "base/bytes.h"
#include "base/clock.h"
#include "base/random.h"
#include "crypto/key_cache.h"
#include "directory/key_providers.h"
#include "storage/metadata_store.h"

namespace skerry::directory {

struct Document {
  std::string id;
  boost::json::object body;
  std::uint64_t version = 0;
};

// A unique claim to make or release with a write: `normalized` is hashed, never stored.
struct Claim {
  std::string index;       // "email", "user-name", "group-name", ...
  std::string normalized;  // already normalized by the caller (lowercased address, ...)
};

// A claim in the server-wide directory (organization ""), held by the organization itself: what
// must be unique across organizations (a mail domain). `key` is a ServiceKeys::IndexHash.
struct ServerClaim {
  std::string index;
  Bytes key;
};

class OrgDirectory {
 public:
  OrgDirectory(storage::MetadataStore& store, const KeyProviders& providers, Clock& clock, Random& random)
      : store_(store), providers_(providers), clock_(clock), random_(random),
        keys_(clock, std::chrono::seconds(60)) {}

  Result<Document> Get(const std::string& org_id, const std::string& kind, const std::string& id);
  // Ascending id order after `after_id`, at most `limit`.
  Result<std::vector<Document>> List(const std::string& org_id, const std::string& kind,
                                     const std::string& after_id, std::size_t limit);
  // Every document of a kind (for filters over all of them; directories are small).
  Result<std::vector<Document>> ListAll(const std::string& org_id, const std::string& kind);
  // The id holding a claim, if any.
  Result<std::optional<std::string>> Find(const std::string& org_id, const Claim& claim);
  // The organization holding a server-wide claim, if any.
  Result<std::optional<std::string>> FindServerClaim(const ServerClaim& claim);

  // One atomic write: puts `doc` (expected_version 0 = any; sets doc.version), makes `claims`
  // for doc.id (kAlreadyExists naming the index when another object holds one) and releases
  // `releases`. Nothing is written when any part fails.
  // `server_claims` are made in the same transaction (kAlreadyExists naming the index when
  // another organization holds one).
  Status Put(const std::string& org_id, const std::string& kind, Document& doc,
             const std::vector<Claim>& claims = {}, const std::vector<Claim>& releases = {},
             std::uint64_t expected_version = 0, const std::vector<ServerClaim>& server_claims = {});
  // Removes the document and every claim it holds, and releases `server_releases`.
  Status Delete(const std::string& org_id, const std::string& kind, const std::string& id,
                const std::vector<ServerClaim>& server_releases = {});

  // Forgets cached keys of an organization (after deletion).
  void Evict(const std::string& org_id);
  // Wipes cached keys past their 60 s (MailboxKeyCache::Sweep); a server calls it on a timer.
  std::size_t SweepKeys() { return keys_.Sweep(); }

 private:
  Result<SecretBytes> DirectoryKey(const std::string& org_id);
  Result<Bytes> IndexKey(const SecretBytes& directory_key, const Claim& claim) const;
  Result<Document> Open(const SecretBytes& key, const model::DirectoryObject& object) const;

  storage::MetadataStore& store_;
  const KeyProviders& providers_;
  Clock& clock_;
  Random& random_;
  crypto::MailboxKeyCache keys_;  // org directory keys, ≤ 60 s like mailbox keys
};

}  // namespace skerry::directory
