#include "crypto/key_hierarchy.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "base/clock.h"
#include "crypto/blob_stream.h"
#include "crypto/hkdf.h"
#include "crypto/hmac.h"
#include "crypto/key_cache.h"
#include "crypto/providers/local_key_provider.h"
#include "crypto/sealed_value.h"

namespace skerry::crypto {
namespace {

namespace fs = std::filesystem;

TEST(KeyHierarchyTest, SubkeysAreIndependentAndDeterministic) {
  SeededRandom random(1);
  SecretBytes mailbox_key = GenerateKey(random);
  auto seal = DeriveSubkey(mailbox_key, Subkey::kMetadataSealing).value();
  auto index = DeriveSubkey(mailbox_key, Subkey::kBlindIndex).value();
  EXPECT_EQ(seal.size(), 32u);
  EXPECT_FALSE(ConstantTimeEqual(seal.view(), index.view()));
  EXPECT_FALSE(ConstantTimeEqual(seal.view(), mailbox_key.view()));
  EXPECT_TRUE(ConstantTimeEqual(
      seal.view(), DeriveSubkey(mailbox_key, Subkey::kMetadataSealing).value().view()));
  // Exactly HKDF-SHA256(ikm = key, salt = "", info = label, 32): pinned so it never drifts.
  auto expected = HkdfSha256(mailbox_key.view(), {}, AsBytes("skerry/v1/blind-index"), 32).value();
  EXPECT_TRUE(ConstantTimeEqual(index.view(), expected.view()));
  SecretBytes zero(32);
  EXPECT_EQ(
      HexEncode(DeriveSubkey(zero, Subkey::kMetadataSealing).value().view()),
      HexEncode(
          HkdfSha256(zero.view(), {}, AsBytes("skerry/v1/metadata-sealing"), 32).value().view()));
  EXPECT_EQ(DeriveSubkey(SecretBytes(16), Subkey::kBlindIndex).error().code,
            ErrorCode::kInvalidArgument);
}

TEST(KeyHierarchyTest, ContextsAndNames) {
  EXPECT_EQ(MailboxKeyContext("m-1", "42"), (EncryptionContext{{"org", "m-1"}, {"mailbox", "42"}}));
  EXPECT_EQ(OrgKeyContext("m-1", "directory"),
            (EncryptionContext{{"org", "m-1"}, {"purpose", "directory"}}));
  EXPECT_EQ(ServiceKeyContext("spool"), (EncryptionContext{{"service", "spool"}}));
  EXPECT_EQ(DataKeyContext("abc"), "blob/abc/data-key");
  EXPECT_EQ(DefaultOrgKeyId("m-1"), "org/m-1");
  EXPECT_TRUE(IsServiceManagedKeyId(DefaultOrgKeyId("m-1")));
  EXPECT_TRUE(IsServiceManagedKeyId(kServiceKeyId));
  EXPECT_FALSE(IsServiceManagedKeyId("acme-cmk"));
  EXPECT_TRUE(ValidateKeyId(DefaultOrgKeyId("m-0123456789abcdef0123456789abcdef")).has_value());
  EXPECT_TRUE(ValidateKeyId(std::string(kServiceKeyId)).has_value());
}

// The whole chain, as the mailbox layer will use it, then crypto-shredding of the org key.
TEST(KeyHierarchyTest, EndToEndAndCryptoShredding) {
  std::string tmpl = (fs::temp_directory_path() / "skerry-hierarchy-XXXXXX").string();
  ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
  fs::path dir = tmpl;
  SeededRandom random(99);
  auto provider = LocalKeyProvider::Open(dir / "keys", random).value();
  const std::string org = "m-0123456789abcdef0123456789abcdef", mailbox = "mbx-1";
  const std::string org_key = DefaultOrgKeyId(org);
  ASSERT_TRUE(provider->CreateKey(org_key).has_value());

  // Mailbox creation: a fresh mailbox key, stored only wrapped.
  SecretBytes mailbox_key = GenerateKey(random);
  Bytes wrapped_mailbox_key =
      provider->Wrap(org_key, MailboxKeyContext(org, mailbox), mailbox_key).value();

  // Delivery: per-blob data key wrapped under the mailbox key, body streamed.
  FakeClock clock;
  MailboxKeyCache cache(clock);
  auto load = [&]() {
    return provider->Unwrap(org_key, MailboxKeyContext(org, mailbox), wrapped_mailbox_key);
  };
  SecretBytes mk = cache.Get(mailbox, load).value();
  SecretBytes data_key = GenerateKey(random);
  Bytes wrapped_data_key = WrapKey(mk, DataKeyContext("blob-1"), data_key, random);
  Bytes body = ToBytes("Subject: hi\r\n\r\nhello\r\n");
  Bytes blob = EncryptBlob(data_key, "blob-1", body, random).value();
  auto meta_key = DeriveSubkey(mk, Subkey::kMetadataSealing).value();
  Bytes sealed_subject = SealValue(meta_key, "message/1/subject", AsBytes("hi"), random);
  auto index_key = DeriveSubkey(mk, Subkey::kBlindIndex).value();
  auto token = HmacSha256Mac(index_key, AsBytes("hello")).value();

  // Read back through the same chain.
  auto read = [&](std::uint64_t off, std::uint64_t len) -> Result<Bytes> {
    return Bytes(blob.begin() + static_cast<std::ptrdiff_t>(off),
                 blob.begin() +
                     static_cast<std::ptrdiff_t>(std::min<std::uint64_t>(off + len, blob.size())));
  };
  SecretBytes mk2 = cache.Get(mailbox, load).value();
  SecretBytes dk2 = UnwrapKey(mk2, DataKeyContext("blob-1"), wrapped_data_key).value();
  auto dec = BlobDecryptor::Open(dk2, "blob-1", blob.size(), read).value();
  EXPECT_EQ(dec.DecryptAll(read).value(), body);
  EXPECT_EQ(AsChars(OpenValue(DeriveSubkey(mk2, Subkey::kMetadataSealing).value(),
                              "message/1/subject", sealed_subject)
                        .value()),
            "hi");
  EXPECT_EQ(HmacSha256Mac(DeriveSubkey(mk2, Subkey::kBlindIndex).value(), AsBytes("hello")).value(),
            token);
  EXPECT_EQ(cache.stats().hits, 1u);

  // Deleting the organization: destroy its key and evict cached mailbox keys. Everything under
  // it is now unreadable although the wrapped keys and the blob still exist.
  ASSERT_TRUE(provider->DestroyKey(org_key).has_value());
  cache.Evict(mailbox);
  auto gone = cache.Get(mailbox, load);
  ASSERT_FALSE(gone.has_value());
  EXPECT_EQ(gone.error().code, ErrorCode::kKeyDestroyed);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace skerry::crypto
