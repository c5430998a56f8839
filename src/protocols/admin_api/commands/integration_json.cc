#include "protocols/admin_api/commands/integration_json.h"

#include <boost/json/array.hpp>

#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/organization_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

tl::unexpected<Error> IntegrationError(const Error& e, std::string_view not_found) {
  if (auto colon = e.detail.find(": "); colon != std::string::npos && colon > 9 &&
                                        e.detail.compare(colon - 9, 9, "Exception") == 0)
    return tl::unexpected(e);  // already names its exception (EntityStore)
  switch (e.code) {
    case ErrorCode::kNotFound:
      return MakeTypedError(e.code, not_found, e.detail);
    case ErrorCode::kAlreadyExists:
      return MakeTypedError(e.code, "NameAvailabilityException", e.detail);
    case ErrorCode::kResourceExhausted:
      return MakeTypedError(e.code, "LimitExceededException", e.detail);
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kFailedPrecondition:
      return MakeTypedError(e.code, kInvalidParameter, e.detail);
    case ErrorCode::kKeyDestroyed:
      return MakeTypedError(e.code, "OrganizationStateException", "The organization is deleted.");
    default:
      return tl::unexpected(e);
  }
}

Json ExportJobSummaryJson(const directory::ExportJob& j) {
  Json out{{"JobId", j.id},
           {"EntityId", j.entity_id},
           {"S3BucketName", j.s3_bucket},
           {"S3Path", j.s3_path},
           {"EstimatedProgress", j.progress},
           {"State", directory::ExportJobStateName(j.state)},
           {"StartTime", j.start_time}};
  if (!j.description.empty()) out["Description"] = j.description;
  if (j.end_time > 0) out["EndTime"] = j.end_time;
  return out;
}

Json ExportJobDetailJson(const directory::ExportJob& j) {
  Json out = ExportJobSummaryJson(j);
  out.erase("JobId");
  out["RoleArn"] = j.role_arn;
  out["KmsKeyArn"] = j.kms_key_arn;
  out["S3Prefix"] = j.s3_prefix;
  if (!j.error_info.empty()) out["ErrorInfo"] = j.error_info;
  return out;
}

Json AvailabilityJson(const directory::AvailabilityConfig& c) {
  Json out{{"DomainName", c.domain},
           {"ProviderType", c.lambda ? "LAMBDA" : "EWS"},
           {"DateCreated", c.date_created},
           {"DateModified", c.date_modified}};
  if (c.lambda)
    out["LambdaProvider"] = Json{{"LambdaArn", c.lambda_arn}};
  else
    out["EwsProvider"] = Json{{"EwsEndpoint", c.ews_endpoint}, {"EwsUsername", c.ews_username}};  // no password
  return out;
}

Json TokenJson(const directory::PersonalAccessToken& t) {
  boost::json::array scopes;
  for (const auto& s : t.scopes) scopes.emplace_back(s);
  Json out{{"PersonalAccessTokenId", t.id}, {"UserId", t.user_id},          {"Name", t.name},
           {"DateCreated", t.date_created}, {"ExpiresTime", t.expires_time}, {"Scopes", std::move(scopes)}};
  if (t.date_last_used > 0) out["DateLastUsed"] = t.date_last_used;
  return out;
}

Status ProviderFromInput(const Json& input, directory::AvailabilityConfig& config) {
  auto* ews = input.if_contains("EwsProvider");
  auto* lambda = input.if_contains("LambdaProvider");
  if ((ews != nullptr) == (lambda != nullptr))
    return MakeTypedError(ErrorCode::kInvalidArgument, kInvalidParameter,
                          "Exactly one of EwsProvider and LambdaProvider is required.");
  config.lambda = lambda != nullptr;
  config.ews_endpoint = config.ews_username = config.ews_password = config.lambda_arn = "";
  if (ews && ews->is_object()) {
    config.ews_endpoint = JsonString(ews->as_object(), "EwsEndpoint");
    config.ews_username = JsonString(ews->as_object(), "EwsUsername");
    config.ews_password = JsonString(ews->as_object(), "EwsPassword");
  } else if (lambda && lambda->is_object()) {
    config.lambda_arn = JsonString(lambda->as_object(), "LambdaArn");
  }
  return Ok();
}

}  // namespace skerry::admin_api
