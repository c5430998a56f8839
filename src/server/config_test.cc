#include "server/config.h"

#include <cstdlib>
#include <memory>

#include <gtest/gtest.h>

#include "base/file_util.h"
#include "base/temp_dir.h"

namespace skerry::server {
namespace {

std::string Detail(const Result<Config>& r) { return r ? "" : r.error().detail; }

TEST(Config, EmptyGivesDocumentedDefaults) {
  auto c = ParseConfig("", "empty.toml");
  ASSERT_TRUE(c) << Detail(c);
  EXPECT_EQ(c->data_dir, "/var/lib/skerry");
  EXPECT_EQ(c->key_cache_seconds, 60);
  EXPECT_EQ(c->key_provider, KeyProviderKind::kLocal);
  EXPECT_TRUE(c->listeners.empty());
}

TEST(Config, SampleFileIsValid) {
  const char* src = std::getenv("SKERRY_SOURCE_DIR");
  ASSERT_NE(src, nullptr);
  auto c = LoadConfigFile(std::string(src) + "/etc/skerry.sample.toml");
  ASSERT_TRUE(c) << Detail(c);
  EXPECT_EQ(c->listeners.at("smtp").at(0).port, 25);
  EXPECT_EQ(c->listeners.at("submission").at(0).port, 587);
  EXPECT_EQ(c->listeners.at("submissions").at(0).port, 465);
  EXPECT_EQ(c->listeners.at("imap").at(0).port, 143);
  EXPECT_EQ(c->listeners.at("imaps").at(0).port, 993);
  EXPECT_EQ(c->listeners.at("https").at(0).port, 443);
  EXPECT_EQ(c->log_format, LogFormat::kJson);
  EXPECT_EQ(c->store_wal_pages, 40000);
  EXPECT_EQ(c->store_change_tail_rows, 2048);
}

TEST(Config, SyntaxErrorNamesFileLineAndColumn) {
  auto c = ParseConfig("[server]\nhostname = \n", "/etc/skerry/bad.toml");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, ErrorCode::kConfig);
  EXPECT_NE(c.error().detail.find("/etc/skerry/bad.toml:2:"), std::string::npos) << c.error().detail;
}

TEST(Config, ReportsEveryProblemWithItsKey) {
  auto c = ParseConfig(R"(
[server]
threads = "four"
colour = "blue"
[log]
level = "loud"
[listeners]
imap = ["127.0.0.1:99999"]
gopher = ["127.0.0.1:70"]
[keys]
cache_seconds = 3600
)", "x.toml");
  ASSERT_FALSE(c);
  const auto& d = c.error().detail;
  for (const char* needle : {"x.toml: server.threads: expected an integer", "server.colour: unknown key",
                             "log.level: expected debug", "listeners.imap: \"127.0.0.1:99999\": port out of range",
                             "listeners.gopher: unknown protocol", "keys.cache_seconds: must be 0 to 60"}) {
    EXPECT_NE(d.find(needle), std::string::npos) << "missing \"" << needle << "\" in:\n" << d;
  }
}

// Mistakes the parser must not paper over: converted types, keys inside nested tables, names
// where an address belongs, and limits that would let one request take the machine's memory.
TEST(Config, RefusesConvertedTypesNestedTyposNamesAndHugeBodies) {
  auto c = ParseConfig(R"(
[shutdown]
grace_seconds = true
[store]
readers = 4.0
wal_pages = 10
change_tail_rows = 15
[domains]
require_verification = 0
[keys.local]
directory = "/srv/keys"
[http]
max_body_bytes = 9223372036854775807
[listeners]
https = ["localhost:443"]
[server]
hostname = "mail.example.com,evil.example"
)", "y.toml");
  ASSERT_FALSE(c);
  const auto& d = c.error().detail;
  for (const char* needle :
       {"shutdown.grace_seconds: expected an integer", "store.readers: expected an integer",
        "store.wal_pages: must be 1000 to 1000000", "store.change_tail_rows: must be 16 to 1000000",
        "domains.require_verification: expected a boolean", "keys.local.directory: unknown key",
        "http.max_body_bytes: must be 1024 to 1073741824", "\"localhost:443\": host must be an IP address",
        "server.hostname: must be a DNS name"}) {
    EXPECT_NE(d.find(needle), std::string::npos) << "missing \"" << needle << "\" in:\n" << d;
  }
}

TEST(Config, Pkcs11NeedsModuleTokenAndPin) {
  auto c = ParseConfig("[keys]\nprovider = \"pkcs11\"\n", "p.toml");
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().detail.find("keys.pkcs11.module: required"), std::string::npos);
  EXPECT_NE(c.error().detail.find("keys.pkcs11.token_label: required"), std::string::npos);
  EXPECT_NE(c.error().detail.find("keys.pkcs11.pin: required"), std::string::npos);
}

