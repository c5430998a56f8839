#include "protocols/admin_api/policy_authorizer.h"

#include <ctime>

#include <fmt/format.h>

namespace skerry::admin_api {

std::string PolicyAuthorizer::ResourceArn(const RequestContext& context, const boost::json::object& input) {
  auto* org = input.if_contains("OrganizationId");
  if (!org || !org->is_string()) return "*";
  std::string region = context.caller.region.empty() ? "us-east-1" : context.caller.region;
  return fmt::format("arn:aws:workmail:{}:000000000000:organization/{}", region, std::string(org->as_string()));
}

ApiStatus PolicyAuthorizer::Authorize(const RequestContext& context, const boost::json::object& input,
                                      bool secure_transport) const {
  std::string action = "workmail:" + std::string(context.operation->name);
  std::string resource = ResourceArn(context, input);
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
  return {};
}

}  // namespace skerry::admin_api
