#include "crypto/sha256.h"

#include <gtest/gtest.h>

namespace skerry::crypto {
namespace {

// FIPS 180-4 examples (NIST CSRC "SHA256.pdf") and the empty string.
TEST(Sha256Test, KnownAnswers) {
  EXPECT_EQ(Sha256Hex({}).value(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex(AsBytes("abc")).value(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(AsBytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).value(),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  std::string million(1'000'000, 'a');
  EXPECT_EQ(Sha256Hex(AsBytes(million)).value(),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256Test, RawDigestMatchesHex) {
  auto d = Sha256(AsBytes("abc")).value();
  EXPECT_EQ(HexEncode(d), Sha256Hex(AsBytes("abc")).value());
  EXPECT_NE(Sha256(AsBytes("abd")).value(), d);
}

}  // namespace
}  // namespace skerry::crypto
