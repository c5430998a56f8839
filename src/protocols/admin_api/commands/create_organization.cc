// CreateOrganization: a new organization with its own key (or the customer's KmsKeyArn), its
// test mail domain <alias>.<base>, state Active at once.
#include "protocols/admin_api/commands/command_deps.h"
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/organization_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {
namespace {
// KmsKeyArn "arn:aws:kms:<region>:<provider>:key/<key id>": the account field names the
// Skerry key provider ("local" or "pkcs11"); anything else means the default provider.
skerry::model::KeyRef KeyRefFromArn(const std::string& arn) {
  auto key = arn.find(":key/");
  std::string id = key == std::string::npos ? arn.substr(arn.rfind('/') + 1) : arn.substr(key + 5);
  std::string provider;
  size_t pos = 0;
  for (int field = 0; field < 4 && pos != std::string::npos; ++field) pos = arn.find(':', pos + 1);
  if (pos != std::string::npos) {
    auto end = arn.find(':', pos + 1);
    provider = arn.substr(pos + 1, end - pos - 1);
  }
  if (provider != "local" && provider != "pkcs11") provider.clear();
  return {provider, id};
}
}  // namespace

Result<Json> CreateOrganization(const CommandDeps& deps, const RequestContext& context, const Json& input) {
  if (!StringMember(input, "DirectoryId").empty())
    return MakeTypedError(ErrorCode::kInvalidArgument, "DirectoryUnavailableException",
                          "Skerry uses its built-in directory; external directories are not supported.");
  if (auto* domains = input.if_contains("Domains"); domains && domains->is_array() && !domains->as_array().empty())
    return MakeTypedError(ErrorCode::kUnimplemented, kInvalidParameter,
                          "Register mail domains with RegisterMailDomain after the organization is created.");
  directory::CreateOrganizationRequest request;
  request.alias = StringMember(input, "Alias");
  request.interoperability_enabled = BoolMember(input, "EnableInteroperability");
  request.region = context.caller.region;
  request.client_token = StringMember(input, "ClientToken");
  if (auto arn = StringMember(input, "KmsKeyArn"); !arn.empty()) {
    auto ref = KeyRefFromArn(arn);
    if (ref.provider.empty()) ref.provider = "local";
    request.customer_key = ref;
  }
  auto org = deps.organizations->Create(request);
  if (!org) return OrganizationError(org.error());
  return Json{{"OrganizationId", org->record.id}};
}

}  // namespace skerry::admin_api
