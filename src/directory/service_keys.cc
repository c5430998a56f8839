#include "directory/service_keys.h"

#include <fmt/format.h>

#include "crypto/hkdf.h"
#include "crypto/hmac.h"
#include "crypto/key_hierarchy.h"

namespace skerry::directory {
namespace {
constexpr std::string_view kKind = "service-key";
constexpr std::string_view kId = "root";

Result<SecretBytes> Derive(const SecretBytes& root, std::string_view label) {
  return crypto::HkdfSha256(root.view(), {}, AsBytes(label), 32);
}
}  // namespace

Result<std::unique_ptr<ServiceKeys>> ServiceKeys::Open(storage::MetadataStore& store,
                                                       crypto::KeyProvider& provider, Random& random) {
  const std::string key_id(crypto::kServiceKeyId);
  auto context = crypto::ServiceKeyContext("root");
  std::optional<model::DirectoryObject> stored;
  SKERRY_TRY(store.Read([&](storage::ReadTxn& txn) -> Status {
    auto found = txn.GetObject("", std::string(kKind), std::string(kId));
    if (found) stored = std::move(*found);
    else if (found.error().code != ErrorCode::kNotFound) return tl::unexpected(found.error());
    return Ok();
  }));
  if (!SKERRY_TRY(provider.HasKey(key_id))) {
    if (stored) {
      // A new key could never unwrap the stored root: the keyring is another one than the store's.
      return MakeError(ErrorCode::kConfig,
                       fmt::format("the store's service root is sealed under key {}, which the {} key provider "
                                   "does not hold: this keyring is not the one the store was created with",
                                   key_id, provider.Name()));
    }
    auto created = provider.CreateKey(key_id);
    if (!created && created.error().code != ErrorCode::kAlreadyExists) return tl::unexpected(created.error());
  }
  SecretBytes root;
  if (stored) {
    auto unwrapped = provider.Unwrap(key_id, context, stored->sealed);
    if (!unwrapped && unwrapped.error().code == ErrorCode::kCorrupt) {
      return MakeError(ErrorCode::kCorrupt,
                       fmt::format("the store's service root does not open under key {} of the {} key provider: "
                                   "this keyring is not the one the store was created with, or the stored root "
                                   "was modified ({})",
                                   key_id, provider.Name(), unwrapped.error().detail));
    }
    root = SKERRY_TRY(std::move(unwrapped));
  } else {
    root = crypto::GenerateKey(random);
    model::DirectoryObject object{"", std::string(kKind), std::string(kId),
                                  SKERRY_TRY(provider.Wrap(key_id, context, root)), 0, 0};
    // Only one process opens a data directory (the keyring is locked), so no race here.
    SKERRY_TRY(store.Write([&](storage::WriteTxn& txn) { return txn.PutObject(object, 0); }));
  }
  auto secrets = SKERRY_TRY(Derive(root, "skerry/v1/service-secrets"));
  auto index = SKERRY_TRY(Derive(root, "skerry/v1/service-index"));
  return std::unique_ptr<ServiceKeys>(new ServiceKeys(std::move(secrets), std::move(index)));
}

Result<Bytes> ServiceKeys::IndexHash(std::string_view purpose, std::string_view normalized) const {
  auto mac = SKERRY_TRY(crypto::HmacSha256::Create(index_));
  Bytes input(purpose.begin(), purpose.end());
  input.push_back(0);
  input.insert(input.end(), normalized.begin(), normalized.end());
  auto digest = SKERRY_TRY(mac.Mac(input));
  return Bytes(digest.begin(), digest.end());
}

}  // namespace skerry::directory
