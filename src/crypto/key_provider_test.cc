#include "crypto/key_provider.h"

#include <gtest/gtest.h>

namespace skerry::crypto {
namespace {

TEST(EncryptionContextTest, CanonicalAndUnambiguous) {
  EncryptionContext a{{"org", "m-1"}, {"mailbox", "42"}};
  EncryptionContext b{{"mailbox", "42"}, {"org", "m-1"}};
  EXPECT_EQ(SerializeEncryptionContext(a), SerializeEncryptionContext(b));
  EXPECT_EQ(HexEncode(SerializeEncryptionContext({{"a", "bc"}})),
            "0000000100000001610000000262"
            "63");
  // Moving bytes between key and value, or between entries, changes the serialization.
  EXPECT_NE(SerializeEncryptionContext({{"ab", "c"}}), SerializeEncryptionContext({{"a", "bc"}}));
  EXPECT_NE(SerializeEncryptionContext({{"a", ""}, {"b", ""}}),
            SerializeEncryptionContext({{"a", "b"}}));
  EXPECT_EQ(HexEncode(SerializeEncryptionContext({})), "00000000");
}

TEST(KeyIdTest, Validation) {
  for (std::string_view ok :
       {"org-key", "m-0123456789abcdef0123456789abcdef", "a", "svc:spool", "team/alpha_1.2"}) {
    EXPECT_TRUE(ValidateKeyId(ok).has_value()) << ok;
  }
  for (std::string_view bad : {"", "has space", "new\nline", "semi;colon", "\xc3\xa9t\xc3\xa9"}) {
    EXPECT_EQ(ValidateKeyId(bad).error().code, ErrorCode::kInvalidArgument) << bad;
  }
  EXPECT_TRUE(ValidateKeyId(std::string(128, 'k')).has_value());
  EXPECT_FALSE(ValidateKeyId(std::string(129, 'k')).has_value());
}

}  // namespace
}  // namespace skerry::crypto
