#include "mailauth/dns_rdata.h"

#include <gtest/gtest.h>

#include <vector>

namespace skerry::mailauth {
namespace {

std::vector<std::uint8_t> Wire(std::initializer_list<std::string_view> labels) {
  std::vector<std::uint8_t> out;
  for (auto l : labels) {
    out.push_back(static_cast<std::uint8_t>(l.size()));
    out.insert(out.end(), l.begin(), l.end());
  }
  out.push_back(0);
  return out;
}

TEST(DnsRdata, NameIsLowercasedAndDotted) {
  auto w = Wire({"Mail", "Example", "COM"});
  std::size_t used = 0;
  auto name = DecodeWireName(w, used);
  ASSERT_TRUE(name) << name.error().ToString();
  EXPECT_EQ(*name, "mail.example.com");
  EXPECT_EQ(used, w.size());
}

TEST(DnsRdata, RootNameIsEmpty) {
  std::vector<std::uint8_t> w{0};
  std::size_t used = 0;
  EXPECT_EQ(DecodeWireName(w, used).value(), "");
}

TEST(DnsRdata, TruncatedOrCompressedNamesAreRefused) {
  std::size_t used = 0;
  std::vector<std::uint8_t> cut{4, 'm', 'a'};
  EXPECT_FALSE(DecodeWireName(cut, used));
  std::vector<std::uint8_t> pointer{0xc0, 0x0c};
  EXPECT_FALSE(DecodeWireName(pointer, used));
  std::vector<std::uint8_t> unterminated{1, 'a'};
  EXPECT_FALSE(DecodeWireName(unterminated, used));
}

TEST(DnsRdata, TxtStringsAreJoined) {
  std::vector<std::uint8_t> r{3, 'v', '=', 'D', 2, 'K', 'I', 0};
  EXPECT_EQ(DecodeTxt(r).value(), "v=DKI");
  std::vector<std::uint8_t> cut{5, 'a'};
  EXPECT_FALSE(DecodeTxt(cut));
}

TEST(DnsRdata, Mx) {
  std::vector<std::uint8_t> r{0, 10};
  auto host = Wire({"mx", "example", "net"});
  r.insert(r.end(), host.begin(), host.end());
  auto mx = DecodeMx(r);
  ASSERT_TRUE(mx);
  EXPECT_EQ(mx->preference, 10);
  EXPECT_EQ(mx->host, "mx.example.net");
  std::vector<std::uint8_t> short_mx{0, 10};
  EXPECT_FALSE(DecodeMx(short_mx));
}

TEST(DnsRdata, Addresses) {
  std::vector<std::uint8_t> v4{192, 0, 2, 7};
  EXPECT_EQ(DecodeAddress(v4).value(), "192.0.2.7");
  std::vector<std::uint8_t> v6(16, 0);
  v6[15] = 1;
  EXPECT_EQ(DecodeAddress(v6).value(), "::1");
  std::vector<std::uint8_t> odd{1, 2, 3};
  EXPECT_FALSE(DecodeAddress(odd));
}

TEST(DnsRdata, NormalizeDnsName) {
  EXPECT_EQ(NormalizeDnsName("Example.COM."), "example.com");
  EXPECT_EQ(NormalizeDnsName("a.b"), "a.b");
}

}  // namespace
}  // namespace skerry::mailauth
