#include "protocols/admin_api/in_memory_client_token_store.h"

namespace skerry::admin_api {

std::string InMemoryClientTokenStore::Flatten(const ClientTokenKey& key) {
  return ToString(FlattenClientTokenKey(key));
}

void InMemoryClientTokenStore::SetExpiry(const std::string& flat, Entry& entry,
                                         Clock::MonoTime expires) {
  auto [lo, hi] = by_expiry_.equal_range(entry.expires);
  for (auto it = lo; it != hi; ++it) {
    if (it->second == flat) {
      by_expiry_.erase(it);
      break;
    }
  }
  entry.expires = expires;
  by_expiry_.emplace(expires, flat);
}

void InMemoryClientTokenStore::Erase(const std::string& flat) {
  auto it = entries_.find(flat);
  if (it == entries_.end()) return;
  auto [lo, hi] = by_expiry_.equal_range(it->second.expires);
  for (auto e = lo; e != hi; ++e) {
    if (e->second == flat) {
      by_expiry_.erase(e);
      break;
    }
  }
  entries_.erase(it);
}

void InMemoryClientTokenStore::Evict(Clock::MonoTime now) {
  while (!by_expiry_.empty() &&
         (by_expiry_.begin()->first <= now || entries_.size() >= options_.max_entries)) {
    std::string flat = by_expiry_.begin()->second;
    Erase(flat);
  }
}

Result<ClientTokenDecision> InMemoryClientTokenStore::Begin(const ClientTokenKey& key,
                                                            std::string_view request_hash) {
  std::string flat = Flatten(key);
  auto now = clock_.Monotonic();
  std::lock_guard lock(mu_);
  auto it = entries_.find(flat);
  if (it != entries_.end() && it->second.expires <= now) {
    Erase(flat);
    it = entries_.end();
  }
  if (it != entries_.end()) {
    const Entry& entry = it->second;
    if (entry.request_hash != request_hash)
      return ClientTokenDecision{ClientTokenOutcome::kConflict, {}};
    if (!entry.done) return ClientTokenDecision{ClientTokenOutcome::kInProgress, {}};
    return ClientTokenDecision{ClientTokenOutcome::kReplay, entry.response};
  }
  Evict(now);
  Entry& entry = entries_[flat];
  entry.request_hash = std::string(request_hash);
  entry.expires = now + options_.claim_timeout;
  by_expiry_.emplace(entry.expires, flat);
  return ClientTokenDecision{ClientTokenOutcome::kNew, {}};
}

Status InMemoryClientTokenStore::Complete(const ClientTokenKey& key, std::string response) {
  std::string flat = Flatten(key);
  std::lock_guard lock(mu_);
  auto it = entries_.find(flat);
  if (it == entries_.end() || it->second.done) {
    return MakeError(ErrorCode::kFailedPrecondition, "client token was not claimed");
  }
  it->second.done = true;
  it->second.response = std::move(response);
  SetExpiry(flat, it->second, clock_.Monotonic() + options_.ttl);
  return Ok();
}

void InMemoryClientTokenStore::Abandon(const ClientTokenKey& key) {
  std::string flat = Flatten(key);
  std::lock_guard lock(mu_);
  auto it = entries_.find(flat);
  if (it != entries_.end() && !it->second.done) Erase(flat);
}

std::optional<std::string> InMemoryClientTokenStore::Claimed(const ClientTokenKey& key) const {
  std::string flat = Flatten(key);
  auto now = clock_.Monotonic();
  std::lock_guard lock(mu_);
  auto it = entries_.find(flat);
  if (it == entries_.end() || it->second.done || it->second.expires <= now) return std::nullopt;
  return it->second.request_hash;
}

std::size_t InMemoryClientTokenStore::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

}  // namespace skerry::admin_api
