// skerry: the administrator's command line. Talks to a running skerryd over its operator API;
// `skerry config check` works offline.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <fmt/format.h>

#include "cli/operator_client.h"
#include "cli/quickstart.h"
#include "cli/workmail_client.h"
#include "server/config.h"

using namespace skerry;

namespace {
struct Globals {
  std::string data_dir = "var";
  std::string endpoint;
  std::string token;
  bool insecure = false;
  std::int64_t timeout_seconds = cli::kDefaultTimeout.count();
};

Result<cli::Endpoint> Resolve(const Globals& g) {
  cli::Endpoint e;
  if (g.endpoint.empty()) {
    e = SKERRY_TRY(cli::EndpointFromDataDir(g.data_dir));
    if (!g.token.empty()) e.token = g.token;
  } else {
    e = SKERRY_TRY(cli::EndpointFromUrl(g.endpoint));
    e.token = g.token;
  }
  e.insecure = g.insecure;
  e.timeout = std::chrono::seconds(g.timeout_seconds);
  return e;
}

// Prints the body; exit status 0 for 2xx, 1 otherwise.
int Run(const Globals& g, const std::string& method, const std::string& target, const std::string& body = "",
        const std::string& content_type = "application/json") {
  auto e = Resolve(g);
  if (!e) {
    std::fprintf(stderr, "skerry: %s\n", e.error().detail.c_str());
    return 2;
  }
  auto r = cli::Call(*e, method, target, body, content_type);
  if (!r) {
    std::fprintf(stderr, "skerry: %s\n", r.error().detail.c_str());
    return 2;
  }
  std::fwrite(r->body.data(), 1, r->body.size(), r->status < 300 ? stdout : stderr);
  if (!r->body.empty() && r->body.back() != '\n') std::fputc('\n', r->status < 300 ? stdout : stderr);
  return r->status >= 200 && r->status < 300 ? 0 : 1;
}
}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"skerry: administer a Skerry server"};
  app.require_subcommand(1);
  Globals g;
  app.add_option("--data-dir", g.data_dir, "the server's data directory (finds endpoint and token)");
  app.add_option("--endpoint", g.endpoint, "https://host:port of the server instead of --data-dir");
  app.add_option("--token", g.token, "operator token (default: DATA_DIR/operator-token)");
  app.add_flag("--insecure", g.insecure, "do not verify the server's TLS certificate");
  app.add_option("--timeout", g.timeout_seconds,
                 "seconds each network step may take (resolve, connect, TLS handshake; sending or receiving "
                 "without progress) before the command fails")
      ->capture_default_str()
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{86400}))
      ->type_name("SECONDS");

  auto* version = app.add_subcommand("version", "print the version");
  auto* health = app.add_subcommand("health", "ask the server whether it is ready");

  auto* config = app.add_subcommand("config", "configuration files")->require_subcommand(1);
  std::string config_file;
  auto* config_check = config->add_subcommand("check", "validate a configuration file");
  config_check->add_option("file", config_file)->required();

  auto* org = app.add_subcommand("org", "organizations")->require_subcommand(1);
  std::string key_provider, key_id, org_id;
  auto* org_create = org->add_subcommand("create", "create an organization and its key");
  org_create->add_option("--key-provider", key_provider, "provider of a customer-managed key");
  org_create->add_option("--key-id", key_id, "name of an existing key in that provider");
  auto* org_delete = org->add_subcommand("delete", "delete an organization, destroying its keys");
  org_delete->add_option("organization-id", org_id)->required();

  auto* mbx = app.add_subcommand("mailbox", "mailboxes and items")->require_subcommand(1);
  std::string mailbox_id, folder_id, item_id, name;
  auto* mbx_create = mbx->add_subcommand("create", "create a mailbox with its default folders");
  mbx_create->add_option("organization-id", org_id)->required();
  auto* mbx_destroy = mbx->add_subcommand("destroy", "destroy a mailbox's key (crypto-shredding)");
  mbx_destroy->add_option("mailbox-id", mailbox_id)->required();
  auto* mbx_folders = mbx->add_subcommand("folders", "list folders");
  mbx_folders->add_option("mailbox-id", mailbox_id)->required();
  auto* mbx_mkfolder = mbx->add_subcommand("create-folder", "create a folder");
  mbx_mkfolder->add_option("mailbox-id", mailbox_id)->required();
  mbx_mkfolder->add_option("name", name)->required();
  auto* mbx_append = mbx->add_subcommand("append", "store a message read from standard input");
  mbx_append->add_option("mailbox-id", mailbox_id)->required();
  mbx_append->add_option("folder-id", folder_id)->required();
  auto* mbx_list = mbx->add_subcommand("list", "list a folder's items");
  mbx_list->add_option("mailbox-id", mailbox_id)->required();
  mbx_list->add_option("folder-id", folder_id)->required();
  auto* mbx_fetch = mbx->add_subcommand("fetch", "write an item's content to standard output");
  mbx_fetch->add_option("mailbox-id", mailbox_id)->required();
  mbx_fetch->add_option("item-id", item_id)->required();

  auto* admin = app.add_subcommand("admin", "admin principals of the WorkMail API")->require_subcommand(1);
  std::string key_name = "admin", policy = "AmazonWorkMailFullAccess", policy_file, access_key_id;
  auto* create_key = admin->add_subcommand("create-access-key", "create an access key (its secret is shown once)");
  create_key->add_option("--name", key_name, "principal name");
  create_key->add_option("--policy", policy, "AmazonWorkMailFullAccess, AmazonWorkMailReadOnlyAccess, or a JSON document");
  create_key->add_option("--policy-file", policy_file, "file holding a JSON policy document");
  auto* list_keys = admin->add_subcommand("list-access-keys", "list access keys (no secrets)");
  auto* delete_key = admin->add_subcommand("delete-access-key", "delete an access key");
  delete_key->add_option("access-key-id", access_key_id)->required();

  auto* domain = app.add_subcommand("domain", "mail domains: DNS records and their status")->require_subcommand(1);
  std::string domain_org, domain_name;
  bool domain_check = false;
  auto* domain_status = domain->add_subcommand("status", "each DNS record the domain needs, with its status");
  domain_status->add_option("--org", domain_org, "organization id (m-...)")->required();
  domain_status->add_option("--domain", domain_name, "the mail domain")->required();
  domain_status->add_flag("--check", domain_check, "ask DNS now instead of using a recent check");
  auto* domain_zone = domain->add_subcommand("zone", "the records as a zone file to import into a DNS provider");
  domain_zone->add_option("--org", domain_org, "organization id (m-...)")->required();
  domain_zone->add_option("--domain", domain_name, "only this domain (default: every registered domain)");

  auto* quickstart = app.add_subcommand(
      "quickstart", "create an organization, a domain and a user through the WorkMail API; print client settings");
  cli::QuickstartOptions qs;
  quickstart->add_option("--alias", qs.alias, "organization alias")->required();
  quickstart->add_option("--domain", qs.domain, "a mail domain to register (its DNS records are printed)");
  quickstart->add_option("--user", qs.user, "the first user's name (default: admin)");
  quickstart->add_option("--display-name", qs.display_name, "the first user's display name");
  quickstart->add_option("--password", qs.password, "the first user's password (default: generated, shown once)");

  auto* audit = app.add_subcommand("audit", "query the audit trail (JSON lines, oldest first)");
  std::string event_name, principal;
  std::int64_t since_ms = 0, until_ms = 0;
  std::size_t limit = 1000;
  audit->add_option("--event-name", event_name, "only this operation, e.g. CreateUser");
  audit->add_option("--principal", principal, "only calls signed by this access key id");
  audit->add_option("--since-ms", since_ms, "from this time (unix ms, inclusive)");
  audit->add_option("--until-ms", until_ms, "until this time (unix ms, exclusive)");
  audit->add_option("--limit", limit, "at most this many records per request");

  CLI11_PARSE(app, argc, argv);

  if (*version) {
    std::printf("skerry 0.1.0\n");
    return 0;
  }
  if (*config_check) {
    auto c = server::LoadConfigFile(config_file);
    if (!c) {
      std::fprintf(stderr, "%s\n", c.error().detail.c_str());
      return 1;
    }
    std::printf("%s: OK\n", config_file.c_str());
    return 0;
  }
  if (*health) return Run(g, "GET", "/healthz");
  if (*create_key) {
    if (!policy_file.empty()) {
      std::ifstream in(policy_file);
      if (!in) {
        std::fprintf(stderr, "skerry: cannot read %s\n", policy_file.c_str());
        return 2;
      }
      policy.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    boost::json::object body{{"name", key_name}, {"policy", policy}};
    return Run(g, "POST", "/skerry/v1/access-keys", boost::json::serialize(body));
  }
  if (*list_keys) return Run(g, "GET", "/skerry/v1/access-keys");
  if (*delete_key) return Run(g, "DELETE", "/skerry/v1/access-keys/" + access_key_id);
  if (*audit) {
    std::string q = fmt::format("/skerry/v1/audit?limit={}&fromMs={}", limit, since_ms);
    if (until_ms) q += fmt::format("&toMs={}", until_ms);
    if (!event_name.empty()) q += "&eventName=" + event_name;
    if (!principal.empty()) q += "&principal=" + principal;
    return Run(g, "GET", q);
  }
  if (*quickstart) {
    auto e = Resolve(g);
    if (!e) {
      std::fprintf(stderr, "skerry: %s\n", e.error().detail.c_str());
      return 2;
    }
    auto credentials = cli::CredentialsFromDataDir(g.data_dir);
    if (!credentials) {
      std::fprintf(stderr, "skerry: %s\n", credentials.error().detail.c_str());
      return 2;
    }
    return cli::RunQuickstart(*e, *credentials, g.data_dir, qs);
  }
  if (*domain_status)
    return Run(g, "GET", fmt::format("/skerry/v1/organizations/{}/domains/{}{}", domain_org, domain_name,
                                     domain_check ? "?check=1" : ""));
  if (*domain_zone)
    return Run(g, "GET", fmt::format("/skerry/v1/organizations/{}/zone{}", domain_org,
                                     domain_name.empty() ? "" : "?domain=" + domain_name));
  if (*org_create) {
    std::string body = key_id.empty() ? "{}" : fmt::format(R"({{"keyProvider":"{}","keyId":"{}"}})", key_provider, key_id);
    return Run(g, "POST", "/skerry/v1/organizations", body);
  }
  if (*org_delete) return Run(g, "DELETE", "/skerry/v1/organizations/" + org_id);
  if (*mbx_create) return Run(g, "POST", "/skerry/v1/organizations/" + org_id + "/mailboxes");
  if (*mbx_destroy) return Run(g, "DELETE", "/skerry/v1/mailboxes/" + mailbox_id);
  if (*mbx_folders) return Run(g, "GET", "/skerry/v1/mailboxes/" + mailbox_id + "/folders");
  if (*mbx_mkfolder) {
    std::string escaped;
    for (char c : name) escaped += (c == '"' || c == '\\') ? std::string{'\\', c} : std::string{c};
    return Run(g, "POST", "/skerry/v1/mailboxes/" + mailbox_id + "/folders", fmt::format(R"({{"name":"{}"}})", escaped));
  }
  if (*mbx_append) {
    std::string content((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    return Run(g, "POST", "/skerry/v1/mailboxes/" + mailbox_id + "/folders/" + folder_id + "/items", content, "message/rfc822");
  }
  if (*mbx_list) return Run(g, "GET", "/skerry/v1/mailboxes/" + mailbox_id + "/folders/" + folder_id + "/items");
  if (*mbx_fetch) return Run(g, "GET", "/skerry/v1/mailboxes/" + mailbox_id + "/items/" + item_id + "/content");
  return 0;
}
