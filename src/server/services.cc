#include "server/services.h"

#include <unistd.h>

#include <cstdio>
#include <vector>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "base/clock.h"
#include "base/file_util.h"
#include "base/log.h"
#include "base/log_events.h"
#include "base/random.h"
#include "crypto/key_cache.h"
#include "crypto/providers/local_key_provider.h"
#include "crypto/providers/pkcs11_key_provider.h"
#include "directory/admin_principals.h"
#include "directory/key_providers.h"
#include "directory/mail_domain_service.h"
#include "directory/org_directory.h"
#include "directory/service_keys.h"
#include "directory/organization_service.h"
#include "events/audit_trail.h"
#include "mailauth/unbound_resolver.h"
#include "mailbox/mailbox_service.h"
#include "protocols/admin_api/admin_api.h"
#include "protocols/operator_api/operator_api.h"
#include "server/periodic_task.h"
#include "storage/blob_collector.h"
#include "storage/fs/fs_blob_store.h"
#include "storage/sqlite/sqlite_store.h"

namespace skerry::server {

struct Services::Parts {
  Config config;
  std::unique_ptr<crypto::LocalKeyProvider> local_keys;
  std::unique_ptr<crypto::Pkcs11KeyProvider> pkcs11_keys;
  directory::KeyProviders providers;
  std::unique_ptr<crypto::MailboxKeyCache> key_cache;
  std::unique_ptr<storage::sqlite::SqliteStore> store;
  std::unique_ptr<storage::fs::FsBlobStore> blobs;
  std::unique_ptr<directory::ServiceKeys> service_keys;
  std::unique_ptr<directory::AdminPrincipals> principals;
  std::unique_ptr<directory::OrganizationService> orgs;
  std::unique_ptr<directory::OrgDirectory> directory;
  std::unique_ptr<mailauth::UnboundResolver> resolver;
  std::unique_ptr<directory::MailDomainService> domains;
  std::unique_ptr<storage::BlobCollector> blob_collector;
  std::unique_ptr<mailbox::MailboxService> mailboxes;
  std::unique_ptr<events::AuditTrail> audit;
  std::unique_ptr<directory::ClientTokenRecords> client_tokens;
  std::unique_ptr<admin_api::AdminApi> admin_api;
  std::unique_ptr<operator_api::OperatorApi> operator_api;
  std::string operator_token;
  // The jobs use everything above, so they are declared last: destroyed first (each joins its
  // thread), also when Open() fails half-way.
  std::vector<std::unique_ptr<PeriodicTask>> jobs;

