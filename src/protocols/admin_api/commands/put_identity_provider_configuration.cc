// PutIdentityProviderConfiguration: stores the organization's IdC configuration (replacing any).
// The application must belong to the instance (the ssoins-… part of both ARNs must agree:
// InvalidParameterException). Partial: stored only — sign-in does not consult IdC yet.
#include <regex>

#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/integration_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {
namespace {

std::string InstancePart(const std::string& arn, const std::regex& pattern) {
  std::smatch m;
  return std::regex_search(arn, m, pattern) ? m[1].str() : std::string();
}

}  // namespace

Result<Json> PutIdentityProviderConfiguration(const IntegrationDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  directory::IdentityProviderConfig config;
  config.authentication_mode = JsonString(input, "AuthenticationMode");
  if (auto* idc = input.if_contains("IdentityCenterConfiguration"); idc && idc->is_object()) {
    config.instance_arn = JsonString(idc->as_object(), "InstanceArn");
    config.application_arn = JsonString(idc->as_object(), "ApplicationArn");
  }
  if (auto* pat = input.if_contains("PersonalAccessTokenConfiguration"); pat && pat->is_object()) {
    config.token_status = JsonString(pat->as_object(), "Status");
    config.token_lifetime_days = JsonInt(pat->as_object(), "LifetimeInDays", 0);
  }
  static const std::regex kInstance(R"(:instance/((?:sso)?ins-[a-zA-Z0-9.-]{16})$)");
  static const std::regex kApplication(R"(:application/((?:sso)?ins-[a-zA-Z0-9.-]{16})/apl-)");
  auto instance = InstancePart(config.instance_arn, kInstance);
  if (instance.empty() || instance != InstancePart(config.application_arn, kApplication))
    return MakeTypedError(ErrorCode::kInvalidArgument, kInvalidParameter,
                          "The ApplicationArn does not belong to the Identity Center instance InstanceArn.");
  auto done = deps.store->PutIdentityProvider(org, config);
  if (!done) return IntegrationError(done.error(), "ResourceNotFoundException");
  return Json{};
}

}  // namespace skerry::admin_api
