#pragma once
// The key providers this server can use, by name ("local", "pkcs11"), and which one holds the
// keys of organizations created with the service-managed default (DESIGN §3). Borrowed
// pointers: the composition root owns the providers and outlives every service.

#include <map>
#include <string>

#include "base/error.h"
#include "crypto/key_provider.h"

namespace skerry::directory {

class KeyProviders {
 public:
  void Add(crypto::KeyProvider* provider, bool is_default);
  Result<crypto::KeyProvider*> Find(const std::string& name) const;
  crypto::KeyProvider& Default() const { return *default_; }

 private:
  std::map<std::string, crypto::KeyProvider*> by_name_;
  crypto::KeyProvider* default_ = nullptr;
};

}  // namespace skerry::directory
