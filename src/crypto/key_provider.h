#pragma once
// KeyProvider: the "KMS" that holds organization keys and the service key (DESIGN §3). Keys
// never leave a provider; callers hand it a key to wrap (a mailbox key, an org directory key)
// and get back an opaque blob they store, bound to an encryption context.
//
// Implementations: LocalKeyProvider (a keyring file sealed under a host master key) and
// Pkcs11KeyProvider (an HSM or SoftHSM token, keys generated non-extractable on the token).
//
// Blocking and threads: every method may block - on a file fsync (local) or on a PKCS#11 round
// trip to a device (possibly a network HSM, tens of milliseconds). Call from a worker thread,
// never from a protocol I/O executor, and cache unwrapped mailbox keys (MailboxKeyCache).
// Every method is thread-safe.
//
// Errors that callers must tell apart:
//   kNotFound      no key of that id ever existed in this provider
//   kKeyDestroyed  the key existed and was destroyed: everything it wrapped is gone for good
//                  (crypto-shredding). Never retried, never "recreated".
//   kCorrupt       the wrapped blob does not authenticate: wrong encryption context,
//                  tampering, or a blob wrapped by another key
//   kUnavailable   the provider (token, device) cannot be reached; retrying may help

#include <map>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "base/error.h"
#include "base/secret_bytes.h"

namespace skerry::crypto {

// Additional authenticated data for Wrap/Unwrap, e.g. {"org": "m-…", "mailbox": "…"}: the same
// map must be presented to unwrap (as in AWS KMS). Values are ids, never customer content.
using EncryptionContext = std::map<std::string, std::string>;

// Canonical, unambiguous byte form of a context, used as AAD:
//   be32 count || for each entry in key order: be32 len(key) || key || be32 len(value) || value
[[nodiscard]] Bytes SerializeEncryptionContext(const EncryptionContext& context);

// Key ids are names chosen by the operator or derived from org ids: 1..128 characters of
// [A-Za-z0-9._:/-]. kInvalidArgument otherwise (keeps ids safe as file records and labels).
[[nodiscard]] Status ValidateKeyId(std::string_view key_id);

class KeyProvider {
 public:
  virtual ~KeyProvider() = default;

  // "local" or "pkcs11": stored in model::KeyRef::provider.
  virtual std::string_view Name() const = 0;

  // Generates a new AES-256 key inside the provider. kAlreadyExists if the id is in use or was
  // used by a key since destroyed (ids are never reused, so old wrapped blobs keep failing with
  // kKeyDestroyed rather than kCorrupt).
  [[nodiscard]] virtual Status CreateKey(const std::string& key_id) = 0;

  // True when a live key of that id exists; false when it never existed or was destroyed.
  [[nodiscard]] virtual Result<bool> HasKey(const std::string& key_id) = 0;

  // Wraps `plaintext_key` under the provider key `key_id`, binding `context`.
  // kNotFound / kKeyDestroyed as above.
  [[nodiscard]] virtual Result<Bytes> Wrap(const std::string& key_id,
                                           const EncryptionContext& context,
                                           const SecretBytes& plaintext_key) = 0;

  // Inverse of Wrap. kKeyDestroyed when the key was destroyed, kNotFound when it never
  // existed, kCorrupt for a wrong context or tampered blob.
  [[nodiscard]] virtual Result<SecretBytes> Unwrap(const std::string& key_id,
                                                   const EncryptionContext& context,
                                                   ByteView wrapped) = 0;

  // Destroys the key material irrevocably and records a tombstone so later calls report
  // kKeyDestroyed. Idempotent for an already destroyed key; kNotFound for an unknown id.
  [[nodiscard]] virtual Status DestroyKey(const std::string& key_id) = 0;
};

}  // namespace skerry::crypto
