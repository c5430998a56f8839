#pragma once
// The catalog of log event names. Add here, never inline a new name at a call site.

#include <string_view>

namespace skerry::ev {

inline constexpr std::string_view kServerStarting = "server.starting";
inline constexpr std::string_view kServerReady = "server.ready";
inline constexpr std::string_view kServerStopping = "server.stopping";
inline constexpr std::string_view kServerStopped = "server.stopped";
// A broken invariant the process cannot continue past (logged just before it aborts).
inline constexpr std::string_view kInvariantBroken = "invariant.broken";
inline constexpr std::string_view kConfigLoaded = "config.loaded";
inline constexpr std::string_view kConfigInvalid = "config.invalid";
inline constexpr std::string_view kListenerUp = "listener.up";
inline constexpr std::string_view kListenerFailed = "listener.failed";
inline constexpr std::string_view kTlsCertGenerated = "tls.cert_generated";
inline constexpr std::string_view kTlsHandshakeFailed = "tls.handshake_failed";
inline constexpr std::string_view kConnectionError = "connection.error";
inline constexpr std::string_view kHttpRequest = "http.request";
inline constexpr std::string_view kKeyringCreated = "keyring.created";
inline constexpr std::string_view kKeyringMasterPending = "keyring.master_rename_pending";
inline constexpr std::string_view kKeyDestroyed = "key.destroyed";
inline constexpr std::string_view kKeyCreated = "key.created";
inline constexpr std::string_view kKeyProviderOpened = "key_provider.opened";
inline constexpr std::string_view kCryptoMisuse = "crypto.misuse";
inline constexpr std::string_view kStoreOpened = "store.opened";
inline constexpr std::string_view kStoreMigrated = "store.migrated";
inline constexpr std::string_view kStoreError = "store.error";
inline constexpr std::string_view kIntegrityFailure = "integrity.failure";
inline constexpr std::string_view kAdminCredentialCreated = "admin.credential_created";
inline constexpr std::string_view kAuditWriteFailed = "audit.write_failed";
inline constexpr std::string_view kClientTokenPurge = "admin_api.client_token_purge";
inline constexpr std::string_view kBlobGc = "store.blob_gc";
// Domain names stay out of these: they are parts of addresses (DESIGN §3: no address in logs).
inline constexpr std::string_view kMailDomainRegistered = "mail_domain.registered";
inline constexpr std::string_view kMailDomainDeregistered = "mail_domain.deregistered";
inline constexpr std::string_view kMailDomainCheckIncomplete = "mail_domain.check_incomplete";
inline constexpr std::string_view kMailDomainChecks = "mail_domain.checks";

}  // namespace skerry::ev
