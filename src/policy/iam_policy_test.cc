#include "policy/iam_policy.h"

#include <gtest/gtest.h>

namespace skerry::policy {
namespace {

constexpr char kOrgA[] = "arn:aws:workmail:us-east-1:000000000000:organization/m-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
constexpr char kOrgB[] = "arn:aws:workmail:us-east-1:000000000000:organization/m-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

AuthzRequest Req(std::string action, std::string resource = kOrgA, std::map<std::string, std::string> ctx = {}) {
  return {std::move(action), std::move(resource), std::move(ctx)};
}

IamPolicy P(std::string_view json) {
  auto p = IamPolicy::Parse(json);
  EXPECT_TRUE(p) << (p ? "" : p.error().detail);
  return *p;
}

TEST(WildcardMatch, StarAndQuestionMark) {
  EXPECT_TRUE(WildcardMatch("workmail:*", "workmail:createuser"));
  EXPECT_TRUE(WildcardMatch("*", ""));
  EXPECT_TRUE(WildcardMatch("workmail:list*s", "workmail:listusers"));
  EXPECT_TRUE(WildcardMatch("a?c", "abc"));
  EXPECT_FALSE(WildcardMatch("a?c", "ac"));
  EXPECT_FALSE(WildcardMatch("workmail:get*", "workmail:listusers"));
  EXPECT_TRUE(WildcardMatch("*a*b*c*", "xxaxxbxxcxx"));
  EXPECT_FALSE(WildcardMatch("*a*b*c*", "xxaxxcxxbxx"));
}

TEST(IamPolicy, ManagedPolicies) {
  auto full = *IamPolicy::Managed("AmazonWorkMailFullAccess");
  auto ro = *IamPolicy::Managed("AmazonWorkMailReadOnlyAccess");
  EXPECT_EQ(full.Evaluate(Req("workmail:CreateUser")), Decision::kAllow);
  EXPECT_EQ(ro.Evaluate(Req("workmail:DescribeUser")), Decision::kAllow);
  EXPECT_EQ(ro.Evaluate(Req("workmail:ListUsers")), Decision::kAllow);
  EXPECT_EQ(ro.Evaluate(Req("workmail:GetMailboxDetails")), Decision::kAllow);
  EXPECT_EQ(ro.Evaluate(Req("workmail:CreateUser")), Decision::kImplicitDeny);
  EXPECT_EQ(ro.Evaluate(Req("workmail:DeleteOrganization")), Decision::kImplicitDeny);
  EXPECT_FALSE(IamPolicy::Managed("AmazonS3FullAccess"));
}

TEST(IamPolicy, ExplicitDenyWins) {
  auto p = P(R"({"Statement":[{"Effect":"Allow","Action":"workmail:*","Resource":"*"},
                             {"Effect":"Deny","Action":"workmail:Delete*","Resource":")" + std::string(kOrgA) + R"("}]})");
  EXPECT_EQ(p.Evaluate(Req("workmail:DeleteUser", kOrgA)), Decision::kExplicitDeny);
  EXPECT_EQ(p.Evaluate(Req("workmail:DeleteUser", kOrgB)), Decision::kAllow);
  auto allow_all = *IamPolicy::Managed("AmazonWorkMailFullAccess");
  EXPECT_EQ(EvaluateAll({allow_all, p}, Req("workmail:DeleteUser", kOrgA)), Decision::kExplicitDeny);
  EXPECT_EQ(EvaluateAll({}, Req("workmail:ListUsers")), Decision::kImplicitDeny);
}

TEST(IamPolicy, NotActionAndNotResource) {
  auto p = P(R"({"Statement":{"Effect":"Allow","NotAction":"workmail:Delete*","NotResource":")" + std::string(kOrgB) + R"("}})");
  EXPECT_EQ(p.Evaluate(Req("workmail:CreateUser", kOrgA)), Decision::kAllow);
  EXPECT_EQ(p.Evaluate(Req("workmail:DeleteUser", kOrgA)), Decision::kImplicitDeny);
  EXPECT_EQ(p.Evaluate(Req("workmail:CreateUser", kOrgB)), Decision::kImplicitDeny);
}

