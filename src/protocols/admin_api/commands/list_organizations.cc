// ListOrganizations: summaries in id order, MaxResults (1..100, default 100) per page, an opaque
// NextToken resuming after the last id returned.
#include <algorithm>

#include "protocols/admin_api/commands/command_deps.h"
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/organization_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<Json> ListOrganizations(const CommandDeps& deps, const RequestContext&, const Json& input) {
  auto fingerprint = SKERRY_TRY(PaginationTokens::FilterFingerprint(input));
  std::string after;
  if (auto token = JsonString(input, "NextToken"); !token.empty()) {
    auto resumed = deps.pagination->Resume(token, "ListOrganizations", "", fingerprint);
    if (!resumed) return MakeTypedError(ErrorCode::kInvalidArgument, resumed.error().type, resumed.error().message);
    after = *resumed;
  }
  auto max = static_cast<std::size_t>(JsonInt(input, "MaxResults", 100));
  auto orgs = deps.organizations->List();
  if (!orgs) return OrganizationError(orgs.error());
  auto it = std::upper_bound(orgs->begin(), orgs->end(), after,
                             [](const std::string& id, const directory::Organization& o) { return id < o.record.id; });
  boost::json::array summaries;
  for (; it != orgs->end() && summaries.size() < max; ++it) summaries.push_back(OrganizationSummaryJson(*it));
  Json out{{"OrganizationSummaries", std::move(summaries)}};
  if (it != orgs->end())
    out["NextToken"] = SKERRY_TRY(deps.pagination->Issue("ListOrganizations", "", fingerprint, std::prev(it)->record.id));
  return out;
}

}  // namespace skerry::admin_api
