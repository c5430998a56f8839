#include "protocols/admin_api/stored_client_token_store.h"

namespace skerry::admin_api {

std::int64_t StoredClientTokenStore::NowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock_.Now().time_since_epoch()).count();
}

Result<ClientTokenDecision> StoredClientTokenStore::Begin(const ClientTokenKey& key, std::string_view request_hash) {
  auto found = SKERRY_TRY(records_.Find(FlattenClientTokenKey(key)));
  if (found && found->completed_ms + std::chrono::milliseconds(ttl_).count() > NowMs()) {
    if (found->request_hash != request_hash) return ClientTokenDecision{ClientTokenOutcome::kConflict, {}};
    return ClientTokenDecision{ClientTokenOutcome::kReplay, std::move(found->response)};
  }
  return running_.Begin(key, request_hash);
}

Status StoredClientTokenStore::Complete(const ClientTokenKey& key, std::string response) {
  // The claim holds the request hash; it also refuses a key that was never claimed.
  auto claimed = running_.Claimed(key);
  if (!claimed) return MakeError(ErrorCode::kFailedPrecondition, "client token was not claimed");
  auto written = records_.Put(FlattenClientTokenKey(key), {*claimed, std::move(response), NowMs()});
  // Durable or not, the claim goes: a later Begin replays from the store or runs again.
  running_.Abandon(key);
  return written;
}

void StoredClientTokenStore::Abandon(const ClientTokenKey& key) { running_.Abandon(key); }

Result<std::size_t> StoredClientTokenStore::PurgeExpired() {
  return records_.PurgeCompletedBefore(NowMs() - std::chrono::milliseconds(ttl_).count());
}

}  // namespace skerry::admin_api