TEST(IamPolicy, Conditions) {
  auto p = P(R"({"Statement":[{"Effect":"Allow","Action":"workmail:*","Resource":"*","Condition":{
      "IpAddress":{"aws:SourceIp":["10.0.0.0/8","::1/128"]},
      "Bool":{"aws:SecureTransport":"true"},
      "StringEquals":{"aws:RequestedRegion":["eu-west-1","us-east-1"]},
      "DateLessThan":{"aws:CurrentTime":"2027-03-31T00:00:00Z"}}}]})");
  std::map<std::string, std::string> ok{{"aws:sourceip", "10.1.2.3"}, {"aws:securetransport", "true"},
                                        {"aws:requestedregion", "eu-west-1"}, {"aws:currenttime", "2026-11-22T10:00:00Z"}};
  EXPECT_EQ(p.Evaluate(Req("workmail:ListUsers", kOrgA, ok)), Decision::kAllow);
  auto v6 = ok;
  v6["aws:sourceip"] = "::1";
  EXPECT_EQ(p.Evaluate(Req("workmail:ListUsers", kOrgA, v6)), Decision::kAllow);
  for (auto [k, v] : std::vector<std::pair<std::string, std::string>>{
           {"aws:sourceip", "192.168.1.1"}, {"aws:securetransport", "false"},
           {"aws:requestedregion", "ap-south-1"}, {"aws:currenttime", "2027-04-01T00:00:00Z"}}) {
    auto bad = ok;
    bad[k] = v;
    EXPECT_EQ(p.Evaluate(Req("workmail:ListUsers", kOrgA, bad)), Decision::kImplicitDeny) << k;
  }
  auto missing = ok;
  missing.erase("aws:sourceip");
  EXPECT_EQ(p.Evaluate(Req("workmail:ListUsers", kOrgA, missing)), Decision::kImplicitDeny);
}

TEST(IamPolicy, DenyUnlessImpersonationRoleAndIfExists) {
  auto p = P(R"({"Statement":[
      {"Effect":"Allow","Action":"workmail:*","Resource":"*"},
      {"Effect":"Deny","Action":"workmail:AssumeImpersonationRole","Resource":"*",
       "Condition":{"StringNotEquals":{"workmail:ImpersonationRoleId":"role-1"}}},
      {"Effect":"Deny","Action":"workmail:List*","Resource":"*",
       "Condition":{"StringEqualsIfExists":{"aws:RequestedRegion":"cn-north-1"}}}]})");
  EXPECT_EQ(p.Evaluate(Req("workmail:AssumeImpersonationRole", kOrgA, {{"workmail:impersonationroleid", "role-1"}})), Decision::kAllow);
  EXPECT_EQ(p.Evaluate(Req("workmail:AssumeImpersonationRole", kOrgA, {{"workmail:impersonationroleid", "role-2"}})), Decision::kExplicitDeny);
  // A negated operator on an absent key matches, so the deny applies.
  EXPECT_EQ(p.Evaluate(Req("workmail:AssumeImpersonationRole", kOrgA)), Decision::kExplicitDeny);
  // ...IfExists on an absent key holds, so this deny applies too.
  EXPECT_EQ(p.Evaluate(Req("workmail:ListUsers", kOrgA)), Decision::kExplicitDeny);
  EXPECT_EQ(p.Evaluate(Req("workmail:ListUsers", kOrgA, {{"aws:requestedregion", "us-east-1"}})), Decision::kAllow);
}

TEST(IamPolicy, ActionsAreCaseInsensitive) {
  auto p = P(R"({"Statement":[{"Effect":"Allow","Action":"WorkMail:createUSER","Resource":"*"}]})");
  EXPECT_EQ(p.Evaluate(Req("workmail:CreateUser")), Decision::kAllow);
}

TEST(IamPolicy, MalformedPoliciesNameTheProblem) {
  struct Case { const char* json; const char* needle; };
  for (auto c : {Case{"[]", "JSON object"}, Case{"{}", "no Statement"},
                 Case{R"({"Statement":[{"Effect":"Maybe","Action":"*"}]})", "Statement[0].Effect"},
                 Case{R"({"Statement":[{"Effect":"Allow"}]})", "exactly one of Action"},
                 Case{R"({"Statement":[{"Effect":"Allow","Action":"*","Condition":{"Fancy":{"a":"b"}}}]})", "unsupported operator Fancy"},
                 Case{R"({"Statement":[{"Effect":"Allow","Action":[1]}]})", "Statement[0].Action"}}) {
    auto p = IamPolicy::Parse(c.json);
    ASSERT_FALSE(p) << c.json;
    EXPECT_NE(p.error().detail.find(c.needle), std::string::npos) << p.error().detail;
  }
}

}  // namespace
}  // namespace skerry::policy
