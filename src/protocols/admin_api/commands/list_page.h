#pragma once
// Paging of List operations: the NextToken names the last key returned (sealed, bound to the
// operation, the organization and every other request member), so a page resumes after it.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include "protocols/admin_api/commands/command_deps.h"

namespace skerry::admin_api {

struct PageRequest {
  std::string org;          // OrganizationId; "" for server-wide lists
  std::string fingerprint;  // of every request member but the paging ones
  std::string after;        // the resume key; "" on the first page
  std::size_t max = 100;    // MaxResults
};

// InvalidNextTokenException (as the modelled type) for a token of another request.
Result<PageRequest> OpenPage(const CommandDeps& deps, const Json& input, std::string_view operation);
// `items` as `result_key`, and a NextToken resuming after `last_key` when `more`.
Result<Json> ClosePage(const CommandDeps& deps, const PageRequest& page, std::string_view operation,
                       boost::json::array items, std::string_view result_key, bool more, const std::string& last_key);

// One page of `items` already in memory, ascending by their key.
Result<Json> PageOf(const CommandDeps& deps, const Json& input, std::string_view operation,
                    std::vector<std::pair<std::string, boost::json::value>> items, std::string_view result_key);

}  // namespace skerry::admin_api
