// ListMobileDeviceAccessOverrides: overrides filtered by UserId and/or DeviceId, ordered by user
// then device, MaxResults (default 100) per page with an opaque NextToken bound to the filter.
#include <algorithm>

#include <boost/json/array.hpp>

#include "directory/rule_codec.h"
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/rule_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<Json> ListMobileDeviceAccessOverrides(const RuleDeps& deps, const RequestContext&, const Json& input) {
  constexpr std::string_view kOp = "ListMobileDeviceAccessOverrides";
  auto org = StringMember(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(deps, org));
  auto fingerprint = SKERRY_TRY(PaginationTokens::FilterFingerprint(input));
  std::string after;
  if (auto token = StringMember(input, "NextToken"); !token.empty()) {
    auto resumed = deps.common->pagination->Resume(token, kOp, org, fingerprint);
    if (!resumed) return MakeTypedError(ErrorCode::kInvalidArgument, resumed.error().type, resumed.error().message);
    after = *resumed;
  }
  auto max = static_cast<std::size_t>(IntMember(input, "MaxResults", 100));
  auto all = deps.rules->MobileDeviceAccessOverrides(
      org, {StringMember(input, "UserId"), StringMember(input, "DeviceId")});
  if (!all) return RuleError(all.error());
  auto it = after.empty() ? all->begin()
                          : std::upper_bound(all->begin(), all->end(), after,
                                             [](const std::string& key, const auto& entry) { return key < entry.first; });
  boost::json::array page;
  for (; it != all->end() && page.size() < max; ++it) page.emplace_back(directory::MobileDeviceAccessOverrideToJson(it->second));
  Json out{{"Overrides", std::move(page)}};
  if (it != all->end()) out["NextToken"] = SKERRY_TRY(deps.common->pagination->Issue(kOp, org, fingerprint, std::prev(it)->first));
  return out;
}

}  // namespace skerry::admin_api
