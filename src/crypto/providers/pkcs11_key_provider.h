#pragma once
// Pkcs11KeyProvider: organization keys held on a PKCS#11 token (an HSM; SoftHSM2 in tests), for
// customer-managed keys (DESIGN §3). Key material never leaves the token: keys are generated
// on it non-extractable and every wrap/unwrap is a C_Encrypt/C_Decrypt call.
//
// Token objects (PKCS#11 v2.40):
//   key        CKO_SECRET_KEY, CKK_AES, 32 bytes, CKA_LABEL = key id, CKA_TOKEN, CKA_PRIVATE,
//              CKA_SENSITIVE, !CKA_EXTRACTABLE, CKA_ENCRYPT, CKA_DECRYPT (C_GenerateKey with
//              CKM_AES_KEY_GEN)
//   tombstone  CKO_DATA, CKA_LABEL = "skerry-tombstone:" + key id, CKA_APPLICATION = "skerry",
//              written before the key is destroyed so Unwrap can answer kKeyDestroyed
//
// Wrapped format: 0x01 | IV (12, random) | C_Encrypt output (ciphertext || 16-byte tag) with
// CKM_AES_GCM (CK_GCM_PARAMS: 96-bit IV, AAD = SerializeEncryptionContext(context), 128-bit tag).
//
// Threads and blocking: one logged-in session, used under a mutex, so calls serialise and each
// may block for a device round trip. A session lost to a token reset is reopened and the call
// retried once. The PIN is kept (as SecretBytes) for that re-login and never logged.

#include <memory>
#include <mutex>
#include <string>

#include "base/random.h"
#include "base/secret_bytes.h"
#include "crypto/key_provider.h"

namespace skerry::crypto {

// The module, config, slot and session handles; defined in the .cc so that <p11-kit/pkcs11.h>
// stays out of this header.
struct Pkcs11Session;

struct Pkcs11Config {
  std::string module_path;  // e.g. /usr/lib/softhsm/libsofthsm2.so
  std::string token_label;  // CK_TOKEN_INFO.label, without its space padding
  SecretBytes pin;          // CKU_USER PIN
};

class Pkcs11KeyProvider final : public KeyProvider {
 public:
  static constexpr std::string_view kTombstonePrefix = "skerry-tombstone:";
  static constexpr std::uint8_t kWrapFormat = 0x01;

  // Loads the module, finds the token by label, opens a session and logs in.
  // kConfig: module not loadable, no token with that label. kPermissionDenied: PIN rejected or
  // locked. kUnavailable: the module or token failed.
  // `random` (wrap IVs) must outlive the provider; use Random::Secure().
  [[nodiscard]] static Result<std::unique_ptr<Pkcs11KeyProvider>> Open(Pkcs11Config config,
                                                                       Random& random);
  ~Pkcs11KeyProvider() override;

  std::string_view Name() const override { return "pkcs11"; }
  Status CreateKey(const std::string& key_id) override;
  Result<bool> HasKey(const std::string& key_id) override;
  Result<Bytes> Wrap(const std::string& key_id, const EncryptionContext& context,
                     const SecretBytes& plaintext_key) override;
  Result<SecretBytes> Unwrap(const std::string& key_id, const EncryptionContext& context,
                             ByteView wrapped) override;
  Status DestroyKey(const std::string& key_id) override;

 private:
  Pkcs11KeyProvider(std::unique_ptr<Pkcs11Session> state, Random& random);

  template <typename T, typename F>
  Result<T> WithSession(F&& op);

  std::mutex mu_;
  std::unique_ptr<Pkcs11Session> state_;
  Random& random_;
};

}  // namespace skerry::crypto
