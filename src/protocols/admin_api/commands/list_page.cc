#include "protocols/admin_api/commands/list_page.h"

#include <algorithm>

#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<PageRequest> OpenPage(const CommandDeps& deps, const Json& input, std::string_view operation) {
  PageRequest page;
  page.org = JsonString(input, "OrganizationId");
  page.fingerprint = SKERRY_TRY(PaginationTokens::FilterFingerprint(input));
  if (auto token = JsonString(input, "NextToken"); !token.empty()) {
    auto resumed = deps.pagination->Resume(token, operation, page.org, page.fingerprint);
    if (!resumed) return MakeTypedError(ErrorCode::kInvalidArgument, resumed.error().type, resumed.error().message);
    page.after = *resumed;
  }
  page.max = static_cast<std::size_t>(JsonInt(input, "MaxResults", 100));
  return page;
}

Result<Json> ClosePage(const CommandDeps& deps, const PageRequest& page, std::string_view operation,
                       boost::json::array items, std::string_view result_key, bool more, const std::string& last_key) {
  Json out{{result_key, std::move(items)}};
  if (more) out["NextToken"] = SKERRY_TRY(deps.pagination->Issue(operation, page.org, page.fingerprint, last_key));
  return out;
}

Result<Json> PageOf(const CommandDeps& deps, const Json& input, std::string_view operation,
                    std::vector<std::pair<std::string, boost::json::value>> items, std::string_view result_key) {
  auto page = SKERRY_TRY(OpenPage(deps, input, operation));
  auto it = items.begin();
  if (!page.after.empty())
    it = std::upper_bound(items.begin(), items.end(), page.after,
                          [](const std::string& key, const auto& item) { return key < item.first; });
  boost::json::array out;
  std::string last;
  for (; it != items.end() && out.size() < page.max; ++it) {
    out.push_back(std::move(it->second));
    last = it->first;
  }
  return ClosePage(deps, page, operation, std::move(out), result_key, it != items.end(), last);
}

}  // namespace skerry::admin_api
