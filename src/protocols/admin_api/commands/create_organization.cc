// CreateOrganization: a new organization with its own key (or the customer's KmsKeyArn), its
// test mail domain <alias>.<base>, state Active at once; `Domains` are registered with it (their
// DNS records then come from GetMailDomain; a Route 53 HostedZoneId has no meaning here).
#include <algorithm>

#include <fmt/format.h>

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
  if (!JsonString(input, "DirectoryId").empty())
    return MakeTypedError(ErrorCode::kInvalidArgument, "DirectoryUnavailableException",
                          "Skerry uses its built-in directory; external directories are not supported.");
  // Domains are checked before anything is made, so a bad one leaves no organization behind.
  std::vector<std::string> domains;
  if (auto* list = input.if_contains("Domains"); list && list->is_array()) {
    for (const auto& d : list->as_array()) {
      auto name = deps.domains->CheckAvailable(d.is_object() ? JsonString(d.as_object(), "DomainName") : "");
      if (!name) return tl::unexpected(name.error());
      if (std::find(domains.begin(), domains.end(), *name) != domains.end())
        return MakeTypedError(ErrorCode::kInvalidArgument, kInvalidParameter,
                              fmt::format("Domains lists {} twice.", *name));
      domains.push_back(std::move(*name));
    }
  }
  directory::CreateOrganizationRequest request;
  request.alias = JsonString(input, "Alias");
  request.interoperability_enabled = JsonBool(input, "EnableInteroperability");
  request.region = context.caller.region;
  request.client_token = JsonString(input, "ClientToken");
  if (auto arn = JsonString(input, "KmsKeyArn"); !arn.empty()) {
    auto ref = KeyRefFromArn(arn);
    if (ref.provider.empty()) ref.provider = "local";
    request.customer_key = ref;
  }
  auto org = deps.organizations->Create(request);
  if (!org) return OrganizationError(org.error());
  for (const auto& d : domains) {
    if (auto registered = deps.domains->Register(org->record.id, d); !registered) {
      // Lost a race for the domain: take the new organization back rather than leave it half made.
      (void)deps.organizations->Delete(org->record.id);
      return tl::unexpected(registered.error());
    }
  }
  return Json{{"OrganizationId", org->record.id}};
}

}  // namespace skerry::admin_api
