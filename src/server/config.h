#pragma once
// skerryd's configuration: an immutable snapshot loaded from TOML (docs/configuration.md lists
// every key and its default; etc/skerry.sample.toml is the production sample). Validation
// errors name the file, the key and what was expected.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/log.h"
#include "base/secret_bytes.h"

namespace skerry::server {

// Every protocol a listener can serve, with the port offset used by --port-base: the listener
// binds 127.0.0.1:(base + offset). Offsets are the production port modulo 1000 so that dev
// ports are recognisable (10000 → IMAP on 10143, HTTPS on 10443).
struct ProtocolInfo {
  std::string_view name;
  std::uint16_t production_port;
  bool implicit_tls;
  bool implemented;  // listeners for protocols not yet built are accepted and skipped
};
const std::vector<ProtocolInfo>& KnownProtocols();
const ProtocolInfo* FindProtocol(std::string_view name);
std::uint16_t PortOffset(const ProtocolInfo& p);

struct ListenAddress {
  std::string host;
  std::uint16_t port = 0;
  std::string ToString() const;
};

enum class KeyProviderKind { kLocal, kPkcs11 };

struct Config {
  std::filesystem::path source;  // the file it came from, empty for defaults
  std::filesystem::path data_dir = "/var/lib/skerry";
  std::string hostname = "localhost";
  int threads = 0;  // 0: one per core

  LogLevel log_level = LogLevel::kInfo;
  LogFormat log_format = LogFormat::kText;
  std::string log_file = "stderr";

  std::filesystem::path tls_cert;  // empty: self-signed, generated on first start
  std::filesystem::path tls_key;

  std::map<std::string, std::vector<ListenAddress>> listeners;  // protocol → addresses

  KeyProviderKind key_provider = KeyProviderKind::kLocal;
  std::filesystem::path local_key_dir = "keys";  // relative to data_dir
  std::string pkcs11_module;
  std::string pkcs11_token_label;
  // From pin or pin_file; never logged. Shared, not copied: the one copy is wiped when the last
  // Config holding it goes.
  std::shared_ptr<const SecretBytes> pkcs11_pin = std::make_shared<const SecretBytes>();
  int key_cache_seconds = 60;

  int store_readers = 4;
  int store_max_batch = 256;
  int store_wal_pages = 40000;
  int store_change_tail_rows = 2048;  // change-log entries gathered before the writer folds them
  int store_blob_gc_seconds = 300;           // unreferenced-blob pass; 0 disables the collector
  int store_orphan_sweep_seconds = 86400;    // orphan sweep (lists every blob file)
  int store_orphan_grace_seconds = 3600;     // an orphan younger than this may be an append in flight

  int max_connections = 10000;  // server.max_connections: sessions of every listener together
  int max_connections_per_ip = 256;  // server.max_connections_per_ip: of one client address; 0: off
  std::uint64_t http_max_body_bytes = 64ull << 20;
  int http_read_timeout_seconds = 30;
  int shutdown_grace_seconds = 10;

  // DNS resolver (domain checks; later SPF, DKIM, DMARC, MX lookups).
  std::vector<std::string> dns_forwarders;  // "ip" or "ip@port"; empty: /etc/resolv.conf
  std::vector<std::string> dns_local_data;  // zone-file lines answered without asking anyone
  int dns_timeout_ms = 5000;
  int dns_cache_max_ttl = 86400;
  int dns_cache_max_negative_ttl = 60;

  // Mail domains: what their DNS records point at, and how they are checked.
  std::string domains_mail_host;          // empty: hostname
  std::string domains_autodiscover_host;  // empty: the mail host
  std::string domains_dkim_selector = "skerry";
  bool domains_require_verification = true;
  int domains_recheck_seconds = 60;
  int domains_check_interval_seconds = 3600;  // background re-check of every domain; 0: off

  std::string MailHost() const { return domains_mail_host.empty() ? hostname : domains_mail_host; }

  std::filesystem::path DataPath(const std::filesystem::path& p) const {
    return p.is_absolute() ? p : data_dir / p;
  }
};

// Parses TOML text; `source` names the file in error messages.
Result<Config> ParseConfig(std::string_view toml_text, const std::filesystem::path& source);
Result<Config> LoadConfigFile(const std::filesystem::path& path);

// The development layout: everything on 127.0.0.1 at port_base + offset, data in data_dir.
void ApplyPortBase(Config& config, std::uint16_t port_base);

}  // namespace skerry::server
