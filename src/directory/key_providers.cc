#include "directory/key_providers.h"

#include <fmt/format.h>

namespace skerry::directory {

void KeyProviders::Add(crypto::KeyProvider* provider, bool is_default) {
  by_name_[std::string(provider->Name())] = provider;
  if (is_default || !default_) default_ = provider;
}

Result<crypto::KeyProvider*> KeyProviders::Find(const std::string& name) const {
  auto it = by_name_.find(name);
  if (it == by_name_.end())
    return MakeError(ErrorCode::kInvalidArgument, fmt::format("no key provider named \"{}\" is configured", name));
  return it->second;
}

}  // namespace skerry::directory
