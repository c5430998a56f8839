#include "crypto/key_hierarchy.h"

#include "crypto/aead.h"
#include "crypto/hkdf.h"

namespace skerry::crypto {

std::string DefaultOrgKeyId(std::string_view org_id) { return "org/" + std::string(org_id); }

bool IsServiceManagedKeyId(std::string_view key_id) {
  return key_id == kServiceKeyId || key_id.starts_with("org/");
}

EncryptionContext MailboxKeyContext(std::string_view org_id, std::string_view mailbox_id) {
  return {{"org", std::string(org_id)}, {"mailbox", std::string(mailbox_id)}};
}

EncryptionContext OrgKeyContext(std::string_view org_id, std::string_view purpose) {
  return {{"org", std::string(org_id)}, {"purpose", std::string(purpose)}};
}

EncryptionContext ServiceKeyContext(std::string_view purpose) {
  return {{"service", std::string(purpose)}};
}

std::string DataKeyContext(std::string_view blob_id) {
  return "blob/" + std::string(blob_id) + "/data-key";
}

std::string_view SubkeyLabel(Subkey which) {
  switch (which) {
    case Subkey::kMetadataSealing:
      return "skerry/v1/metadata-sealing";
    case Subkey::kBlindIndex:
      return "skerry/v1/blind-index";
  }
  return "skerry/v1/unknown";
}

Result<SecretBytes> DeriveSubkey(const SecretBytes& parent, Subkey which) {
  if (parent.size() != kAesKeySize) {
    return MakeError(ErrorCode::kInvalidArgument, "subkeys derive from 32-byte keys only");
  }
  return HkdfSha256(parent.view(), {}, AsBytes(SubkeyLabel(which)), kAesKeySize);
}

SecretBytes GenerateKey(Random& random) {
  SecretBytes key(kAesKeySize);
  random.Fill(key.mutable_view());
  return key;
}

}  // namespace skerry::crypto
