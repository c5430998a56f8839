#include "crypto/hkdf.h"

#include <gtest/gtest.h>

namespace skerry::crypto {
namespace {

Bytes Range(int from, int to) {
  Bytes b;
  for (int i = from; i < to; ++i) b.push_back(static_cast<std::uint8_t>(i));
  return b;
}

struct Vector {
  const char* name;
  Bytes ikm, salt, info;
  std::size_t length;
  const char* prk;
  const char* okm;
};

// RFC 5869 Appendix A, test cases 1-3 (SHA-256).
std::vector<Vector> Vectors() {
  return {
      {"A.1", Bytes(22, 0x0b), Range(0x00, 0x0d), Range(0xf0, 0xfa), 42,
       "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
       "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"},
      {"A.2", Range(0x00, 0x50), Range(0x60, 0xb0), Range(0xb0, 0x100), 82,
       "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
       "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c6"
       "5e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87"},
      {"A.3",
       Bytes(22, 0x0b),
       {},
       {},
       42,
       "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
       "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"},
  };
}

TEST(HkdfTest, Rfc5869Vectors) {
  for (const auto& v : Vectors()) {
    SCOPED_TRACE(v.name);
    auto prk = HkdfExtract(v.salt, v.ikm);
    ASSERT_TRUE(prk.has_value());
    EXPECT_EQ(HexEncode(prk->view()), v.prk);
    auto okm = HkdfExpand(prk->view(), v.info, v.length);
    ASSERT_TRUE(okm.has_value());
    EXPECT_EQ(HexEncode(okm->view()), v.okm);
    auto both = HkdfSha256(v.ikm, v.salt, v.info, v.length);
    ASSERT_TRUE(both.has_value());
    EXPECT_EQ(HexEncode(both->view()), v.okm);
  }
}

TEST(HkdfTest, DistinctInfoGivesIndependentKeys) {
  Bytes ikm(32, 0x42);
  auto a = HkdfSha256(ikm, {}, AsBytes("skerry metadata"), 32).value();
  auto b = HkdfSha256(ikm, {}, AsBytes("skerry blind-index"), 32).value();
  EXPECT_NE(HexEncode(a.view()), HexEncode(b.view()));
  // A shorter output is a prefix of a longer one with the same inputs (RFC 5869 §2.3 T(1)..).
  auto longer = HkdfSha256(ikm, {}, AsBytes("skerry metadata"), 64).value();
  EXPECT_EQ(HexEncode(longer.view().first(32)), HexEncode(a.view()));
}

TEST(HkdfTest, RejectsOutOfRangeLengths) {
  Bytes prk(32, 1);
  EXPECT_EQ(HkdfExpand(prk, {}, 0).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(HkdfExpand(prk, {}, kHkdfMaxOutput + 1).error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(HkdfExpand(prk, {}, kHkdfMaxOutput).has_value());
  EXPECT_EQ(HkdfExpand(Bytes(16, 1), {}, 32).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(HkdfSha256(prk, {}, {}, 0).error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace skerry::crypto
