#pragma once
// LocalKeyProvider: the default KeyProvider, a keyring file on the host (DESIGN §3).
//
// Files in `dir` (created 0700):
//   master.key  32 random bytes, mode 0600, made on first start. Protects the keyring; back it
//               up separately from the data (whoever has both has every key).
//   keyring     mode 0600: "SKKR" | 0x01 | sealed value (format 0x01, sealed_value.h) of the
//               serialized entries under the master key with context "skerry/keyring/v1".
//               Entries: be32 count, then per entry be16 len(id) | id | state (0x01 live,
//               0x02 destroyed) | 32 key bytes (live only). A destroyed key keeps only its
//               tombstone, so its id reports kKeyDestroyed and is never reused.
//   keyring.lock held with flock(LOCK_EX) while the provider is open: one process per keyring.
//   master.key.new  only while the master key changes (first start, and every DestroyKey: a
//               keyring copied before a key was destroyed must not open with the master key
//               in use after it). Written first; the keyring sealed under it is the commit
//               point; then it is renamed over master.key. Open() finishes a change whose
//               keyring was written and drops one whose keyring was not.
//
// Opening refuses (never repairs, never creates over) a keyring that is not exactly right:
// group/world-accessible files, a master key of the wrong length, a keyring failing
// authentication (wrong master key or tampering), or only one of the two files present.
//
// Wrapped format: a wrapped key (sealed_value.h, format 0x02) under the named key with context
// "kms/" || key id || 0x00 || SerializeEncryptionContext(context).
//
// Thread-safe (one mutex); CreateKey/DestroyKey block on an fsync of the rewritten keyring.

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "base/random.h"
#include "crypto/key_provider.h"

namespace skerry::crypto {

class LocalKeyProvider final : public KeyProvider {
 public:
  static constexpr std::string_view kMasterKeyFile = "master.key";
  static constexpr std::string_view kKeyringFile = "keyring";
  static constexpr std::string_view kLockFile = "keyring.lock";
  static constexpr std::string_view kPendingMasterFile = "master.key.new";
  static constexpr std::string_view kKeyringContext = "skerry/keyring/v1";
  static constexpr std::uint8_t kKeyringMagic[5] = {'S', 'K', 'K', 'R', 0x01};

  enum class Creation {
    kIfMissing,  // a first start: directory, master key and an empty keyring
    kNever,      // data sealed under a keyring exists: a new one could never open it
  };

  // Opens the keyring in `dir`, creating directory, master key and an empty keyring only when
  // neither file exists and `creation` allows it (otherwise kNotFound, nothing created).
  // kConfig for unsafe modes, a bad master key or a half-present pair, kCorrupt when the keyring
  // fails authentication, kUnavailable when another process holds it. `random` (nonces, new
  // keys) must outlive the provider; use Random::Secure().
  [[nodiscard]] static Result<std::unique_ptr<LocalKeyProvider>> Open(
      const std::filesystem::path& dir, Random& random, Creation creation = Creation::kIfMissing);

  ~LocalKeyProvider() override;

  std::string_view Name() const override { return "local"; }
  Status CreateKey(const std::string& key_id) override;
  Result<bool> HasKey(const std::string& key_id) override;
  Result<Bytes> Wrap(const std::string& key_id, const EncryptionContext& context,
                     const SecretBytes& plaintext_key) override;
  Result<SecretBytes> Unwrap(const std::string& key_id, const EncryptionContext& context,
                             ByteView wrapped) override;
  Status DestroyKey(const std::string& key_id) override;

 private:
  struct Entry {
    bool destroyed = false;
    SecretBytes key;  // empty once destroyed
  };
  using Entries = std::map<std::string, Entry, std::less<>>;

  LocalKeyProvider(std::filesystem::path dir, Random& random, SecretBytes master, Entries entries,
                   int lock_fd);
  // Writes the keyring sealed under `master`. REQUIRES: mu_ held.
  Status Persist(const SecretBytes& master);
  // Makes `next` the master key and the keyring sealed under it, crash-safely (through
  // master.key.new). REQUIRES: mu_ held.
  Status CommitUnder(SecretBytes next);
  Result<const Entry*> Live(const std::string& key_id);  // REQUIRES: mu_ held

  const std::filesystem::path dir_;
  Random& random_;
  SecretBytes master_;  // guarded by mu_: DestroyKey replaces it
  const int lock_fd_;
  std::mutex mu_;
  Entries entries_;
};

}  // namespace skerry::crypto
