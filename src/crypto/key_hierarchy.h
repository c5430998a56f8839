#pragma once
// The key hierarchy as code (DESIGN §3; docs/formats/key-hierarchy.md): the names, contexts and
// derivations every layer must agree on, so that a mailbox key wrapped by one component is
// unwrapped by another.
//
//   provider org key ──Wrap(ctx {org, mailbox})──▶ mailbox key ──WrapKey("blob/<id>/data-key")──▶
//   item data key (one per blob) ──▶ blob stream (blob_stream.h)
//   mailbox key ──HKDF──▶ metadata sealing key (SealValue), blind-index key (HmacSha256)
//   provider org key ──Wrap(ctx {org, purpose})──▶ org directory key (org log key: reserved)
//   provider service key ──Wrap(ctx {service: "root"})──▶ service root key ──HKDF──▶ secrets
//   key, index key (directory/service_keys.h)

#include <string>
#include <string_view>

#include "base/error.h"
#include "base/random.h"
#include "base/secret_bytes.h"
#include "crypto/key_provider.h"

namespace skerry::crypto {

// The server-wide key in the provider.
inline constexpr std::string_view kServiceKeyId = "skerry-service";

// Provider key id of an organization's service-managed default key. An organization created
// with a customer-managed key stores that key's id instead (model::KeyRef).
std::string DefaultOrgKeyId(std::string_view org_id);
// True for ids Skerry makes and destroys itself (kServiceKeyId, DefaultOrgKeyId's): never a
// customer-managed key, or deleting one organization would shred another's data.
bool IsServiceManagedKeyId(std::string_view key_id);

// Encryption contexts for KeyProvider::Wrap/Unwrap.
EncryptionContext MailboxKeyContext(std::string_view org_id, std::string_view mailbox_id);
// purpose: "directory", "log".
EncryptionContext OrgKeyContext(std::string_view org_id, std::string_view purpose);
// purpose: "root" (directory/service_keys.h).
EncryptionContext ServiceKeyContext(std::string_view purpose);

// Context (sealed_value.h) of an item data key wrapped under its mailbox key.
std::string DataKeyContext(std::string_view blob_id);

// Purpose-bound subkeys of a mailbox key (or org directory key), so one key never serves two
// algorithms: HKDF-SHA256 (RFC 5869) with an empty salt and the label below as info.
enum class Subkey {
  kMetadataSealing,  // "skerry/v1/metadata-sealing": SealValue of names, subjects, addresses
  kBlindIndex,       // "skerry/v1/blind-index": HmacSha256 of normalized values and tokens
};
std::string_view SubkeyLabel(Subkey which);
[[nodiscard]] Result<SecretBytes> DeriveSubkey(const SecretBytes& parent, Subkey which);

// A fresh AES-256 key (mailbox key, data key) from `random` (Random::Secure() in production).
[[nodiscard]] SecretBytes GenerateKey(Random& random);

}  // namespace skerry::crypto
