#include "directory/client_token_records.h"

#include "base/integrity.h"
#include "crypto/sealed_value.h"

namespace skerry::directory {
namespace {

constexpr std::string_view kKind = "client-token";
constexpr std::size_t kPurgePage = 500;

std::string Context(const std::string& id) { return "client-token/" + id; }

// Document: be32 length of the request hash | request hash | response.
Bytes Encode(const ClientTokenRecord& r) {
  Bytes out;
  AppendBe32(out, static_cast<std::uint32_t>(r.request_hash.size()));
  out.insert(out.end(), r.request_hash.begin(), r.request_hash.end());
  out.insert(out.end(), r.response.begin(), r.response.end());
  return out;
}

Result<ClientTokenRecord> Decode(ByteView doc, const model::DirectoryObject& object) {
  if (doc.size() < 4 || ReadBe32(doc) > doc.size() - 4)
    return MakeError(ErrorCode::kCorrupt, "client token entry " + object.id + " is malformed");
  auto n = ReadBe32(doc);
  auto text = AsChars(doc);
  return ClientTokenRecord{std::string(text.substr(4, n)), std::string(text.substr(4 + n)), object.updated_at};
}

}  // namespace

Result<std::string> ClientTokenRecords::ObjectId(ByteView key) const {
  return HexEncode(SKERRY_TRY(keys_.IndexHash(kKind, AsChars(key))));
}

Result<std::optional<ClientTokenRecord>> ClientTokenRecords::Find(ByteView key) {
  auto id = SKERRY_TRY(ObjectId(key));
  std::optional<model::DirectoryObject> found;
  SKERRY_TRY(store_.Read([&](storage::ReadTxn& txn) -> Status {
    auto object = txn.GetObject("", std::string(kKind), id);
    if (object) found = std::move(*object);
    else if (object.error().code != ErrorCode::kNotFound) return tl::unexpected(object.error());
    return Ok();
  }));
  if (!found) return std::optional<ClientTokenRecord>();
  auto plain =
      SKERRY_TRY(CheckIntegrity(crypto::OpenValue(keys_.secrets_key(), Context(id), found->sealed), "client token", id));
  return std::optional<ClientTokenRecord>(SKERRY_TRY(Decode(plain, *found)));
}

Status ClientTokenRecords::Put(ByteView key, const ClientTokenRecord& record) {
  model::DirectoryObject object;
  object.kind = std::string(kKind);
  object.id = SKERRY_TRY(ObjectId(key));
  object.updated_at = record.completed_ms;
  object.sealed = crypto::SealValue(keys_.secrets_key(), Context(object.id), Encode(record), random_);
  return store_.Write([&](storage::WriteTxn& txn) { return txn.PutObject(object, 0); });
}

Result<std::size_t> ClientTokenRecords::PurgeCompletedBefore(std::int64_t cutoff_ms) {
  std::size_t purged = 0;
  std::string after;
  for (;;) {
    std::vector<model::DirectoryObject> page;
    SKERRY_TRY(store_.Read([&](storage::ReadTxn& txn) -> Status {
      page = SKERRY_TRY(txn.ListObjects("", std::string(kKind), after, kPurgePage));
      return Ok();
    }));
    std::vector<std::string> expired;
    for (const auto& o : page)
      if (o.updated_at <= cutoff_ms) expired.push_back(o.id);
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
    if (page.size() < kPurgePage) return purged;
    after = page.back().id;
  }
}

}  // namespace skerry::directory
