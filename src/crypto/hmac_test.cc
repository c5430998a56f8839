#include "crypto/hmac.h"

#include <gtest/gtest.h>

namespace skerry::crypto {
namespace {

// RFC 4231 §4, HMAC-SHA-256 results of test cases 1, 2, 4 and 6.
struct Vector {
  const char* name;
  Bytes key;
  Bytes data;
  const char* mac;
};

std::vector<Vector> Vectors() {
  Bytes case4_key;
  for (int i = 1; i <= 0x19; ++i) case4_key.push_back(static_cast<std::uint8_t>(i));
  return {
      {"4.2", Bytes(20, 0x0b), ToBytes("Hi There"),
       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
      {"4.3", ToBytes("Jefe"), ToBytes("what do ya want for nothing?"),
       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
      {"4.5", case4_key, Bytes(50, 0xcd),
       "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
      {"4.7", Bytes(131, 0xaa), ToBytes("Test Using Larger Than Block-Size Key - Hash Key First"),
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
  };
}

TEST(HmacSha256Test, Rfc4231Vectors) {
  for (const auto& v : Vectors()) {
    SCOPED_TRACE(v.name);
    SecretBytes key(v.key);
    auto one_shot = HmacSha256Mac(key, v.data);
    ASSERT_TRUE(one_shot.has_value());
    EXPECT_EQ(HexEncode(*one_shot), v.mac);
  }
}

TEST(HmacSha256Test, ReusedInstanceGivesSameAnswerEachTime) {
  auto v = Vectors()[1];
  auto hmac = HmacSha256::Create(SecretBytes(v.key)).value();
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(HexEncode(hmac.Mac(v.data).value()), v.mac);
    // Interleave another input so state from one call cannot leak into the next.
    EXPECT_NE(HexEncode(hmac.Mac(AsBytes("other")).value()), v.mac);
  }
  auto mac = hmac.Mac(v.data).value();
  EXPECT_TRUE(hmac.Verify(v.data, mac).value());
  mac[31] ^= 1;
  EXPECT_FALSE(hmac.Verify(v.data, mac).value());
  EXPECT_FALSE(hmac.Verify(v.data, ByteView(mac).first(16)).value());
}

TEST(HmacSha256Test, EmptyDataIsFineEmptyKeyIsNot) {
  auto hmac = HmacSha256::Create(SecretBytes(Bytes(32, 7))).value();
  EXPECT_TRUE(hmac.Mac({}).has_value());
  EXPECT_EQ(HmacSha256::Create(SecretBytes()).error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace skerry::crypto
