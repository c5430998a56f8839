#pragma once
// Helpers shared by the rule operations: the organization check every one of them starts with,
// WorkMail's exceptions for RuleStore errors, and the model's bound on matched-rule lists.

#include <string>
#include <string_view>

#include "protocols/admin_api/commands/organization_json.h"
#include "protocols/admin_api/commands/rule_commands.h"

namespace skerry::admin_api {

// Maps a RuleStore error: kNotFound → `not_found` (the exception the operation models for it),
// kResourceExhausted → LimitExceededException, kInvalidArgument and kAlreadyExists →
// InvalidParameterException, kKeyDestroyed → OrganizationStateException, others unchanged.
tl::unexpected<Error> RuleError(const Error& error, std::string_view not_found = "EntityNotFoundException");

// The model caps MatchedRules lists at 10 entries.
inline constexpr std::size_t kMaxMatchedRules = 10;

}  // namespace skerry::admin_api