  void StopJobs() {
    for (auto& job : jobs) job->RequestStop();  // all first, so runs in progress wind down together
    jobs.clear();
  }
  ~Parts() { StopJobs(); }
};

Services::Services(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
Services::~Services() = default;

namespace {
// The operator token is made once, 0600, and never logged.
Result<std::string> LoadOrCreateOperatorToken(const std::filesystem::path& path) {
  auto existing = ReadFileBytes(path);
  if (existing) {
    std::string token = ToString(WithoutLineEnd(*existing));
    if (token.size() < 32) return MakeError(ErrorCode::kConfig, fmt::format("{}: token too short", path.string()));
    return token;
  }
  if (existing.error().code != ErrorCode::kNotFound) return tl::unexpected(existing.error());
  std::string token = HexEncode(Random::Secure().Generate(32));
  SKERRY_TRY(WriteFileDurable(path, AsBytes(token + "\n"), 0600));
  Log(LogLevel::kInfo, ev::kAdminCredentialCreated, {{"file", path.string()}});
  return token;
}
}  // namespace

Result<std::unique_ptr<Services>> Services::Open(const Config& config) {
  auto p = std::make_unique<Parts>();
  p->config = config;
  Random& random = Random::Secure();
  Clock& clock = Clock::Real();

  // The local provider always exists: it holds service keys and service-managed org keys
  // unless PKCS#11 is the configured default. It is opened before the store, so a store that
  // exists was opened beside a keyring before: a missing one is lost or misconfigured, and a
  // fresh one would only ever fail to unwrap the store's keys.
  const auto store_path = config.data_dir / "store" / "skerry.db";
  std::error_code exists_error;
  const bool store_exists = std::filesystem::exists(store_path, exists_error);
  auto local = crypto::LocalKeyProvider::Open(
      config.DataPath(config.local_key_dir), random,
      store_exists ? crypto::LocalKeyProvider::Creation::kNever : crypto::LocalKeyProvider::Creation::kIfMissing);
  if (!local && local.error().code == ErrorCode::kNotFound && store_exists) {
    return MakeError(ErrorCode::kConfig,
                     fmt::format("{}, but the store {} holds data sealed under a keyring; refusing to create a new one, "
                                 "which could never open it (restore the keys directory from backup, or set "
                                 "keys.local.dir to where it is)",
                                 local.error().detail, store_path.string()));
  }
  p->local_keys = SKERRY_TRY(std::move(local));
  p->providers.Add(p->local_keys.get(), config.key_provider == KeyProviderKind::kLocal);
  if (config.key_provider == KeyProviderKind::kPkcs11) {
    crypto::Pkcs11Config options;
    options.module_path = config.pkcs11_module;
    options.token_label = config.pkcs11_token_label;
    options.pin = config.pkcs11_pin->Clone();
    p->pkcs11_keys = SKERRY_TRY(crypto::Pkcs11KeyProvider::Open(std::move(options), random));
    p->providers.Add(p->pkcs11_keys.get(), true);
  }
  p->key_cache = std::make_unique<crypto::MailboxKeyCache>(clock, std::chrono::seconds(config.key_cache_seconds));

  SKERRY_TRY(EnsureDirectory(store_path.parent_path(), 0700));
  storage::sqlite::SqliteStoreOptions store_options;
  store_options.readers = static_cast<std::size_t>(config.store_readers);
  store_options.max_batch = static_cast<std::size_t>(config.store_max_batch);
  store_options.checkpoints = storage::sqlite::CheckpointOptions::ForWalPages(config.store_wal_pages);
  store_options.change_tail_rows = static_cast<std::size_t>(config.store_change_tail_rows);
  p->store = SKERRY_TRY(storage::sqlite::SqliteStore::Open(store_path, store_options));
  p->blobs = SKERRY_TRY(storage::fs::FsBlobStore::Open(config.data_dir / "blobs"));

  // Server-wide keys live in the local provider, which always exists (DESIGN §3).
  p->service_keys = SKERRY_TRY(directory::ServiceKeys::Open(p->store->metadata(), *p->local_keys, random));
  p->principals = std::make_unique<directory::AdminPrincipals>(p->store->metadata(), *p->service_keys, random, clock);
  p->orgs = std::make_unique<directory::OrganizationService>(p->store->metadata(), p->providers, *p->key_cache,
                                                             *p->service_keys, config.hostname, random, clock);
  p->directory = std::make_unique<directory::OrgDirectory>(p->store->metadata(), p->providers, clock, random);
  p->orgs->AddDeletionListener([dir = p->directory.get()](const std::string& org) { dir->Evict(org); });
  p->mailboxes = std::make_unique<mailbox::MailboxService>(p->store->metadata(), *p->blobs, p->providers,
                                                           *p->key_cache, random, clock);
  // A cached plaintext key expires after its TTL, but only a Get of the same id or a sweep
  // wipes it: without this, the key of a mailbox read once would stay in memory for good.
  p->jobs.push_back(std::make_unique<PeriodicTask>(
      std::chrono::seconds(1), [keys = p->key_cache.get(), dir = p->directory.get()] {
        keys->Sweep();
        dir->SweepKeys();
      }));
  p->resolver = SKERRY_TRY(mailauth::UnboundResolver::Create({
      .forwarders = config.dns_forwarders,
      .local_data = config.dns_local_data,
      .timeout = std::chrono::milliseconds(config.dns_timeout_ms),
      .cache_max_ttl_seconds = config.dns_cache_max_ttl,
      .cache_max_negative_ttl_seconds = config.dns_cache_max_negative_ttl,
  }));
  directory::MailDomainOptions domain_options;
  domain_options.records.mail_host = config.MailHost();
  domain_options.records.autodiscover_host =
      config.domains_autodiscover_host.empty() ? config.MailHost() : config.domains_autodiscover_host;
  domain_options.dkim_selector = config.domains_dkim_selector;
  domain_options.require_verification = config.domains_require_verification;
  domain_options.recheck_seconds = config.domains_recheck_seconds;
  p->domains = std::make_unique<directory::MailDomainService>(*p->directory, *p->orgs, *p->service_keys,
                                                              p->resolver.get(), clock, random, domain_options);
  if (config.domains_check_interval_seconds > 0) {
    p->jobs.push_back(std::make_unique<PeriodicTask>(
        std::chrono::seconds(config.domains_check_interval_seconds),
        [domains = p->domains.get()](std::stop_token stop) {
          auto checked = domains->CheckAll(stop);
          if (!checked)
            Log(LogLevel::kWarn, ev::kMailDomainChecks, {{"error", checked.error().ToString()}});
          else
            Log(LogLevel::kInfo, ev::kMailDomainChecks, {{"domains", *checked}});
        }));
  }
  if (config.store_blob_gc_seconds > 0) {
    p->blob_collector = std::make_unique<storage::BlobCollector>(p->store->metadata(), *p->blobs, clock);
    p->jobs.push_back(std::make_unique<PeriodicTask>(
        std::chrono::seconds(config.store_blob_gc_seconds),
        [gc = p->blob_collector.get(), &clock, sweep_every = std::chrono::seconds(config.store_orphan_sweep_seconds),
         grace = std::chrono::seconds(config.store_orphan_grace_seconds),
         last_sweep = Clock::MonoTime{}](std::stop_token stop) mutable {
          auto pass = gc->CollectUnreferenced(500, stop);
          if (!pass) Log(LogLevel::kWarn, ev::kBlobGc, {{"error", pass.error().ToString()}});
          else if (pass->deleted + pass->kept > 0)
            Log(LogLevel::kInfo, ev::kBlobGc, {{"deleted", pass->deleted}, {"kept", pass->kept}});
          // The first sweep waits a full period too: right after a start, the grace alone
          // protects appends a crash interrupted, and listing every file can wait.
          auto now = clock.Monotonic();
          if (last_sweep == Clock::MonoTime{}) last_sweep = now;
          if (now - last_sweep < sweep_every) return;
          last_sweep = now;
          auto swept = gc->SweepOrphans(grace, stop);
          if (!swept) Log(LogLevel::kWarn, ev::kBlobGc, {{"error", swept.error().ToString()}});
          else Log(LogLevel::kInfo, ev::kBlobGc, {{"orphans", swept->orphans}});
        }));
  }
  auto* store = p->store.get();
  p->orgs->SetShredHook([store] { return store->Checkpoint(); });
  p->mailboxes->SetShredHook([store] { return store->Checkpoint(); });
  p->audit = std::make_unique<events::AuditTrail>(p->store->metadata(), *p->service_keys, random);
  p->client_tokens = std::make_unique<directory::ClientTokenRecords>(p->store->metadata(), *p->service_keys, random);
  p->admin_api = SKERRY_TRY(admin_api::AdminApi::Create(*p->principals, *p->orgs, *p->directory, *p->domains, *p->mailboxes, *p->service_keys, *p->audit, *p->client_tokens, random, clock));
  p->jobs.push_back(std::make_unique<PeriodicTask>(std::chrono::hours(1), [api = p->admin_api.get()] {
    auto purged = api->PurgeExpiredClientTokens();
    if (!purged) Log(LogLevel::kWarn, ev::kClientTokenPurge, {{"error", purged.error().ToString()}});
    else if (*purged > 0) Log(LogLevel::kInfo, ev::kClientTokenPurge, {{"purged", *purged}});
  }));
  p->operator_token = SKERRY_TRY(LoadOrCreateOperatorToken(config.data_dir / "operator-token"));
  p->operator_api = std::make_unique<operator_api::OperatorApi>(*p->orgs, *p->domains, *p->mailboxes, *p->principals, *p->audit, random,
                                                                p->operator_token);
  return std::unique_ptr<Services>(new Services(std::move(p)));
}

void Services::RegisterHttpRoutes(http::Router& router, const net::SessionTracker& tracker) {
  router.Add("GET", "/healthz", [&tracker](const http::Request&) {
    if (tracker.draining()) return http::Response::Json(503, R"({"status":"draining"})");
    return http::Response::Json(200, R"({"status":"ok"})");
  });
  parts_->operator_api->Register(router);
  parts_->admin_api->Register(router);
}

const Config& Services::config() const { return parts_->config; }

Status Services::EnsureFirstAdminCredentials(const std::string& endpoint_url) {
  auto existing = SKERRY_TRY(parts_->principals->List());
  if (!existing.empty()) return Ok();
  auto key = SKERRY_TRY(parts_->principals->Create("admin", "AmazonWorkMailFullAccess"));
  boost::json::object file{{"accessKeyId", key.key.access_key_id},
                           {"secretAccessKey", key.secret_access_key},
                           {"region", "us-east-1"},
                           {"endpoint", endpoint_url}};
  std::string text = boost::json::serialize(file) + "\n";
  auto path = parts_->config.data_dir / "admin-credentials.json";
  if (auto written = WriteFileDurable(path, AsBytes(text), 0600); !written) {
    explicit_bzero(text.data(), text.size());
    // A key whose secret reached no one would make the next start think the first key exists:
    // it goes, and the next start makes another.
    if (auto undone = parts_->principals->Delete(key.key.access_key_id); !undone)
      Log(LogLevel::kError, ev::kAdminCredentialCreated,
          {{"access_key_id", key.key.access_key_id}, {"error", undone.error().ToString()}});
    return written;
  }
  Log(LogLevel::kInfo, ev::kAdminCredentialCreated, {{"file", path.string()}, {"access_key_id", key.key.access_key_id}});
  // Printed once, for the administrator who just started the server in a terminal; never logged.
  // Under a service manager stdout is a log (journal, container log), so then only the file is
  // named.
  if (::isatty(STDOUT_FILENO)) {
    std::printf("First admin access key (also in %s):\n  aws_access_key_id = %s\n  aws_secret_access_key = %s\n",
                path.c_str(), key.key.access_key_id.c_str(), key.secret_access_key.c_str());
  } else {
    std::printf("First admin access key: %s (mode 0600)\n", path.c_str());
  }
  std::fflush(stdout);
  explicit_bzero(text.data(), text.size());
  return Ok();
}

Status Services::Close() {
  // No job may start a store write after the store closed.
  parts_->StopJobs();
  if (parts_->store) parts_->store->Close();
  return Ok();
}

}  // namespace skerry::server
