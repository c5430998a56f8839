#include "crypto/aead.h"

#include <gtest/gtest.h>

#include "base/random.h"

namespace skerry::crypto {
namespace {

Bytes Hex(std::string_view h) { return HexDecode(h).value(); }
SecretBytes Key(std::string_view h) { return SecretBytes(Hex(h)); }

struct GcmVector {
  const char* name;
  const char* key;
  const char* iv;
  const char* aad;
  const char* plaintext;
  const char* ciphertext_and_tag;
};

// The AES-256 cases (13-16) of McGrew & Viega, "The Galois/Counter Mode of Operation", the
// vectors NIST SP 800-38D's validation suite builds on.
const GcmVector kVectors[] = {
    {"case13", "0000000000000000000000000000000000000000000000000000000000000000",
     "000000000000000000000000", "", "", "530f8afbc74536b9a963b4f1c4cb738b"},
    {"case14", "0000000000000000000000000000000000000000000000000000000000000000",
     "000000000000000000000000", "", "00000000000000000000000000000000",
     "cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919"},
    {"case15", "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
     "cafebabefacedbaddecaf888", "",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e24"
     "49a6b525b16aedf5aa0de657ba637b391aafd255",
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b10"
     "56828838c5f61e6393ba7a0abcc9f662898015adb094dac5d93471bdec1a502270e3cc6c"},
    {"case16", "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
     "cafebabefacedbaddecaf888", "feedfacedeadbeeffeedfacedeadbeefabaddad2",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e24"
     "49a6b525b16aedf5aa0de657ba637b39",
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b10"
     "56828838c5f61e6393ba7a0abcc9f66276fc6ece0f4e1768cddf8853bb2d551b"},
};

TEST(AesGcmTest, KnownAnswerVectors) {
  for (const auto& v : kVectors) {
    SCOPED_TRACE(v.name);
    auto gcm = AesGcm::Create(Key(v.key));
    ASSERT_TRUE(gcm.has_value());
    Bytes out = {0xAA};  // Seal appends: existing bytes are preserved
    ASSERT_TRUE(gcm->Seal(Hex(v.iv), Hex(v.aad), Hex(v.plaintext), out).has_value());
    EXPECT_EQ(out[0], 0xAA);
    EXPECT_EQ(HexEncode(ByteView(out).subspan(1)), v.ciphertext_and_tag);

    Bytes plain;
    ASSERT_TRUE(gcm->Open(Hex(v.iv), Hex(v.aad), Hex(v.ciphertext_and_tag), plain).has_value());
    EXPECT_EQ(HexEncode(plain), v.plaintext);

    auto one_shot = AesGcmSeal(Key(v.key), Hex(v.iv), Hex(v.aad), Hex(v.plaintext));
    ASSERT_TRUE(one_shot.has_value());
    EXPECT_EQ(HexEncode(*one_shot), v.ciphertext_and_tag);
    auto opened = AesGcmOpen(Key(v.key), Hex(v.iv), Hex(v.aad), *one_shot);
    ASSERT_TRUE(opened.has_value());
    EXPECT_EQ(HexEncode(*opened), v.plaintext);
  }
}

TEST(AesGcmTest, ReusedContextAlternatingDirectionsStaysCorrect) {
  // The context is keyed once and switches between seal and open; every record must still match
  // a freshly keyed one-shot computation.
  SeededRandom random(7);
  SecretBytes key(random.Generate(32));
  auto gcm = AesGcm::Create(key).value();
  for (int i = 0; i < 50; ++i) {
    Bytes nonce = random.Generate(12);
    Bytes aad = random.Generate(static_cast<std::size_t>(i % 5) * 7);
    Bytes plain = random.Generate(static_cast<std::size_t>(i) * 37);
    Bytes sealed;
    ASSERT_TRUE(gcm.Seal(nonce, aad, plain, sealed).has_value());
    EXPECT_EQ(sealed, AesGcmSeal(key, nonce, aad, plain).value());
    Bytes back;
    ASSERT_TRUE(gcm.Open(nonce, aad, sealed, back).has_value());
    EXPECT_EQ(back, plain);
  }
}

TEST(AesGcmTest, EveryFlippedBitFailsAuthentication) {
  SeededRandom random(1);
  SecretBytes key(random.Generate(32));
  auto gcm = AesGcm::Create(key).value();
  Bytes nonce = random.Generate(12), aad = ToBytes("folder/1/name"), plain = ToBytes("hello world");
  Bytes sealed;
  ASSERT_TRUE(gcm.Seal(nonce, aad, plain, sealed).has_value());

  for (std::size_t i = 0; i < sealed.size() * 8; ++i) {
    Bytes bad = sealed;
    bad[i / 8] ^= static_cast<std::uint8_t>(1u << (i % 8));
    Bytes out = {1, 2, 3};
    auto st = gcm.Open(nonce, aad, bad, out);
    ASSERT_FALSE(st.has_value()) << "bit " << i;
    EXPECT_EQ(st.error().code, ErrorCode::kCorrupt);
    EXPECT_EQ(out, (Bytes{1, 2, 3})) << "failed open must leave the output untouched";
  }
  for (std::size_t i = 0; i < nonce.size() * 8; ++i) {
    Bytes bad = nonce;
    bad[i / 8] ^= static_cast<std::uint8_t>(1u << (i % 8));
    Bytes out;
    EXPECT_EQ(gcm.Open(bad, aad, sealed, out).error().code, ErrorCode::kCorrupt);
  }
  for (std::size_t i = 0; i < aad.size() * 8; ++i) {
    Bytes bad = aad;
    bad[i / 8] ^= static_cast<std::uint8_t>(1u << (i % 8));
    Bytes out;
    EXPECT_EQ(gcm.Open(nonce, bad, sealed, out).error().code, ErrorCode::kCorrupt);
  }
  // Truncation and extension.
  Bytes out;
  EXPECT_EQ(gcm.Open(nonce, aad, ByteView(sealed).first(sealed.size() - 1), out).error().code,
            ErrorCode::kCorrupt);
  EXPECT_EQ(gcm.Open(nonce, aad, ByteView(sealed).first(15), out).error().code,
            ErrorCode::kCorrupt);
  Bytes longer = sealed;
  longer.push_back(0);
  EXPECT_EQ(gcm.Open(nonce, aad, longer, out).error().code, ErrorCode::kCorrupt);
  // Wrong key.
  auto other = AesGcm::Create(SecretBytes(random.Generate(32))).value();
  EXPECT_EQ(other.Open(nonce, aad, sealed, out).error().code, ErrorCode::kCorrupt);
  // And the genuine record still opens after all those failures.
  ASSERT_TRUE(gcm.Open(nonce, aad, sealed, out).has_value());
  EXPECT_EQ(out, plain);
}

TEST(AesGcmTest, RejectsBadKeyAndNonceSizes) {
  EXPECT_EQ(AesGcm::Create(SecretBytes(16)).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(AesGcm::Create(SecretBytes(33)).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(AesGcm::Create(SecretBytes()).error().code, ErrorCode::kInvalidArgument);
  auto gcm = AesGcm::Create(SecretBytes(32)).value();
  Bytes out;
  EXPECT_EQ(gcm.Seal(Bytes(8), {}, Bytes(4), out).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(gcm.Seal(Bytes(16), {}, Bytes(4), out).error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(gcm.Open(Bytes(11), {}, Bytes(20), out).error().code, ErrorCode::kInvalidArgument);
}

TEST(AesGcmTest, InPlaceSealAndOpen) {
  SeededRandom random(3);
  SecretBytes key(random.Generate(32));
  auto gcm = AesGcm::Create(key).value();
  Bytes nonce = random.Generate(12);
  Bytes plain = random.Generate(1000);
  Bytes buf = plain;
  buf.resize(plain.size() + kGcmTagSize);
  ASSERT_TRUE(gcm.SealInto(nonce, {}, ByteView(buf).first(plain.size()), buf).has_value());
  EXPECT_EQ(buf, AesGcmSeal(key, nonce, {}, plain).value());
  ASSERT_TRUE(gcm.OpenInto(nonce, {}, buf, MutableByteView(buf).first(plain.size())).has_value());
  EXPECT_TRUE(std::equal(plain.begin(), plain.end(), buf.begin()));
  // Wrong output sizes are refused rather than overrun.
  Bytes small(10);
  EXPECT_EQ(gcm.SealInto(nonce, {}, plain, small).error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace skerry::crypto
