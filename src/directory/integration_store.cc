#include "directory/integration_store.h"

#include <algorithm>
#include <chrono>

#include <boost/json/array.hpp>

#include "base/ids.h"
#include "directory/entity_addresses.h"
#include "formats/json/json_fields.h"

namespace skerry::directory {
namespace json = boost::json;
namespace {

constexpr std::string_view kExportJobKind = "export-job";
constexpr std::string_view kAvailabilityKind = "availability";
constexpr std::string_view kTokenKind = "personal-access-token";
constexpr std::string_view kIdentityProviderKind = "identity-provider";
constexpr std::string_view kIdentityProviderDoc = "config";
constexpr std::string_view kAvailabilityClaim = "availability-domain";

constexpr std::string_view kStateNames[] = {"PENDING", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"};


json::object JobToJson(const ExportJob& j) {
  return {{"EntityId", j.entity_id},     {"Description", j.description}, {"RoleArn", j.role_arn},
          {"KmsKeyArn", j.kms_key_arn},  {"S3BucketName", j.s3_bucket},  {"S3Prefix", j.s3_prefix},
          {"S3Path", j.s3_path},         {"State", kStateNames[static_cast<int>(j.state)]},
          {"Progress", j.progress},      {"ErrorInfo", j.error_info},    {"StartTime", j.start_time},
          {"EndTime", j.end_time}};
}
Result<ExportJob> JobFromDoc(const Document& doc) {
  const auto& o = doc.body;
  ExportJob j{doc.id, formats::JsonString(o, "EntityId"), formats::JsonString(o, "Description"), formats::JsonString(o, "RoleArn"), formats::JsonString(o, "KmsKeyArn"),
              formats::JsonString(o, "S3BucketName"), formats::JsonString(o, "S3Prefix"), formats::JsonString(o, "S3Path")};
  auto state = formats::JsonString(o, "State");
  auto it = std::find(std::begin(kStateNames), std::end(kStateNames), state);
  if (it == std::end(kStateNames)) return MakeError(ErrorCode::kCorrupt, "export job " + doc.id + ": state " + state);
  j.state = static_cast<ExportJobState>(it - std::begin(kStateNames));
  j.progress = static_cast<int>(formats::JsonInt(o, "Progress"));
  j.error_info = formats::JsonString(o, "ErrorInfo");
  j.start_time = formats::JsonNumber(o, "StartTime");
  j.end_time = formats::JsonNumber(o, "EndTime");
  return j;
}

json::object AvailabilityToJson(const AvailabilityConfig& c) {
  return {{"DomainName", c.domain},        {"ProviderType", c.lambda ? "LAMBDA" : "EWS"},
          {"EwsEndpoint", c.ews_endpoint}, {"EwsUsername", c.ews_username},
          {"EwsPassword", c.ews_password}, {"LambdaArn", c.lambda_arn},
          {"DateCreated", c.date_created}, {"DateModified", c.date_modified}};
}
AvailabilityConfig AvailabilityFromJson(const json::object& o) {
  return {formats::JsonString(o, "DomainName"), formats::JsonString(o, "ProviderType") == "LAMBDA", formats::JsonString(o, "EwsEndpoint"), formats::JsonString(o, "EwsUsername"),
          formats::JsonString(o, "EwsPassword"), formats::JsonString(o, "LambdaArn"), formats::JsonNumber(o, "DateCreated"), formats::JsonNumber(o, "DateModified")};
}

json::object TokenToJson(const PersonalAccessToken& t) {
  json::array scopes;
  for (const auto& s : t.scopes) scopes.emplace_back(s);
  return {{"UserId", t.user_id},           {"Name", t.name},
          {"Scopes", std::move(scopes)},   {"DateCreated", t.date_created},
          {"DateLastUsed", t.date_last_used}, {"ExpiresTime", t.expires_time}};
}
PersonalAccessToken TokenFromDoc(const Document& doc) {
  PersonalAccessToken t{doc.id, formats::JsonString(doc.body, "UserId"), formats::JsonString(doc.body, "Name")};
  t.scopes = formats::JsonStrings(doc.body, "Scopes");
  t.date_created = formats::JsonNumber(doc.body, "DateCreated");
  t.date_last_used = formats::JsonNumber(doc.body, "DateLastUsed");
  t.expires_time = formats::JsonNumber(doc.body, "ExpiresTime");
  return t;
}

bool Active(ExportJobState s) { return s == ExportJobState::kPending || s == ExportJobState::kRunning; }

}  // namespace

std::string_view ExportJobStateName(ExportJobState state) {
  return state == ExportJobState::kPending ? "RUNNING" : kStateNames[static_cast<int>(state)];
}

double IntegrationStore::Now() const {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock_.Now().time_since_epoch()).count();
  return static_cast<double>(ms) / 1000.0;
}

// ---------------------------------------------------------------- export jobs

Result<std::string> IntegrationStore::StartExportJob(const std::string& org, ExportJob job) {
  std::lock_guard lock(mutex_);
  auto docs = SKERRY_TRY(directory_.ListAll(org, std::string(kExportJobKind)));
  std::size_t active = 0;
  for (const auto& d : docs) {
    auto j = SKERRY_TRY(JobFromDoc(d));
    if (Active(j.state)) ++active;
  }
  if (active >= kMaxActiveExportJobs)
    return MakeError(ErrorCode::kResourceExhausted,
                     "At most " + std::to_string(kMaxActiveExportJobs) + " mailbox export jobs may run at once.");
  job.id = NewUuid(random_);
  job.state = ExportJobState::kPending;
  job.progress = 0;
  job.start_time = Now();
  job.end_time = 0;
  std::string prefix = job.s3_prefix;
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  job.s3_path = (prefix.empty() ? "" : prefix + "/") + job.id + ".zip";
  Document doc{job.id, JobToJson(job), 0};
  SKERRY_TRY(directory_.Put(org, std::string(kExportJobKind), doc));
  return job.id;
}

Result<ExportJob> IntegrationStore::ExportJobById(const std::string& org, const std::string& id) {
  auto doc = SKERRY_TRY(directory_.Get(org, std::string(kExportJobKind), id));
  return JobFromDoc(doc);
}

Result<std::vector<ExportJob>> IntegrationStore::RecentExportJobs(const std::string& org) {
  auto docs = SKERRY_TRY(directory_.ListAll(org, std::string(kExportJobKind)));
  std::vector<ExportJob> jobs;
  double since = Now() - kExportJobListWindowSeconds;
  for (const auto& d : docs) {
    auto j = SKERRY_TRY(JobFromDoc(d));
    if (j.start_time >= since) jobs.push_back(std::move(j));
  }
  std::sort(jobs.begin(), jobs.end(), [](const ExportJob& a, const ExportJob& b) {
    return a.start_time != b.start_time ? a.start_time < b.start_time : a.id < b.id;
  });
  return jobs;
}

Status IntegrationStore::CancelExportJob(const std::string& org, const std::string& id) {
  std::lock_guard lock(mutex_);
  auto doc = SKERRY_TRY(directory_.Get(org, std::string(kExportJobKind), id));
  auto job = SKERRY_TRY(JobFromDoc(doc));
  if (job.state == ExportJobState::kCancelled) return Ok();
  if (!Active(job.state))
    return MakeError(ErrorCode::kFailedPrecondition, "The mailbox export job has already finished.");
  job.state = ExportJobState::kCancelled;
  job.end_time = Now();
  doc.body = JobToJson(job);
  return directory_.Put(org, std::string(kExportJobKind), doc, {}, {}, doc.version);
}

// ---------------------------------------------------------------- availability configurations

Result<std::optional<std::string>> IntegrationStore::AvailabilityDocId(const std::string& org,
                                                                       const std::string& domain) {
  return directory_.Find(org, Claim{std::string(kAvailabilityClaim), AsciiLower(domain)});
}

Status IntegrationStore::CreateAvailability(const std::string& org, AvailabilityConfig config) {
  std::lock_guard lock(mutex_);
  config.date_created = config.date_modified = Now();
  Document doc{NewUuid(random_), AvailabilityToJson(config), 0};
  auto put = directory_.Put(org, std::string(kAvailabilityKind), doc,
                            {Claim{std::string(kAvailabilityClaim), AsciiLower(config.domain)}});
  if (!put && put.error().code == ErrorCode::kAlreadyExists)
    return MakeError(ErrorCode::kAlreadyExists, "An availability configuration for " + config.domain + " exists.");
  return put;
}

Status IntegrationStore::UpdateAvailability(const std::string& org, AvailabilityConfig config) {
  std::lock_guard lock(mutex_);
  auto id = SKERRY_TRY(AvailabilityDocId(org, config.domain));
  if (!id) return MakeError(ErrorCode::kNotFound, "No availability configuration for " + config.domain + ".");
  auto doc = SKERRY_TRY(directory_.Get(org, std::string(kAvailabilityKind), *id));
  auto old = AvailabilityFromJson(doc.body);
  config.domain = old.domain;
  config.date_created = old.date_created;
  config.date_modified = Now();
  doc.body = AvailabilityToJson(config);
  return directory_.Put(org, std::string(kAvailabilityKind), doc, {}, {}, doc.version);
}

Status IntegrationStore::DeleteAvailability(const std::string& org, const std::string& domain) {
  std::lock_guard lock(mutex_);
  auto id = SKERRY_TRY(AvailabilityDocId(org, domain));
  if (!id) return Ok();
  auto del = directory_.Delete(org, std::string(kAvailabilityKind), *id);
  if (!del && del.error().code == ErrorCode::kNotFound) return Ok();
  return del;
}

Result<AvailabilityConfig> IntegrationStore::Availability(const std::string& org, const std::string& domain) {
  auto id = SKERRY_TRY(AvailabilityDocId(org, domain));
  if (!id) return MakeError(ErrorCode::kNotFound, "No availability configuration for " + domain + ".");
  auto doc = SKERRY_TRY(directory_.Get(org, std::string(kAvailabilityKind), *id));
  return AvailabilityFromJson(doc.body);
}

Result<std::vector<AvailabilityConfig>> IntegrationStore::AvailabilityConfigs(const std::string& org) {
  auto docs = SKERRY_TRY(directory_.ListAll(org, std::string(kAvailabilityKind)));
  std::vector<AvailabilityConfig> out;
  for (const auto& d : docs) out.push_back(AvailabilityFromJson(d.body));
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return AsciiLower(a.domain) < AsciiLower(b.domain); });
  return out;
}