// The PIN is kept as secret bytes, once: from the file without its line end, or inline.
TEST(Config, Pkcs11PinFromAFileOrInline) {
  TempDir dir;
  auto pin_file = dir.path() / "pin";
  ASSERT_TRUE(WriteFileDurable(pin_file, AsBytes(std::string("12345678\r\n")), 0600));
  const std::string head =
      "[keys]\nprovider = \"pkcs11\"\n[keys.pkcs11]\nmodule = \"/m.so\"\ntoken_label = \"t\"\n";
  auto from_file = ParseConfig(head + "pin_file = \"" + pin_file.string() + "\"\n", "p.toml");
  ASSERT_TRUE(from_file) << from_file.error().ToString();
  EXPECT_EQ(ToString(Bytes(from_file->pkcs11_pin->view().begin(), from_file->pkcs11_pin->view().end())),
            "12345678");
  auto inline_pin = ParseConfig(head + "pin = \"8765\"\n", "p.toml");
  ASSERT_TRUE(inline_pin) << inline_pin.error().ToString();
  EXPECT_EQ(inline_pin->pkcs11_pin->size(), 4u);
  auto copy = *inline_pin;
  EXPECT_EQ(copy.pkcs11_pin.get(), inline_pin->pkcs11_pin.get()) << "shared, not copied";
}

TEST(Config, TlsNeedsBothFiles) {
  auto c = ParseConfig("[tls]\ncert = \"/x.pem\"\n", "t.toml");
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().detail.find("tls: set both cert and key"), std::string::npos);
}

TEST(Config, Ipv6ListenAddress) {
  auto c = ParseConfig("[listeners]\nhttps = [\"[::1]:8443\"]\n", "v6.toml");
  ASSERT_TRUE(c) << Detail(c);
  EXPECT_EQ(c->listeners.at("https").at(0).host, "::1");
  EXPECT_EQ(c->listeners.at("https").at(0).ToString(), "[::1]:8443");
}

TEST(Config, ConnectionLimitsOfTheServerAndOfOneClient) {
  auto d = ParseConfig("", "d.toml");
  ASSERT_TRUE(d) << Detail(d);
  EXPECT_EQ(d->max_connections, 10000);
  EXPECT_EQ(d->max_connections_per_ip, 256);
  auto c = ParseConfig("[server]\nmax_connections = 500\nmax_connections_per_ip = 0\n", "c.toml");
  ASSERT_TRUE(c) << Detail(c);
  EXPECT_EQ(c->max_connections, 500);
  EXPECT_EQ(c->max_connections_per_ip, 0);  // off
  auto bad = ParseConfig("[server]\nmax_connections = 0\nmax_connections_per_ip = -1\n", "b.toml");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().detail.find("b.toml: server.max_connections: must be 1 to 1000000"), std::string::npos)
      << bad.error().detail;
  EXPECT_NE(bad.error().detail.find("b.toml: server.max_connections_per_ip: must be 0 to 1000000"), std::string::npos)
      << bad.error().detail;
  auto typed = ParseConfig("[server]\nmax_connections_per_ip = \"many\"\n", "t.toml");
  ASSERT_FALSE(typed);
  EXPECT_NE(typed.error().detail.find("server.max_connections_per_ip: expected an integer"), std::string::npos)
      << typed.error().detail;
}

TEST(Config, PortBaseUsesProductionPortModuloThousand) {
  Config c;
  ApplyPortBase(c, 20000);
  EXPECT_EQ(c.listeners.at("https").at(0).port, 20443);
  EXPECT_EQ(c.listeners.at("http").at(0).port, 20080);
  for (const auto& p : KnownProtocols())
    EXPECT_EQ(c.listeners.count(std::string(p.name)), p.implemented ? 1u : 0u) << p.name;
  EXPECT_EQ(c.listeners.at("https").at(0).host, "127.0.0.1");
}

}  // namespace
}  // namespace skerry::server
