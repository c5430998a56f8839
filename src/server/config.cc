#include "server/config.h"

#include <string.h>  // explicit_bzero

#include <fmt/format.h>

#include <boost/asio/ip/address.hpp>
#include <toml++/toml.h>

#include "base/file_util.h"

namespace skerry::server {

const std::vector<ProtocolInfo>& KnownProtocols() {
  static const std::vector<ProtocolInfo> kProtocols = {
      {"smtp", 25, false, false},       {"submission", 587, false, false},
      {"submissions", 465, true, false}, {"imap", 143, false, false},
      {"imaps", 993, true, false},      {"http", 80, false, true},
      {"https", 443, true, true},
  };
  return kProtocols;
}

const ProtocolInfo* FindProtocol(std::string_view name) {
  for (const auto& p : KnownProtocols())
    if (p.name == name) return &p;
  return nullptr;
}

std::uint16_t PortOffset(const ProtocolInfo& p) { return p.production_port % 1000; }

std::string ListenAddress::ToString() const {
  return host.find(':') != std::string::npos ? fmt::format("[{}]:{}", host, port)
                                             : fmt::format("{}:{}", host, port);
}

namespace {

// Collects "file: key: problem" messages so one run reports every mistake at once.
class Checker {
 public:
  explicit Checker(const std::filesystem::path& source) : source_(source.string()) {}
  void Fail(std::string_view key, std::string_view problem) {
    errors_.push_back(fmt::format("{}: {}: {}", source_.empty() ? "<config>" : source_, key, problem));
  }
  bool ok() const { return errors_.empty(); }
  std::string Joined() const {
    std::string out;
    for (const auto& e : errors_) out += (out.empty() ? "" : "\n") + e;
    return out;
  }

