#pragma once
// Authorizes admin API calls with the IAM policy of the signing access key (carried in the
// verified caller, so the key is looked up once per request) (managed or custom;
// explicit deny wins). A refusal is AccessDeniedException with the message IAM gives:
// "User: <arn> is not authorized to perform: workmail:<Op> on resource: <arn>". The resource is
// the ARN of the organization named by OrganizationId (or by the tagging calls' ResourceARN) in
// the request's region, or "*" for calls about no one organization; an explicit Deny of that
// organization in any region the policy names also refuses the call.

#include "base/clock.h"
#include "policy/iam_policy.h"
#include "protocols/admin_api/call_hooks.h"

namespace skerry::admin_api {

class PolicyAuthorizer final : public CallAuthorizer {
 public:
  explicit PolicyAuthorizer(const Clock& clock) : clock_(clock) {}
  ApiStatus Authorize(const RequestContext& context, const boost::json::object& input,
                      bool secure_transport) const override;

 private:
  const Clock& clock_;
};

}  // namespace skerry::admin_api
