#pragma once
// Helpers shared by the integration operations: the organization check, WorkMail's exceptions
// for IntegrationStore errors, and the output shapes (wire reference §16).

#include <string>
#include <string_view>

#include "protocols/admin_api/commands/integration_commands.h"
#include "protocols/admin_api/commands/organization_json.h"

namespace skerry::admin_api {

// kNotFound → `not_found`, kAlreadyExists → NameAvailabilityException, kResourceExhausted →
// LimitExceededException, kInvalidArgument and kFailedPrecondition → InvalidParameterException,
// kKeyDestroyed → OrganizationStateException; a detail already naming an exception is kept.
tl::unexpected<Error> IntegrationError(const Error& error, std::string_view not_found);

Json ExportJobSummaryJson(const directory::ExportJob& job);   // MailboxExportJob
Json ExportJobDetailJson(const directory::ExportJob& job);    // DescribeMailboxExportJobResponse
Json AvailabilityJson(const directory::AvailabilityConfig& c);  // AvailabilityConfiguration (redacted)
Json TokenJson(const directory::PersonalAccessToken& t);        // PersonalAccessTokenSummary

// EwsProvider or LambdaProvider of a request, exactly one (InvalidParameterException), into
// `config` (domain and dates untouched).
Status ProviderFromInput(const Json& input, directory::AvailabilityConfig& config);

}  // namespace skerry::admin_api