 private:
  std::string source_;
  std::vector<std::string> errors_;
};

// A DNS name: labels of 1-63 letters, digits and inner hyphens, 253 characters at most. It goes
// into the certificate's names and the protocols' greetings, where a comma or space would be
// read as something else.
bool IsHostName(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  std::size_t label = 0;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char ch = name[i];
    if (ch == '.') {
      if (label == 0 || name[i - 1] == '-') return false;
      label = 0;
      continue;
    }
    bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
    if (!alnum && !(ch == '-' && label > 0)) return false;
    if (++label > 63) return false;
  }
  return label > 0 && name.back() != '-';
}

Result<ListenAddress> ParseListenAddress(std::string_view text) {
  ListenAddress a;
  std::string_view host, port;
  if (text.starts_with('[')) {
    auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':')
      return MakeError(ErrorCode::kConfig, "expected [v6-address]:port");
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return MakeError(ErrorCode::kConfig, "expected host:port");
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  if (host.empty()) return MakeError(ErrorCode::kConfig, "empty host");
  // Bound as given: a name would only fail later, at start-up, after keys and store were made.
  boost::system::error_code not_ip;
  boost::asio::ip::make_address(std::string(host), not_ip);
  if (not_ip) {
    return MakeError(ErrorCode::kConfig,
                     "host must be an IP address (127.0.0.1, 0.0.0.0, [::1], [::]), not a name");
  }
  unsigned value = 0;
  if (port.empty() || port.size() > 5) return MakeError(ErrorCode::kConfig, "bad port");
  for (char c : port) {
    if (c < '0' || c > '9') return MakeError(ErrorCode::kConfig, "bad port");
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value == 0 || value > 65535) return MakeError(ErrorCode::kConfig, "port out of range 1-65535");
  a.host = std::string(host);
  a.port = static_cast<std::uint16_t>(value);
  return a;
}

// Reads an optional value of type T at `path`; reports a type mismatch.
template <typename T>
void Read(const toml::table& root, std::string_view path, T& out, Checker& check) {
  auto node = root.at_path(path);
  if (!node) return;
  if (auto v = node.value_exact<T>()) {  // value<T>() would convert: true → 1, 4.0 → 4
    out = *v;
  } else {
    check.Fail(path, fmt::format("expected {}", std::is_same_v<T, std::string> ? "a string"
                                               : std::is_same_v<T, bool>      ? "a boolean"
                                                                              : "an integer"));
  }
}

void ReadStrings(const toml::table& root, std::string_view path, std::vector<std::string>& out, Checker& check) {
  auto node = root.at_path(path);
  if (!node) return;
  const auto* arr = node.as_array();
  if (!arr) {
    check.Fail(path, "expected an array of strings");
    return;
  }
  out.clear();
  for (const auto& item : *arr) {
    auto text = item.value<std::string>();
    if (!text) {
      check.Fail(path, "expected an array of strings");
      return;
    }
    out.push_back(*text);
  }
}

// An integer in [lo, hi] at `path`, or the default already in `out`.
void ReadInt(const toml::table& root, std::string_view path, int& out, std::int64_t lo, std::int64_t hi,
             Checker& check) {
  std::int64_t v = out;
  Read(root, path, v, check);
  if (v < lo || v > hi) check.Fail(path, fmt::format("must be {} to {}", lo, hi));
  else out = static_cast<int>(v);
}

void ReadDnsAndDomains(const toml::table& root, Config& c, Checker& check) {
  ReadStrings(root, "dns.forwarders", c.dns_forwarders, check);
  ReadStrings(root, "dns.local_data", c.dns_local_data, check);
  ReadInt(root, "dns.timeout_ms", c.dns_timeout_ms, 100, 60000, check);
  ReadInt(root, "dns.cache_max_ttl", c.dns_cache_max_ttl, 0, 604800, check);
  ReadInt(root, "dns.cache_max_negative_ttl", c.dns_cache_max_negative_ttl, 0, 86400, check);
  Read(root, "domains.mail_host", c.domains_mail_host, check);
  Read(root, "domains.autodiscover_host", c.domains_autodiscover_host, check);
  Read(root, "domains.dkim_selector", c.domains_dkim_selector, check);
  if (c.domains_dkim_selector.empty() || c.domains_dkim_selector.size() > 63 ||
      c.domains_dkim_selector.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
    check.Fail("domains.dkim_selector", "must be one DNS label: lowercase letters, digits and hyphens");
  Read(root, "domains.require_verification", c.domains_require_verification, check);
  ReadInt(root, "domains.recheck_seconds", c.domains_recheck_seconds, 0, 86400, check);
  ReadInt(root, "domains.check_interval_seconds", c.domains_check_interval_seconds, 0, 7 * 86400, check);
}

void CheckKnownKeys(const toml::table& root, Checker& check) {
  static const std::map<std::string, std::vector<std::string>> kKeys = {
      {"server", {"data_dir", "hostname", "threads", "max_connections", "max_connections_per_ip"}},
      {"log", {"level", "format", "file"}},
      {"tls", {"cert", "key"}},
      {"listeners", {}},
      {"keys", {"provider", "cache_seconds", "local", "pkcs11"}},
      {"store", {"readers", "max_batch", "wal_pages", "change_tail_rows", "blob_gc_seconds", "orphan_sweep_seconds", "orphan_grace_seconds"}},
      {"http", {"max_body_bytes", "read_timeout_seconds"}},
      {"shutdown", {"grace_seconds"}},
      {"dns", {"forwarders", "local_data", "timeout_ms", "cache_max_ttl", "cache_max_negative_ttl"}},
      {"domains", {"mail_host", "autodiscover_host", "dkim_selector", "require_verification", "recheck_seconds",
                   "check_interval_seconds"}},
  };
  // Tables inside sections: a mistyped key there (say keys.local.directory) must not leave the
  // default in force unnoticed.
  static const std::map<std::string, std::vector<std::string>> kNestedKeys = {
      {"keys.local", {"dir"}},
      {"keys.pkcs11", {"module", "token_label", "pin", "pin_file"}},
  };
  for (const auto& [k, v] : root) {
    auto it = kKeys.find(std::string(k.str()));
    if (it == kKeys.end()) {
      check.Fail(k.str(), "unknown section");
      continue;
    }
    const auto* table = v.as_table();
    if (!table) {
      check.Fail(k.str(), "expected a table");
      continue;
    }
    if (it->first == "listeners") continue;  // checked against KnownProtocols
    for (const auto& [sub, subnode] : *table) {
      const auto& allowed = it->second;
      std::string path = fmt::format("{}.{}", k.str(), sub.str());
      if (std::find(allowed.begin(), allowed.end(), sub.str()) == allowed.end()) {
        check.Fail(path, "unknown key");
        continue;
      }
      auto nested = kNestedKeys.find(path);
      if (nested == kNestedKeys.end()) continue;
      const auto* subtable = subnode.as_table();
      if (!subtable) {
        check.Fail(path, "expected a table");
        continue;
      }
      for (const auto& [leaf, _] : *subtable) {
        if (std::find(nested->second.begin(), nested->second.end(), leaf.str()) == nested->second.end())
          check.Fail(fmt::format("{}.{}", path, leaf.str()), "unknown key");
      }
    }
  }
}

void ReadListeners(const toml::table& root, Config& c, Checker& check) {
  const auto* listeners = root["listeners"].as_table();
  if (!listeners) return;
  for (const auto& [name, node] : *listeners) {
    std::string key = fmt::format("listeners.{}", name.str());
    if (!FindProtocol(name.str())) {
      check.Fail(key, "unknown protocol (known: smtp, submission, submissions, imap, imaps, http, https)");
      continue;
    }
    const auto* arr = node.as_array();
    if (!arr) {
      check.Fail(key, "expected an array of \"host:port\" strings");
      continue;
    }
    auto& out = c.listeners[std::string(name.str())];
    for (const auto& item : *arr) {
      auto text = item.value<std::string>();
      if (!text) {
        check.Fail(key, "expected an array of \"host:port\" strings");
        continue;
      }
      auto addr = ParseListenAddress(*text);
      if (!addr) check.Fail(key, fmt::format("\"{}\": {}", *text, addr.error().detail));
      else out.push_back(*addr);
    }
  }
}

}  // namespace

Result<Config> ParseConfig(std::string_view toml_text, const std::filesystem::path& source) {
  toml::table root;
  try {
    root = toml::parse(toml_text, source.string());
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    return MakeError(ErrorCode::kConfig, fmt::format("{}:{}:{}: {}", source.string(), where.line,
                                                     where.column, e.description()));
  }
  Config c;
  c.source = source;
  Checker check(source);
  CheckKnownKeys(root, check);

  std::string data_dir = c.data_dir.string();
  Read(root, "server.data_dir", data_dir, check);
  c.data_dir = data_dir;
  Read(root, "server.hostname", c.hostname, check);
  if (!IsHostName(c.hostname))
    check.Fail("server.hostname", "must be a DNS name (letters, digits, hyphens, dots; at most 253)");
  std::int64_t threads = 0;
  Read(root, "server.threads", threads, check);
  if (threads < 0 || threads > 256) check.Fail("server.threads", "must be 0 (one per core) to 256");
  c.threads = static_cast<int>(threads);

  std::string level = "info", format = "text";
  Read(root, "log.level", level, check);
  Read(root, "log.format", format, check);
  Read(root, "log.file", c.log_file, check);
  if (!ParseLogLevel(level, c.log_level)) check.Fail("log.level", "expected debug, info, warn or error");
  if (format == "json") c.log_format = LogFormat::kJson;
  else if (format == "text") c.log_format = LogFormat::kText;
  else check.Fail("log.format", "expected json or text");

  std::string cert, key;
  Read(root, "tls.cert", cert, check);
  Read(root, "tls.key", key, check);
  if (cert.empty() != key.empty()) check.Fail("tls", "set both cert and key, or neither (self-signed)");
  c.tls_cert = cert;
  c.tls_key = key;

  ReadListeners(root, c, check);

  std::string provider = "local";
  Read(root, "keys.provider", provider, check);
  if (provider == "local") c.key_provider = KeyProviderKind::kLocal;
  else if (provider == "pkcs11") c.key_provider = KeyProviderKind::kPkcs11;
  else check.Fail("keys.provider", "expected local or pkcs11");
  std::int64_t cache_seconds = c.key_cache_seconds;
  Read(root, "keys.cache_seconds", cache_seconds, check);
  if (cache_seconds < 0 || cache_seconds > 60)
    check.Fail("keys.cache_seconds", "must be 0 to 60 (mailbox keys are cached at most a minute)");
  c.key_cache_seconds = static_cast<int>(cache_seconds);
  std::string local_dir = "keys";
  Read(root, "keys.local.dir", local_dir, check);
  c.local_key_dir = local_dir;
  Read(root, "keys.pkcs11.module", c.pkcs11_module, check);
  Read(root, "keys.pkcs11.token_label", c.pkcs11_token_label, check);
  std::string pin, pin_file;
  Read(root, "keys.pkcs11.pin", pin, check);
  Read(root, "keys.pkcs11.pin_file", pin_file, check);
  c.pkcs11_pin = std::make_shared<const SecretBytes>(AsBytes(pin));
  explicit_bzero(pin.data(), pin.size());
  if (!pin_file.empty()) {
    auto read = ReadFileBytes(pin_file);
    if (!read) check.Fail("keys.pkcs11.pin_file", read.error().detail);
    else {
      c.pkcs11_pin = std::make_shared<const SecretBytes>(WithoutLineEnd(*read));
      explicit_bzero(read->data(), read->size());
    }
  }
  if (c.key_provider == KeyProviderKind::kPkcs11) {
    if (c.pkcs11_module.empty()) check.Fail("keys.pkcs11.module", "required when keys.provider = \"pkcs11\"");
    if (c.pkcs11_token_label.empty()) check.Fail("keys.pkcs11.token_label", "required when keys.provider = \"pkcs11\"");
    if (c.pkcs11_pin->empty()) check.Fail("keys.pkcs11.pin", "required (or pin_file) when keys.provider = \"pkcs11\"");
  }

  ReadInt(root, "store.readers", c.store_readers, 1, 64, check);
  ReadInt(root, "store.max_batch", c.store_max_batch, 1, 4096, check);
  ReadInt(root, "store.wal_pages", c.store_wal_pages, 1000, 1000000, check);
  ReadInt(root, "store.change_tail_rows", c.store_change_tail_rows, 16, 1000000, check);
  ReadInt(root, "store.blob_gc_seconds", c.store_blob_gc_seconds, 0, 86400, check);
  ReadInt(root, "store.orphan_sweep_seconds", c.store_orphan_sweep_seconds, 1, 30 * 86400, check);
  ReadInt(root, "store.orphan_grace_seconds", c.store_orphan_grace_seconds, 1, 30 * 86400, check);

  std::int64_t body = static_cast<std::int64_t>(c.http_max_body_bytes);
  Read(root, "http.max_body_bytes", body, check);
  if (body < 1024 || body > (std::int64_t{1} << 30))
    check.Fail("http.max_body_bytes", "must be 1024 to 1073741824 (1 GiB)");
  c.http_max_body_bytes = static_cast<std::uint64_t>(body);
  ReadInt(root, "http.read_timeout_seconds", c.http_read_timeout_seconds, 1, 3600, check);
  ReadInt(root, "server.max_connections", c.max_connections, 1, 1000000, check);
  ReadInt(root, "server.max_connections_per_ip", c.max_connections_per_ip, 0, 1000000, check);
  ReadInt(root, "shutdown.grace_seconds", c.shutdown_grace_seconds, 0, 600, check);

  ReadDnsAndDomains(root, c, check);

  if (!check.ok()) return MakeError(ErrorCode::kConfig, check.Joined());
  return c;
}

Result<Config> LoadConfigFile(const std::filesystem::path& path) {
  auto text = ReadFileBytes(path);
  if (!text) return MakeError(ErrorCode::kConfig, fmt::format("cannot read config: {}", text.error().detail));
  return ParseConfig(AsChars(*text), path);
}

void ApplyPortBase(Config& config, std::uint16_t port_base) {
  config.listeners.clear();
  for (const auto& p : KnownProtocols()) {
    if (!p.implemented) continue;  // nothing would answer there
    config.listeners[std::string(p.name)].push_back(
        {"127.0.0.1", static_cast<std::uint16_t>(port_base + PortOffset(p))});
  }
}

}  // namespace skerry::server
