// TestAvailabilityConfiguration: either DomainName (a stored configuration;
// ResourceNotFoundException) or one provider definition (InvalidParameterException otherwise).
// Partial: no outbound request is made yet, so the answer is TestPassed false with the reason.
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/integration_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<Json> TestAvailabilityConfiguration(const IntegrationDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  bool has_provider = input.contains("EwsProvider") || input.contains("LambdaProvider");
  auto domain = JsonString(input, "DomainName");
  if (domain.empty() == !has_provider)
    return MakeTypedError(ErrorCode::kInvalidArgument, kInvalidParameter,
                          "Give either DomainName or one provider definition (EwsProvider or LambdaProvider).");
  directory::AvailabilityConfig config;
  if (has_provider) {
    SKERRY_TRY(ProviderFromInput(input, config));
  } else {
    auto stored = deps.store->Availability(org, domain);
    if (!stored) return IntegrationError(stored.error(), "ResourceNotFoundException");
    config = std::move(*stored);
  }
  std::string reason = config.lambda
                           ? "Not tested: this server does not invoke Lambda availability providers yet."
                           : "Not tested: this server makes no outbound EWS requests yet.";
  return Json{{"TestPassed", false}, {"FailureReason", reason}};
}

}  // namespace skerry::admin_api
