#pragma once
// Output shapes of the directory operations (wire reference §15–16) and their pagination.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "directory/entity.h"
#include "protocols/admin_api/commands/command_deps.h"
#include "protocols/admin_api/commands/list_page.h"

namespace skerry::admin_api {

Json DescribeUserJson(const directory::Entity& user);
Json UserSummaryJson(const directory::Entity& user);          // User
Json DescribeGroupJson(const directory::Entity& group);
Json GroupSummaryJson(const directory::Entity& group);        // Group
Json DescribeResourceJson(const directory::Entity& resource);
Json ResourceSummaryJson(const directory::Entity& resource);  // Resource
Json MemberJson(const directory::Entity& member);             // Member
Json DelegateJson(const directory::Entity& delegate);         // Delegate
Json GroupIdentifierJson(const directory::Entity& group);     // GroupIdentifier

// Filters.<member> of a List request, "" when absent.
std::string FilterString(const Json& input, std::string_view member);
std::optional<directory::EntityState> FilterState(const Json& input);
std::optional<std::string> OptionalString(const Json& input, std::string_view member);
std::optional<bool> OptionalBool(const Json& input, std::string_view member);

}  // namespace skerry::admin_api
