#include "protocols/admin_api/stored_client_token_store.h"

#include "crypto/sealed_value.h"

namespace skerry::admin_api {
namespace {

constexpr std::string_view kKind = "client-token";

std::string Context(const std::string& id) { return "client-token/" + id; }

// Document: be32 length of the request hash | request hash | response.
Bytes EncodeEntry(std::string_view request_hash, std::string_view response) {
  Bytes out;
  AppendBe32(out, static_cast<std::uint32_t>(request_hash.size()));
  out.insert(out.end(), request_hash.begin(), request_hash.end());
  out.insert(out.end(), response.begin(), response.end());
  return out;
}

Result<std::pair<std::string, std::string>> DecodeEntry(ByteView doc, const std::string& id) {
  if (doc.size() < 4 || ReadBe32(doc) > doc.size() - 4)
    return MakeError(ErrorCode::kCorrupt, "client token entry " + id + " is malformed");
  auto n = ReadBe32(doc);
  auto text = AsChars(doc);
  return std::make_pair(std::string(text.substr(4, n)), std::string(text.substr(4 + n)));
}

}  // namespace

StoredClientTokenStore::StoredClientTokenStore(storage::MetadataStore& store, const directory::ServiceKeys& keys,
                                               Random& random, const Clock& clock, std::chrono::seconds ttl)
    : store_(store), keys_(keys), random_(random), clock_(clock), ttl_(ttl), running_(clock) {}

Result<std::string> StoredClientTokenStore::ObjectId(const ClientTokenKey& key) const {
  auto flat = FlattenClientTokenKey(key);
  return HexEncode(SKERRY_TRY(keys_.IndexHash(kKind, AsChars(flat))));
}

std::int64_t StoredClientTokenStore::NowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock_.Now().time_since_epoch()).count();
}

Result<ClientTokenDecision> StoredClientTokenStore::Begin(const ClientTokenKey& key, std::string_view request_hash) {
  auto id = SKERRY_TRY(ObjectId(key));
  std::optional<model::DirectoryObject> found;
  SKERRY_TRY(store_.Read([&](storage::ReadTxn& txn) -> Status {
    auto object = txn.GetObject("", std::string(kKind), id);
    if (object) found = std::move(*object);
    else if (object.error().code != ErrorCode::kNotFound) return tl::unexpected(object.error());
    return Ok();
  }));
  if (found && found->updated_at + std::chrono::milliseconds(ttl_).count() > NowMs()) {
    auto plain = SKERRY_TRY(crypto::OpenValue(keys_.secrets_key(), Context(id), found->sealed));
    auto [hash, response] = SKERRY_TRY(DecodeEntry(plain, id));
    if (hash != request_hash) return ClientTokenDecision{ClientTokenOutcome::kConflict, {}};
    return ClientTokenDecision{ClientTokenOutcome::kReplay, std::move(response)};
  }
  return running_.Begin(key, request_hash);
}

Status StoredClientTokenStore::Complete(const ClientTokenKey& key, std::string response) {
  auto id = SKERRY_TRY(ObjectId(key));
  // The claim holds the request hash; completing it in memory first also refuses a key that was
  // never claimed.
  auto claimed = running_.Claimed(key);
  if (!claimed) return MakeError(ErrorCode::kFailedPrecondition, "client token was not claimed");
  model::DirectoryObject object;
  object.org_id = "";
  object.kind = std::string(kKind);
  object.id = id;
  object.updated_at = NowMs();
  object.sealed = crypto::SealValue(keys_.secrets_key(), Context(id), EncodeEntry(*claimed, response), random_);
  auto written = store_.Write([&](storage::WriteTxn& txn) { return txn.PutObject(object, 0); });
  // Durable or not, the claim goes: a later Begin replays from the store or runs again.
  running_.Abandon(key);
  return written;
}

void StoredClientTokenStore::Abandon(const ClientTokenKey& key) { running_.Abandon(key); }

Result<std::size_t> StoredClientTokenStore::PurgeExpired() {
  const std::int64_t cutoff = NowMs() - std::chrono::milliseconds(ttl_).count();
  std::size_t purged = 0;
  std::string after;
  for (;;) {
    std::vector<model::DirectoryObject> batch;
    SKERRY_TRY(store_.Read([&](storage::ReadTxn& txn) -> Status {
      batch = SKERRY_TRY(txn.ListObjects("", std::string(kKind), after, 500));
      return Ok();
    }));
    std::vector<std::string> expired;
    for (const auto& o : batch)
      if (o.updated_at <= cutoff) expired.push_back(o.id);
    if (!expired.empty()) {
      SKERRY_TRY(store_.Write([&](storage::WriteTxn& txn) -> Status {
        for (const auto& id : expired) {
          auto gone = txn.DeleteObject("", std::string(kKind), id);
          if (!gone && gone.error().code != ErrorCode::kNotFound) return gone;
        }
        return Ok();
      }));
      purged += expired.size();
    }
    if (batch.size() < 500) return purged;
    after = batch.back().id;
  }
}

}  // namespace skerry::admin_api
