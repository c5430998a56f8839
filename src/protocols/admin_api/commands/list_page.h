#pragma once
// Paging a List operation whose results are already in memory, ascending by a key.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

#include "protocols/admin_api/commands/command_deps.h"

namespace skerry::admin_api {

// One page of `items` (ascending by their key) for a List operation: MaxResults (default 100)
// items after the NextToken's resume key, as `result_key`, and a NextToken when more remain.
// The token is bound to the operation, the organization and every other request member.
Result<Json> PageOf(const CommandDeps& deps, const Json& input, std::string_view operation,
                    std::vector<std::pair<std::string, boost::json::value>> items, std::string_view result_key);

}  // namespace skerry::admin_api
