#include "crypto/sealed_value.h"

#include <gtest/gtest.h>

namespace skerry::crypto {
namespace {

class SealedValueTest : public ::testing::Test {
 protected:
  SeededRandom random_{42};
  SecretBytes key_{random_.Generate(32)};
};

TEST_F(SealedValueTest, RoundTripAndLayout) {
  for (std::string_view text : {"", "x", "Inbox/Projects/Skerry \xe2\x9c\x93"}) {
    Bytes sealed = SealValue(key_, "folder/7/name", AsBytes(text), random_);
    ASSERT_EQ(sealed.size(), text.size() + kSealedOverhead);
    EXPECT_EQ(sealed[0], kSealedValueFormat);
    auto opened = OpenValue(key_, "folder/7/name", sealed);
    ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
    EXPECT_EQ(AsChars(*opened), text);
  }
}

TEST_F(SealedValueTest, FreshNonceEverySeal) {
  Bytes a = SealValue(key_, "c", AsBytes("same"), random_);
  Bytes b = SealValue(key_, "c", AsBytes("same"), random_);
  EXPECT_NE(a, b);
  EXPECT_NE(Bytes(a.begin() + 1, a.begin() + 13), Bytes(b.begin() + 1, b.begin() + 13));
}

TEST_F(SealedValueTest, ContextBindsTheSlot) {
  Bytes sealed = SealValue(key_, "folder/7/name", AsBytes("Secret plans"), random_);
  for (std::string_view other :
       {"folder/8/name", "folder/7/nam", "folder/7/name ", "", "message/7/subject"}) {
    auto r = OpenValue(key_, other, sealed);
    ASSERT_FALSE(r.has_value()) << other;
    EXPECT_EQ(r.error().code, ErrorCode::kCorrupt);
  }
}

TEST_F(SealedValueTest, EveryRegionIsAuthenticated) {
  Bytes sealed = SealValue(key_, "ctx", AsBytes("attack at dawn"), random_);
  // Bit flips in the format byte, the nonce, the ciphertext and the tag.
  for (std::size_t bit = 0; bit < sealed.size() * 8; ++bit) {
    Bytes bad = sealed;
    bad[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    auto r = OpenValue(key_, "ctx", bad);
    ASSERT_FALSE(r.has_value()) << "bit " << bit;
    EXPECT_EQ(r.error().code, ErrorCode::kCorrupt);
  }
  // Every truncation, and an extension.
  for (std::size_t n = 0; n < sealed.size(); ++n) {
    auto r = OpenValue(key_, "ctx", ByteView(sealed).first(n));
    ASSERT_FALSE(r.has_value()) << "length " << n;
    EXPECT_EQ(r.error().code, ErrorCode::kCorrupt);
  }
  Bytes longer = sealed;
  longer.push_back(0);
  EXPECT_EQ(OpenValue(key_, "ctx", longer).error().code, ErrorCode::kCorrupt);
  // Another key.
  SecretBytes other(random_.Generate(32));
  EXPECT_EQ(OpenValue(other, "ctx", sealed).error().code, ErrorCode::kCorrupt);
  EXPECT_TRUE(OpenValue(key_, "ctx", sealed).has_value());
}

TEST_F(SealedValueTest, WrapUnwrapKey) {
  SecretBytes data_key(random_.Generate(32));
  Bytes wrapped = WrapKey(key_, "blob/abc", data_key, random_);
  EXPECT_EQ(wrapped[0], kWrappedKeyFormat);
  EXPECT_EQ(wrapped.size(), 32 + kSealedOverhead);
  auto back = UnwrapKey(key_, "blob/abc", wrapped);
  ASSERT_TRUE(back.has_value());
  EXPECT_TRUE(ConstantTimeEqual(back->view(), data_key.view()));
  EXPECT_EQ(UnwrapKey(key_, "blob/abd", wrapped).error().code, ErrorCode::kCorrupt);
  Bytes bad = wrapped;
  bad.back() ^= 0x80;
  EXPECT_EQ(UnwrapKey(key_, "blob/abc", bad).error().code, ErrorCode::kCorrupt);
}

TEST_F(SealedValueTest, ValuesAndWrappedKeysAreNotInterchangeable) {
  SecretBytes data_key(random_.Generate(32));
  Bytes wrapped = WrapKey(key_, "slot", data_key, random_);
  Bytes sealed = SealValue(key_, "slot", data_key.view(), random_);
  EXPECT_EQ(OpenValue(key_, "slot", wrapped).error().code, ErrorCode::kCorrupt);
  EXPECT_EQ(UnwrapKey(key_, "slot", sealed).error().code, ErrorCode::kCorrupt);
  // Even with the format byte rewritten, the AAD still carries the original format.
  wrapped[0] = kSealedValueFormat;
  EXPECT_EQ(OpenValue(key_, "slot", wrapped).error().code, ErrorCode::kCorrupt);
  sealed[0] = kWrappedKeyFormat;
  EXPECT_EQ(UnwrapKey(key_, "slot", sealed).error().code, ErrorCode::kCorrupt);
}

TEST_F(SealedValueTest, SealerReusesOneKeySchedule) {
  auto sealer = ValueSealer::Create(key_).value();
  for (int i = 0; i < 20; ++i) {
    std::string context = "row/" + std::to_string(i);
    Bytes sealed = sealer.Seal(context, AsBytes(context), random_).value();
    EXPECT_EQ(AsChars(OpenValue(key_, context, sealed).value()), context);
    EXPECT_EQ(AsChars(sealer.Open(context, sealed).value()), context);
  }
  EXPECT_EQ(ValueSealer::Create(SecretBytes(31)).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(OpenValue(SecretBytes(31), "c", Bytes(40)).error().code, ErrorCode::kInvalidArgument);
}

TEST_F(SealedValueTest, WrongKeySizeIsABugThatAborts) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  SecretBytes short_key(16);
  EXPECT_DEATH((void)SealValue(short_key, "c", AsBytes("x"), random_), "crypto.misuse");
}

}  // namespace
}  // namespace skerry::crypto
