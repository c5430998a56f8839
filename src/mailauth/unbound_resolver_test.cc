// The libunbound resolver answering from local data (no network is reached: the names are
// answered from the context's own zone data) and giving up on time against a silent server.
#include "mailauth/unbound_resolver.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace skerry::mailauth {
namespace {

TEST(UnboundResolver, AnswersFromLocalData) {
  UnboundOptions options;
  options.forwarders = {"127.0.0.1@9"};  // never asked: every name below is local
  options.local_data = {
      "_skerry.example.test. 300 IN TXT \"skerry-verification=abc\" \"def\"",
      "example.test. 300 IN MX 10 Mail.Example.NET.",
      "example.test. 300 IN MX 20 backup.example.net.",
      "autodiscover.example.test. 300 IN CNAME mail.example.net.",
      "host.example.test. 300 IN A 192.0.2.10",
  };
  auto resolver = UnboundResolver::Create(options);
  ASSERT_TRUE(resolver) << resolver.error().ToString();

  auto txt = (*resolver)->Lookup("_skerry.example.test", DnsType::kTxt);
  ASSERT_TRUE(txt) << txt.error().ToString();
  ASSERT_EQ(txt->status, DnsAnswer::Status::kOk);
  ASSERT_EQ(txt->texts.size(), 1u);
  EXPECT_EQ(txt->texts[0], "skerry-verification=abcdef");

  auto mx = (*resolver)->Lookup("EXAMPLE.test.", DnsType::kMx);
  ASSERT_TRUE(mx) << mx.error().ToString();
  ASSERT_EQ(mx->mx.size(), 2u);
  bool saw_primary = false;
  for (const auto& m : mx->mx) saw_primary |= (m.preference == 10 && m.host == "mail.example.net");
  EXPECT_TRUE(saw_primary);

  auto cname = (*resolver)->Lookup("autodiscover.example.test", DnsType::kCname);
  ASSERT_TRUE(cname) << cname.error().ToString();
  ASSERT_EQ(cname->names.size(), 1u);
  EXPECT_EQ(cname->names[0], "mail.example.net");

  auto a = (*resolver)->Lookup("host.example.test", DnsType::kA);
  ASSERT_TRUE(a);
  ASSERT_EQ(a->addresses.size(), 1u);
  EXPECT_EQ(a->addresses[0], "192.0.2.10");

  // The name exists locally, the type does not.
  auto nodata = (*resolver)->Lookup("host.example.test", DnsType::kTxt);
  ASSERT_TRUE(nodata) << nodata.error().ToString();
  EXPECT_EQ(nodata->status, DnsAnswer::Status::kNoData);
}

TEST(UnboundResolver, BadLocalDataIsAConfigError) {
  UnboundOptions options;
  options.forwarders = {"127.0.0.1@9"};
  options.local_data = {"this is not a record"};
  auto resolver = UnboundResolver::Create(options);
  ASSERT_FALSE(resolver);
  EXPECT_EQ(resolver.error().code, ErrorCode::kConfig);
  EXPECT_NE(resolver.error().detail.find("this is not a record"), std::string::npos);
}

TEST(UnboundResolver, SilentServerGivesUpOnTime) {
  // A bound UDP socket that never answers: the query can only end by our deadline (or by
  // libunbound declaring the server dead), never with an answer.
  int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  UnboundOptions options;
  options.forwarders = {"127.0.0.1@" + std::to_string(ntohs(addr.sin_port))};
  options.timeout = std::chrono::milliseconds(300);
  auto resolver = UnboundResolver::Create(options);
  ASSERT_TRUE(resolver) << resolver.error().ToString();
  auto r = (*resolver)->Lookup("nothing.example.com", DnsType::kTxt);
  ASSERT_FALSE(r);
  EXPECT_TRUE(r.error().code == ErrorCode::kTimeout || r.error().code == ErrorCode::kUnavailable)
      << r.error().ToString();
  ::close(fd);
}

}  // namespace
}  // namespace skerry::mailauth
