#include "protocols/admin_api/commands/organization_json.h"

#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

boost::json::object DescribeOrganizationJson(const directory::Organization& org) {
  const auto& a = org.attributes;
  boost::json::object out{{"OrganizationId", org.record.id},
                          {"Alias", a.alias},
                          {"State", a.state},
                          {"DirectoryType", a.directory_type},
                          {"DefaultMailDomain", a.default_mail_domain},
                          {"ARN", directory::OrganizationArn(a.region, org.record.id)},
                          {"InteroperabilityEnabled", a.interoperability_enabled}};
  if (!a.directory_id.empty()) out["DirectoryId"] = a.directory_id;
  if (a.completed_date) out["CompletedDate"] = a.completed_date;
  return out;
}

boost::json::object OrganizationSummaryJson(const directory::Organization& org) {
  boost::json::object out{{"OrganizationId", org.record.id},
                          {"Alias", org.attributes.alias},
                          {"State", org.attributes.state}};
  if (!org.attributes.default_mail_domain.empty()) out["DefaultMailDomain"] = org.attributes.default_mail_domain;
  return out;
}

tl::unexpected<Error> OrganizationError(const Error& e) {
  switch (e.code) {
    case ErrorCode::kNotFound:
      return MakeTypedError(e.code, kOrganizationNotFound, "The organization does not exist.");
    case ErrorCode::kAlreadyExists:
      return MakeTypedError(e.code, "NameAvailabilityException", e.detail);
    case ErrorCode::kFailedPrecondition:
      return MakeTypedError(e.code, "OrganizationStateException", e.detail);
    case ErrorCode::kInvalidArgument:
      return MakeTypedError(e.code, kInvalidParameter, e.detail);
    default:
      return tl::unexpected(e);
  }
}

Status RequireActiveOrganization(const CommandDeps& deps, const std::string& org_id) {
  auto org = deps.organizations->Get(org_id);
  if (!org) return OrganizationError(org.error());
  if (org->attributes.state != "Active")
    return MakeTypedError(ErrorCode::kFailedPrecondition, "OrganizationStateException",
                          "The organization is " + org->attributes.state + ".");
  return Ok();
}

}  // namespace skerry::admin_api
