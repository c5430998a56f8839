#pragma once
// Helpers shared by the settings operations.

#include <string>
#include <string_view>

#include "protocols/admin_api/commands/organization_json.h"
#include "protocols/admin_api/commands/settings_commands.h"

namespace skerry::admin_api {

// The organization an organization ARN names (…:organization/m-…): ResourceNotFoundException when
// the ARN names no organization that exists; `state_error` (OrganizationStateException for
// TagResource, ResourceNotFoundException for the operations that model nothing else) when it is
// not Active.
Result<std::string> OrganizationOfArn(const SettingsDeps& deps, const std::string& arn, std::string_view state_error);

// A settings store error: kKeyDestroyed (a deleted organization's documents) becomes
// OrganizationStateException; named directory errors pass unchanged.
tl::unexpected<Error> SettingsError(const Error& error);

}  // namespace skerry::admin_api
