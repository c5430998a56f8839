#pragma once
// IAM-style policies for admin principals (issue 3 "Admin principals"): the subset of the IAM
// policy language WorkMail administrators use — Effect, Action/NotAction (wildcards),
// Resource/NotResource (organization ARNs, wildcards), Condition with the common operators over
// aws:SourceIp, aws:SecureTransport, aws:CurrentTime, aws:RequestedRegion and
// workmail:ImpersonationRoleId. Evaluation follows IAM: an explicit Deny wins over any Allow;
// with no matching Allow the request is implicitly denied.
//
// Immutable after Parse; Evaluate is const and thread-safe.

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "base/error.h"

namespace skerry::policy {

enum class Decision { kAllow, kExplicitDeny, kImplicitDeny };

struct AuthzRequest {
  std::string action;    // "workmail:CreateUser"
  std::string resource;  // "arn:aws:workmail:us-east-1:000000000000:organization/m-..." or "*"
  // Condition keys, lowercase names ("aws:sourceip" → "127.0.0.1", "aws:securetransport" →
  // "true", "aws:currenttime" → ISO 8601, "aws:requestedregion", "workmail:impersonationroleid").
  std::map<std::string, std::string> context;
};

class IamPolicy {
 public:
  // kInvalidArgument naming the problem (e.g. "Statement[1].Effect must be Allow or Deny").
  static Result<IamPolicy> Parse(std::string_view json);
  // AWS managed policies by name: "AmazonWorkMailFullAccess", "AmazonWorkMailReadOnlyAccess".
  static Result<IamPolicy> Managed(std::string_view name);
  // A policy as attached to a principal: a JSON document, or else a managed policy name.
  static Result<IamPolicy> Attached(std::string_view text) {
    return !text.empty() && text.front() == '{' ? Parse(text) : Managed(text);
  }

  Decision Evaluate(const AuthzRequest& request) const;

 private:
  struct Condition {
    std::string op;  // lowercase operator without the IfExists suffix
    bool if_exists = false;
    std::string key;  // lowercase
    std::vector<std::string> values;
  };
  struct Statement {
    bool allow = true;
    bool not_action = false;
    std::vector<std::string> actions;  // lowercase patterns
    bool not_resource = false;
    std::vector<std::string> resources;
    std::vector<Condition> conditions;
  };
  bool Matches(const Statement& s, const AuthzRequest& r) const;
  static bool ConditionHolds(const Condition& c, const AuthzRequest& r);

  std::vector<Statement> statements_;
};

// Combines the policies attached to one principal: any explicit deny wins, then any allow.
Decision EvaluateAll(const std::vector<IamPolicy>& policies, const AuthzRequest& request);

// IAM's wildcard match: '*' any run (including empty), '?' one character. Case-sensitive unless
// the caller lowercases both sides.
bool WildcardMatch(std::string_view pattern, std::string_view text);

}  // namespace skerry::policy
