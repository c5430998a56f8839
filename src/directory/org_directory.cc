#include "directory/org_directory.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include "base/integrity.h"
#include "crypto/hmac.h"
#include "crypto/key_hierarchy.h"
#include "crypto/sealed_value.h"

namespace skerry::directory {
namespace json = boost::json;

namespace {
std::string DocContext(const std::string& org_id, const std::string& kind, const std::string& id) {
  return fmt::format("directory/{}/{}/{}", org_id, kind, id);
}
}  // namespace

Result<SecretBytes> OrgDirectory::DirectoryKey(const std::string& org_id) {
  return keys_.Get(org_id, [&]() -> Result<SecretBytes> {
    model::OrganizationRecord org;
    SKERRY_TRY(store_.Read([&](storage::ReadTxn& txn) -> Status {
      org = SKERRY_TRY(txn.GetOrganization(org_id));
      return Ok();
    }));
    if (org.state != model::OrganizationState::kActive || org.wrapped_directory_key.empty())
      return MakeError(ErrorCode::kKeyDestroyed, fmt::format("organization {} is deleted", org_id));
    auto* provider = SKERRY_TRY(providers_.Find(org.key.provider));
    return provider->Unwrap(org.key.key_id, crypto::OrgKeyContext(org_id, "directory"), org.wrapped_directory_key);
  });
}

Result<Bytes> OrgDirectory::IndexKey(const SecretBytes& directory_key, const Claim& claim) const {
  auto index_key = SKERRY_TRY(crypto::DeriveSubkey(directory_key, crypto::Subkey::kBlindIndex));
  auto mac = SKERRY_TRY(crypto::HmacSha256::Create(index_key));
  Bytes input(claim.index.begin(), claim.index.end());
  input.push_back(0);
  input.insert(input.end(), claim.normalized.begin(), claim.normalized.end());
  auto digest = SKERRY_TRY(mac.Mac(input));
  return Bytes(digest.begin(), digest.end());
}

Result<Document> OrgDirectory::Open(const SecretBytes& key, const model::DirectoryObject& o) const {
  auto plain = SKERRY_TRY(
      CheckIntegrity(crypto::OpenValue(key, DocContext(o.org_id, o.kind, o.id), o.sealed), o.kind, o.org_id + "/" + o.id));
  boost::system::error_code ec;
  auto v = json::parse(AsChars(plain), ec);
  if (ec || !v.is_object())
    return MakeError(ErrorCode::kCorrupt, fmt::format("directory document {}/{} is not a JSON object", o.kind, o.id));
  return Document{o.id, std::move(v.as_object()), o.version};
}

Result<Document> OrgDirectory::Get(const std::string& org_id, const std::string& kind, const std::string& id) {
  auto key = SKERRY_TRY(DirectoryKey(org_id));
  model::DirectoryObject object;
  SKERRY_TRY(store_.Read([&](storage::ReadTxn& txn) -> Status {
    object = SKERRY_TRY(txn.GetObject(org_id, kind, id));
    return Ok();
  }));
  return Open(key, object);
}

Result<std::vector<Document>> OrgDirectory::List(const std::string& org_id, const std::string& kind,
                                                 const std::string& after_id, std::size_t limit) {
  auto key = SKERRY_TRY(DirectoryKey(org_id));
  std::vector<model::DirectoryObject> objects;
  SKERRY_TRY(store_.Read([&](storage::ReadTxn& txn) -> Status {
    objects = SKERRY_TRY(txn.ListObjects(org_id, kind, after_id, limit));
    return Ok();
  }));
  std::vector<Document> out;
  out.reserve(objects.size());
  for (const auto& o : objects) out.push_back(SKERRY_TRY(Open(key, o)));
  return out;
}

Result<std::vector<Document>> OrgDirectory::ListAll(const std::string& org_id, const std::string& kind) {
  std::vector<Document> all;
  std::string after;
  for (;;) {
    auto page = SKERRY_TRY(List(org_id, kind, after, 1000));
    if (page.empty()) break;
    after = page.back().id;
    for (auto& d : page) all.push_back(std::move(d));
  }
  return all;
}

Result<std::optional<std::string>> OrgDirectory::Find(const std::string& org_id, const Claim& claim) {
  auto key = SKERRY_TRY(DirectoryKey(org_id));
  auto index_key = SKERRY_TRY(IndexKey(key, claim));
  std::optional<std::string> out;
  SKERRY_TRY(store_.Read([&](storage::ReadTxn& txn) -> Status {
    out = SKERRY_TRY(txn.LookupIndex(org_id, claim.index, index_key));
    return Ok();
  }));
  return out;
}

Result<std::optional<std::string>> OrgDirectory::FindServerClaim(const ServerClaim& claim) {
  std::optional<std::string> out;
  SKERRY_TRY(store_.Read([&](storage::ReadTxn& txn) -> Status {
    out = SKERRY_TRY(txn.LookupIndex("", claim.index, claim.key));
    return Ok();
  }));
  return out;
}

Status OrgDirectory::Put(const std::string& org_id, const std::string& kind, Document& doc,
                         const std::vector<Claim>& claims, const std::vector<Claim>& releases,
                         std::uint64_t expected_version, const std::vector<ServerClaim>& server_claims) {
  auto key = SKERRY_TRY(DirectoryKey(org_id));
  std::vector<std::pair<const Claim*, Bytes>> claim_keys, release_keys;
  for (const auto& c : claims) claim_keys.emplace_back(&c, SKERRY_TRY(IndexKey(key, c)));
  for (const auto& c : releases) release_keys.emplace_back(&c, SKERRY_TRY(IndexKey(key, c)));
  model::DirectoryObject object{org_id, kind, doc.id,
                                crypto::SealValue(key, DocContext(org_id, kind, doc.id),
                                                  AsBytes(json::serialize(doc.body)), random_),
                                0, std::chrono::duration_cast<std::chrono::milliseconds>(clock_.Now().time_since_epoch()).count()};
  SKERRY_TRY(store_.Write([&](storage::WriteTxn& txn) -> Status {
    for (const auto& [c, k] : release_keys) SKERRY_TRY(txn.ReleaseIndex(org_id, c->index, k, doc.id));
    for (const auto& [c, k] : claim_keys) {
      auto claimed = txn.ClaimIndex({org_id, c->index, k, doc.id});
      if (!claimed && claimed.error().code == ErrorCode::kAlreadyExists)
        return MakeError(ErrorCode::kAlreadyExists, fmt::format("{} is already in use", c->index));
      SKERRY_TRY(std::move(claimed));
    }
    for (const auto& c : server_claims) {
      auto claimed = txn.ClaimIndex({"", c.index, c.key, org_id});
      if (!claimed && claimed.error().code == ErrorCode::kAlreadyExists)
        return MakeError(ErrorCode::kAlreadyExists, fmt::format("{} is held by another organization", c.index));
      SKERRY_TRY(std::move(claimed));
    }
    return txn.PutObject(object, expected_version);
  }));
  doc.version = object.version;
  return Ok();
}

Status OrgDirectory::Delete(const std::string& org_id, const std::string& kind, const std::string& id,
                           const std::vector<ServerClaim>& server_releases) {
  return store_.Write([&](storage::WriteTxn& txn) -> Status {
    for (const auto& c : server_releases) SKERRY_TRY(txn.ReleaseIndex("", c.index, c.key, org_id));
    return txn.DeleteObject(org_id, kind, id);
  });
}

void OrgDirectory::Evict(const std::string& org_id) { keys_.Evict(org_id); }

}  // namespace skerry::directory
