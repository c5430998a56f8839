#include "crypto/signing_key.h"

#include <gtest/gtest.h>

namespace skerry::crypto {
namespace {

TEST(SigningKey, RsaPairRoundTrips) {
  auto pair = GenerateRsaKeyPair(2048);
  ASSERT_TRUE(pair) << pair.error().ToString();
  EXPECT_GT(pair->private_der.size(), 1000u);
  // A 2048-bit SubjectPublicKeyInfo is 294 bytes: 392 base64 characters.
  EXPECT_EQ(pair->public_base64.size(), 392u);
  EXPECT_EQ(PublicKeyOf(pair->private_der).value(), pair->public_base64);
  auto other = GenerateRsaKeyPair(2048);
  ASSERT_TRUE(other);
  EXPECT_NE(other->public_base64, pair->public_base64);
}

TEST(SigningKey, WeakOrBrokenKeysAreRefused) {
  EXPECT_FALSE(GenerateRsaKeyPair(512));
  SecretBytes junk(std::vector<std::uint8_t>{1, 2, 3});
  auto r = PublicKeyOf(junk);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kCorrupt);
}

}  // namespace
}  // namespace skerry::crypto
