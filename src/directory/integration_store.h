#pragma once
// An organization's integrations with the outside world (wire reference §15): mailbox export
// jobs, availability configurations (EWS or Lambda free/busy providers), personal access tokens
// and the identity provider (IAM Identity Center) configuration — each a sealed document in
// OrgDirectory, so the EWS password and everything else reach disk only sealed under the
// organization's directory key.
//
// Storage: one document per export job (id = job id), per availability configuration (random
// id; the lowercased domain is a keyed-hash claim "availability-domain", which makes domains
// unique per organization and keeps them off disk) and per personal access token (id = token
// id); one document "identity-provider" for the organization's IdC configuration.
//
// Export jobs: a started job is kPending until an export worker picks it up (none exists yet);
// Cancel moves a pending or running job to kCancelled. The WorkMail model's state enum has no
// PENDING: the API shows a pending job as RUNNING with EstimatedProgress 0 (ExportJobStateName).
//
// Errors are generic codes: kNotFound, kAlreadyExists (domain taken), kResourceExhausted (too
// many active export jobs), kFailedPrecondition (cancelling a finished job); the admin API maps
// them to WorkMail's exceptions per operation.
//
// REQUIRES of every call: the organization exists and is active (the caller checks).
// Thread-safe; blocking (store, key provider): call from the blocking pool.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/random.h"
#include "directory/org_directory.h"

namespace skerry::directory {

// WorkMail: at most 10 mailbox export jobs running at once per organization.
inline constexpr std::size_t kMaxActiveExportJobs = 10;
// ListMailboxExportJobs shows the jobs started within the last seven days.
inline constexpr double kExportJobListWindowSeconds = 7 * 24 * 3600;

enum class ExportJobState { kPending, kRunning, kCompleted, kFailed, kCancelled };
std::string_view ExportJobStateName(ExportJobState state);  // the model's enum (PENDING → RUNNING)

struct ExportJob {
  std::string id;
  std::string entity_id;  // the resolved user or resource id
  std::string description;
  std::string role_arn;
  std::string kms_key_arn;
  std::string s3_bucket;
  std::string s3_prefix;
  std::string s3_path;  // "<prefix>/<job id>.zip"
  ExportJobState state = ExportJobState::kPending;
  int progress = 0;  // 0..100
  std::string error_info;
  double start_time = 0;  // epoch seconds
  double end_time = 0;    // 0: not ended
};

struct AvailabilityConfig {
  std::string domain;  // as first given
  bool lambda = false;  // provider type: LAMBDA, else EWS
  std::string ews_endpoint;
  std::string ews_username;
  std::string ews_password;  // never leaves the store through the API
  std::string lambda_arn;
  double date_created = 0;
  double date_modified = 0;
};

struct PersonalAccessToken {
  std::string id;
  std::string user_id;
  std::string name;
  std::vector<std::string> scopes;
  double date_created = 0;
  double date_last_used = 0;  // 0: never
  double expires_time = 0;
};

struct IdentityProviderConfig {
  std::string authentication_mode;  // IDENTITY_PROVIDER_ONLY | IDENTITY_PROVIDER_AND_DIRECTORY
  std::string instance_arn;
  std::string application_arn;
  std::string token_status;        // ACTIVE | INACTIVE
  std::int64_t token_lifetime_days = 0;  // 0: not given
};

class IntegrationStore {
 public:
  IntegrationStore(OrgDirectory& directory, Clock& clock, Random& random)
      : directory_(directory), clock_(clock), random_(random) {}

  // --- Mailbox export jobs.
  // Sets id (a UUID), state (pending), start time and S3 path; returns the id.
  // kResourceExhausted with kMaxActiveExportJobs pending or running.
  Result<std::string> StartExportJob(const std::string& org, ExportJob job);
  Result<ExportJob> ExportJobById(const std::string& org, const std::string& id);  // kNotFound
  // Jobs started within kExportJobListWindowSeconds, oldest first (ties by id).
  Result<std::vector<ExportJob>> RecentExportJobs(const std::string& org);
  // Pending/running → cancelled (end time now); cancelled: OK; completed/failed:
  // kFailedPrecondition; kNotFound.
  Status CancelExportJob(const std::string& org, const std::string& id);

  // --- Availability configurations, keyed by domain (case-insensitive).
  Status CreateAvailability(const std::string& org, AvailabilityConfig config);  // kAlreadyExists
  Status UpdateAvailability(const std::string& org, AvailabilityConfig config);  // kNotFound
  Status DeleteAvailability(const std::string& org, const std::string& domain);  // absent: OK
  Result<AvailabilityConfig> Availability(const std::string& org, const std::string& domain);  // kNotFound
  Result<std::vector<AvailabilityConfig>> AvailabilityConfigs(const std::string& org);  // by lowercased domain

  // --- Personal access tokens (nothing issues them yet; PutToken is the issuing side's entry).
  Status PutToken(const std::string& org, const PersonalAccessToken& token);
  Result<PersonalAccessToken> Token(const std::string& org, const std::string& id);  // kNotFound
  // By id; only `user_id`'s when not empty.
  Result<std::vector<PersonalAccessToken>> Tokens(const std::string& org, const std::string& user_id);
  Status DeleteToken(const std::string& org, const std::string& id);  // absent: OK

  // --- Identity provider configuration (one per organization).
  Status PutIdentityProvider(const std::string& org, const IdentityProviderConfig& config);
  Result<IdentityProviderConfig> IdentityProvider(const std::string& org);  // kNotFound
  Status DeleteIdentityProvider(const std::string& org);                    // absent: OK

 private:
  double Now() const;
  Result<std::optional<std::string>> AvailabilityDocId(const std::string& org, const std::string& domain);

  OrgDirectory& directory_;
  Clock& clock_;
  Random& random_;
  std::mutex mutex_;  // serializes read-modify-write (export job limit, availability updates)
};

}  // namespace skerry::directory