// ---------------------------------------------------------------- personal access tokens

Status IntegrationStore::PutToken(const std::string& org, const PersonalAccessToken& token) {
  Document doc{token.id, TokenToJson(token), 0};
  return directory_.Put(org, std::string(kTokenKind), doc);
}

Result<PersonalAccessToken> IntegrationStore::Token(const std::string& org, const std::string& id) {
  auto doc = SKERRY_TRY(directory_.Get(org, std::string(kTokenKind), id));
  return TokenFromDoc(doc);
}

Result<std::vector<PersonalAccessToken>> IntegrationStore::Tokens(const std::string& org, const std::string& user_id) {
  auto docs = SKERRY_TRY(directory_.ListAll(org, std::string(kTokenKind)));
  std::vector<PersonalAccessToken> out;
  for (const auto& d : docs) {
    auto t = TokenFromDoc(d);
    if (user_id.empty() || t.user_id == user_id) out.push_back(std::move(t));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return out;
}

Status IntegrationStore::DeleteToken(const std::string& org, const std::string& id) {
  auto del = directory_.Delete(org, std::string(kTokenKind), id);
  if (!del && del.error().code == ErrorCode::kNotFound) return Ok();
  return del;
}

// ---------------------------------------------------------------- identity provider

Status IntegrationStore::PutIdentityProvider(const std::string& org, const IdentityProviderConfig& c) {
  json::object body{{"AuthenticationMode", c.authentication_mode},
                    {"InstanceArn", c.instance_arn},
                    {"ApplicationArn", c.application_arn},
                    {"TokenStatus", c.token_status},
                    {"TokenLifetimeInDays", c.token_lifetime_days}};
  Document doc{std::string(kIdentityProviderDoc), std::move(body), 0};
  return directory_.Put(org, std::string(kIdentityProviderKind), doc);
}

Result<IdentityProviderConfig> IntegrationStore::IdentityProvider(const std::string& org) {
  auto doc = SKERRY_TRY(directory_.Get(org, std::string(kIdentityProviderKind), std::string(kIdentityProviderDoc)));
  const auto& o = doc.body;
  return IdentityProviderConfig{formats::JsonString(o, "AuthenticationMode"), formats::JsonString(o, "InstanceArn"), formats::JsonString(o, "ApplicationArn"),
                                formats::JsonString(o, "TokenStatus"), formats::JsonInt(o, "TokenLifetimeInDays")};
}

Status IntegrationStore::DeleteIdentityProvider(const std::string& org) {
  auto del = directory_.Delete(org, std::string(kIdentityProviderKind), std::string(kIdentityProviderDoc));
  if (!del && del.error().code == ErrorCode::kNotFound) return Ok();
  return del;
}

}  // namespace skerry::directory
