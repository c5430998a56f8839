#include "protocols/admin_api/policy_authorizer.h"

#include <ctime>
#include <optional>
#include <set>
#include <string_view>

#include <fmt/format.h>

namespace skerry::admin_api {

namespace {

// The organization a call acts on: OrganizationId, or for the tagging calls the organization
// their ResourceARN names.
std::optional<std::string> TargetOrganization(const boost::json::object& input) {
  if (auto* org = input.if_contains("OrganizationId"); org && org->is_string())
    return std::string(org->as_string());
  if (auto* arn = input.if_contains("ResourceARN"); arn && arn->is_string()) {
    std::string_view text = arn->as_string();
    constexpr std::string_view kMarker = ":organization/";
    if (auto at = text.rfind(kMarker); at != std::string_view::npos && text.starts_with("arn:"))
      return std::string(text.substr(at + kMarker.size()));
  }
  return std::nullopt;
}

std::string OrganizationArn(std::string_view region, std::string_view org_id) {
  return fmt::format("arn:aws:workmail:{}:000000000000:organization/{}", region, org_id);
}

// Regions the policy document names in a WorkMail ARN ("arn:aws:workmail:<region>:..."): the
// same organizations answer in every region here, so a Deny written for one must hold whichever
// region a request is signed for.
std::set<std::string> RegionsNamedIn(const std::string& policy_text) {
  std::set<std::string> out;
  constexpr std::string_view kPrefix = "arn:aws:workmail:";
  std::string_view text = policy_text;
  for (auto at = text.find(kPrefix); at != std::string_view::npos; at = text.find(kPrefix, at + 1)) {
    auto start = at + kPrefix.size();
    auto end = text.find(':', start);
    if (end != std::string_view::npos && end > start) out.emplace(text.substr(start, end - start));
  }
  return out;
}

}  // namespace

ApiStatus PolicyAuthorizer::Authorize(const RequestContext& context, const boost::json::object& input,
                                      bool secure_transport) const {
  std::string action = "workmail:" + std::string(context.operation->name);
  auto org = TargetOrganization(input);
  std::string resource =
      org ? OrganizationArn(context.caller.region.empty() ? "us-east-1" : context.caller.region, *org)
          : "*";
  auto denied = [&] {
    return MakeApiError("AccessDeniedException",
                        fmt::format("User: {} is not authorized to perform: {} on resource: {}",
                                    context.caller.principal_arn, action, resource),
                        403);
  };
  auto policy = policy::IamPolicy::Attached(context.caller.policy);
  if (!policy) return denied();

  std::time_t now = std::chrono::system_clock::to_time_t(clock_.Now());
  std::tm tm;
  gmtime_r(&now, &tm);
  policy::AuthzRequest request{action, resource, {}};
  request.context["aws:sourceip"] = context.remote_ip;
  request.context["aws:securetransport"] = secure_transport ? "true" : "false";
  request.context["aws:currenttime"] = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900,
                                                   tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  request.context["aws:requestedregion"] = context.caller.region;
  if (auto* role = input.if_contains("ImpersonationRoleId"); role && role->is_string())
    request.context["workmail:impersonationroleid"] = std::string(role->as_string());
  if (policy->Evaluate(request) != policy::Decision::kAllow) return denied();
  if (org) {
    for (const auto& region : RegionsNamedIn(context.caller.policy)) {
      request.resource = OrganizationArn(region, *org);
      if (policy->Evaluate(request) == policy::Decision::kExplicitDeny) return denied();
    }
  }
  return {};
}

}  // namespace skerry::admin_api
