#pragma once
// The server-wide keys (DESIGN §3 "service key"): one root key, generated on first start and
// kept wrapped by the provider's service key (crypto::kServiceKeyId, always in the local
// provider), from which two purpose-bound subkeys are derived:
//   - the secrets key seals server-wide documents: organization attributes (which must stay
//     readable after the organization's own key is destroyed, so DescribeOrganization can still
//     answer "Deleted"), admin access-key secrets, audit records, pagination tokens;
//   - the index key makes keyed hashes for server-wide unique lookups (organization alias,
//     mail domain → organization).
// Immutable after Open; safe to share between threads.

#include <memory>
#include <string_view>

#include "base/random.h"
#include "base/secret_bytes.h"
#include "crypto/key_provider.h"
#include "storage/metadata_store.h"

namespace skerry::directory {

class ServiceKeys {
 public:
  static Result<std::unique_ptr<ServiceKeys>> Open(storage::MetadataStore& store,
                                                   crypto::KeyProvider& provider, Random& random);

  const SecretBytes& secrets_key() const { return secrets_; }
  // HMAC-SHA256 of `normalized` under the index key, with `purpose` bound in.
  Result<Bytes> IndexHash(std::string_view purpose, std::string_view normalized) const;

 private:
  ServiceKeys(SecretBytes secrets, SecretBytes index) : secrets_(std::move(secrets)), index_(std::move(index)) {}
  SecretBytes secrets_;
  SecretBytes index_;
};

}  // namespace skerry::directory
