#include "directory/admin_principals.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include "base/integrity.h"
#include "crypto/sealed_value.h"

namespace skerry::directory {
namespace json = boost::json;

namespace {
constexpr std::string_view kKind = "access-key";

std::string Context(const std::string& id) { return "access-key/" + id + "/document"; }

std::string RandomFrom(Random& random, std::string_view alphabet, size_t n) {
  std::string out;
  Bytes b = random.Generate(n);
  for (auto x : b) out.push_back(alphabet[x % alphabet.size()]);  // 256 % 32/64 == 0: unbiased
  return out;
}

Result<AccessKey> Decode(const SecretBytes& key, const model::DirectoryObject& o, std::string* secret) {
  auto plain = SKERRY_TRY(CheckIntegrity(crypto::OpenValue(key, Context(o.id), o.sealed), "access key", o.id));
  boost::system::error_code ec;
  auto v = json::parse(AsChars(plain), ec);
  if (ec || !v.is_object()) return MakeError(ErrorCode::kCorrupt, "access key document " + o.id + " is not JSON");
  const auto& d = v.as_object();
  AccessKey k;
  k.access_key_id = o.id;
  k.name = json::value_to<std::string>(d.at("name"));
  k.policy = json::value_to<std::string>(d.at("policy"));
  k.created_at = d.at("createdAt").to_number<std::int64_t>();
  k.active = d.at("active").as_bool();
  if (secret) *secret = json::value_to<std::string>(d.at("secret"));
  return k;
}
}  // namespace

Result<policy::IamPolicy> AdminPrincipals::PolicyOf(const AccessKey& key) const {
  return policy::IamPolicy::Attached(key.policy);
}

Result<NewAccessKey> AdminPrincipals::Create(const std::string& name, const std::string& policy_text) {
  if (name.empty() || name.size() > 64 || name.find_first_not_of(
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+=,.@_-") != std::string::npos)
    return MakeError(ErrorCode::kInvalidArgument, "principal name must be 1-64 characters of [A-Za-z0-9+=,.@_-]");
  NewAccessKey out;
  out.key.name = name;
  out.key.policy = policy_text;
  SKERRY_TRY(PolicyOf(out.key));  // refuse a policy that would never parse
  out.key.access_key_id = "AKIA" + RandomFrom(random_, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
  out.secret_access_key = RandomFrom(random_, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40);
  out.key.created_at = std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch()).count();
  json::object doc{{"name", name}, {"policy", policy_text}, {"createdAt", out.key.created_at},
                   {"active", true}, {"secret", out.secret_access_key}};
  std::string text = json::serialize(doc);
  model::DirectoryObject object{"", std::string(kKind), out.key.access_key_id,
                                crypto::SealValue(keys_.secrets_key(), Context(out.key.access_key_id), AsBytes(text), random_),
                                0, std::chrono::duration_cast<std::chrono::milliseconds>(clock_.Now().time_since_epoch()).count()};
  explicit_bzero(text.data(), text.size());
  SKERRY_TRY(store_.Write([&](storage::WriteTxn& txn) { return txn.PutObject(object, 0); }));
  return out;
}

Result<std::vector<AccessKey>> AdminPrincipals::List() {
  std::vector<model::DirectoryObject> objects;
  SKERRY_TRY(store_.Read([&](storage::ReadTxn& txn) -> Status {
    std::string after;
    for (;;) {
      auto page = SKERRY_TRY(txn.ListObjects("", std::string(kKind), after, 500));
      if (page.empty()) break;
      after = page.back().id;
      for (auto& o : page) objects.push_back(std::move(o));
    }
    return Ok();
  }));
  std::vector<AccessKey> out;
  for (const auto& o : objects) out.push_back(SKERRY_TRY(Decode(keys_.secrets_key(), o, nullptr)));
  return out;
}

Status AdminPrincipals::Delete(const std::string& access_key_id) {
  return store_.Write([&](storage::WriteTxn& txn) { return txn.DeleteObject("", std::string(kKind), access_key_id); });
}

Result<std::pair<AccessKey, SecretBytes>> AdminPrincipals::Lookup(const std::string& access_key_id) {
  model::DirectoryObject object;
  SKERRY_TRY(store_.Read([&](storage::ReadTxn& txn) -> Status {
    object = SKERRY_TRY(txn.GetObject("", std::string(kKind), access_key_id));
    return Ok();
  }));
  std::string secret;
  auto key = SKERRY_TRY(Decode(keys_.secrets_key(), object, &secret));
  if (!key.active) return MakeError(ErrorCode::kNotFound, "access key is inactive");
  SecretBytes secret_bytes(AsBytes(secret));
  explicit_bzero(secret.data(), secret.size());
  return std::make_pair(std::move(key), std::move(secret_bytes));
}

}  // namespace skerry::directory
