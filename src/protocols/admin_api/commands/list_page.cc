#include "protocols/admin_api/commands/list_page.h"

#include <algorithm>

#include <boost/json/array.hpp>

#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<Json> PageOf(const CommandDeps& deps, const Json& input, std::string_view operation,
                    std::vector<std::pair<std::string, boost::json::value>> items, std::string_view result_key) {
  auto org = JsonString(input, "OrganizationId");
  auto fingerprint = SKERRY_TRY(PaginationTokens::FilterFingerprint(input));
  std::string after;
  if (auto token = JsonString(input, "NextToken"); !token.empty()) {
    auto resumed = deps.pagination->Resume(token, operation, org, fingerprint);
    if (!resumed) return MakeTypedError(ErrorCode::kInvalidArgument, resumed.error().type, resumed.error().message);
    after = *resumed;
  }
  auto max = static_cast<std::size_t>(JsonInt(input, "MaxResults", 100));
  auto it = items.begin();
  if (!after.empty())
    it = std::upper_bound(items.begin(), items.end(), after,
                          [](const std::string& key, const auto& item) { return key < item.first; });
  boost::json::array page;
  for (; it != items.end() && page.size() < max; ++it) page.push_back(std::move(it->second));
  Json out{{result_key, std::move(page)}};
  if (it != items.end())
    out["NextToken"] = SKERRY_TRY(deps.pagination->Issue(operation, org, fingerprint, std::prev(it)->first));
  return out;
}

}  // namespace skerry::admin_api
