#pragma once
// Admin principals of the WorkMail API: access keys (an id like AKIA…, a 40-character secret)
// each bound to a policy — a managed one (AmazonWorkMailFullAccess,
// AmazonWorkMailReadOnlyAccess) or a custom JSON policy document. Keys are server-wide
// directory objects whose documents (secret included) are sealed by the service secrets key.
//
// Thread-safe; blocking (store): call from the blocking pool.

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/random.h"
#include "base/secret_bytes.h"
#include "directory/service_keys.h"
#include "policy/iam_policy.h"
#include "storage/metadata_store.h"

namespace skerry::directory {

struct AccessKey {
  std::string access_key_id;
  std::string name;           // the principal's name, e.g. "admin"
  std::string policy;         // a managed policy name, or a JSON document
  std::int64_t created_at = 0;  // unix seconds
  bool active = true;
};

struct NewAccessKey {
  AccessKey key;
  std::string secret_access_key;  // shown once, never stored in plaintext
};

class AdminPrincipals {
 public:
  AdminPrincipals(storage::MetadataStore& store, const ServiceKeys& keys, Random& random, Clock& clock)
      : store_(store), keys_(keys), random_(random), clock_(clock) {}

  // `policy`: a managed policy name or a JSON policy document (validated here).
  Result<NewAccessKey> Create(const std::string& name, const std::string& policy);
  Result<std::vector<AccessKey>> List();
  Status Delete(const std::string& access_key_id);
  // For the SigV4 verifier: the secret, and the policies to evaluate.
  Result<std::pair<AccessKey, SecretBytes>> Lookup(const std::string& access_key_id);
  Result<policy::IamPolicy> PolicyOf(const AccessKey& key) const;

  static std::string PrincipalArn(const std::string& name) { return "arn:aws:iam::000000000000:user/" + name; }

 private:
  storage::MetadataStore& store_;
  const ServiceKeys& keys_;
  Random& random_;
  Clock& clock_;
};

}  // namespace skerry::directory
