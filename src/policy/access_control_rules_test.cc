#include "policy/access_control_rules.h"

#include <gtest/gtest.h>

namespace skerry::policy {
namespace {

AccessControlRule Rule(std::string name, RuleEffect effect) {
  AccessControlRule r;
  r.name = std::move(name);
  r.effect = effect;
  return r;
}
AccessRequest ByUser(std::string ip, std::string action, std::string user) { return {ip, action, user, ""}; }
AccessRequest ByRole(std::string ip, std::string action, std::string role) { return {ip, action, "", role}; }

TEST(Ipv4, ParsesDottedQuadsAndRefusesTheRest) {
  EXPECT_EQ(*ParseIpv4("0.0.0.0"), 0u);
  EXPECT_EQ(*ParseIpv4("192.168.1.10"), 0xC0A8010Au);
  EXPECT_EQ(*ParseIpv4("255.255.255.255"), 0xFFFFFFFFu);
  for (auto bad : {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "a.b.c.d", "1..2.3", "1.2.3.4 ",
                   "1.2.3.4/32", "+1.2.3.4"})
    EXPECT_FALSE(ParseIpv4(bad)) << bad;
}

TEST(Ipv4, RangesMaskHostBitsAndRefuseBadPrefixes) {
  auto r = *ParseIpv4Range("10.1.2.3/8");
  EXPECT_EQ(r.network, 0x0A000000u);
  EXPECT_TRUE(r.Contains(*ParseIpv4("10.255.0.1")));
  EXPECT_FALSE(r.Contains(*ParseIpv4("11.0.0.1")));
  EXPECT_TRUE(ParseIpv4Range("0.0.0.0/0")->Contains(*ParseIpv4("203.0.113.9")));
  auto host = *ParseIpv4Range("192.0.2.7/32");
  EXPECT_TRUE(host.Contains(*ParseIpv4("192.0.2.7")));
  EXPECT_FALSE(host.Contains(*ParseIpv4("192.0.2.6")));
  for (auto bad : {"10.0.0.0", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/8x", "10.0.0/8", "10.0.0.0/008",
                   "300.0.0.0/8"})
    EXPECT_FALSE(ParseIpv4Range(bad)) << bad;
}

TEST(AccessControl, EffectNamesRoundTrip) {
  EXPECT_EQ(*ParseRuleEffect("ALLOW"), RuleEffect::kAllow);
  EXPECT_EQ(*ParseRuleEffect("DENY"), RuleEffect::kDeny);
  EXPECT_FALSE(ParseRuleEffect("allow"));
  EXPECT_FALSE(ParseRuleEffect("MAYBE"));
  EXPECT_EQ(RuleEffectName(RuleEffect::kAllow), "ALLOW");
  EXPECT_EQ(RuleEffectName(RuleEffect::kDeny), "DENY");
}

TEST(AccessControl, ValidationRejectsBadRangesAndMissingName) {
  auto r = Rule("r", RuleEffect::kAllow);
  EXPECT_TRUE(ValidateAccessControlRule(r));
  r.not_ip_ranges = {"10.0.0.0/99"};
  EXPECT_EQ(ValidateAccessControlRule(r).error().code, ErrorCode::kInvalidArgument);
  r.not_ip_ranges.clear();
  r.ip_ranges = {"nonsense"};
  EXPECT_FALSE(ValidateAccessControlRule(r));
  EXPECT_FALSE(ValidateAccessControlRule(Rule("", RuleEffect::kAllow)));
}

TEST(AccessControl, NoRulesDenies) {
  auto d = EvaluateAccessControl({}, ByUser("1.2.3.4", "IMAP", "u1"));
  EXPECT_EQ(d.effect, RuleEffect::kDeny);
  EXPECT_TRUE(d.matched_rules.empty());
}

TEST(AccessControl, DefaultRuleAllowsEverything) {
  auto rules = std::vector{DefaultAccessControlRule(5)};
  EXPECT_EQ(rules[0].date_created, 5);
  for (auto action : kAccessActions) {
    auto d = EvaluateAccessControl(rules, ByUser("8.8.8.8", std::string(action), "u1"));
    EXPECT_EQ(d.effect, RuleEffect::kAllow);
    EXPECT_EQ(d.matched_rules, std::vector<std::string>{"default"});
  }
  EXPECT_EQ(EvaluateAccessControl(rules, ByRole("8.8.8.8", "EWS", "role")).effect, RuleEffect::kAllow);
}

TEST(AccessControl, DenyWinsAndOnlyWinningRulesAreReported) {
  auto deny = Rule("no-imap", RuleEffect::kDeny);
  deny.actions = {"IMAP"};
  std::vector rules{DefaultAccessControlRule(0), deny};
  auto d = EvaluateAccessControl(rules, ByUser("1.1.1.1", "imap", "u"));
  EXPECT_EQ(d.effect, RuleEffect::kDeny);
  EXPECT_EQ(d.matched_rules, std::vector<std::string>{"no-imap"});
  d = EvaluateAccessControl(rules, ByUser("1.1.1.1", "SMTP", "u"));
  EXPECT_EQ(d.effect, RuleEffect::kAllow);
  EXPECT_EQ(d.matched_rules, std::vector<std::string>{"default"});
}

TEST(AccessControl, ActionsAndNotActionsIgnoreCase) {
  auto r = Rule("r", RuleEffect::kAllow);
  r.actions = {"ews", "ActiveSync"};
  EXPECT_TRUE(AccessRuleMatches(r, ByUser("1.1.1.1", "EWS", "u")));
  EXPECT_TRUE(AccessRuleMatches(r, ByUser("1.1.1.1", "activesync", "u")));
  EXPECT_FALSE(AccessRuleMatches(r, ByUser("1.1.1.1", "IMAP", "u")));
  r.actions.clear();
  r.not_actions = {"WebMail"};
  EXPECT_FALSE(AccessRuleMatches(r, ByUser("1.1.1.1", "webmail", "u")));
  EXPECT_TRUE(AccessRuleMatches(r, ByUser("1.1.1.1", "IMAP", "u")));
}

TEST(AccessControl, IpRangesAndNotIpRanges) {
  auto r = Rule("corp", RuleEffect::kAllow);
  r.ip_ranges = {"10.0.0.0/8", "192.168.0.0/16"};
  EXPECT_TRUE(AccessRuleMatches(r, ByUser("10.9.8.7", "IMAP", "u")));
  EXPECT_TRUE(AccessRuleMatches(r, ByUser("192.168.3.4", "IMAP", "u")));
  EXPECT_FALSE(AccessRuleMatches(r, ByUser("172.16.0.1", "IMAP", "u")));
  EXPECT_FALSE(AccessRuleMatches(r, ByUser("not-an-ip", "IMAP", "u")));
  auto outside = Rule("outside", RuleEffect::kDeny);
  outside.not_ip_ranges = {"10.0.0.0/8"};
  EXPECT_TRUE(AccessRuleMatches(outside, ByUser("8.8.8.8", "IMAP", "u")));
  EXPECT_FALSE(AccessRuleMatches(outside, ByUser("10.0.0.1", "IMAP", "u")));
  // An address that cannot be read is not vouched for by NotIpRanges either.
  EXPECT_FALSE(AccessRuleMatches(outside, ByUser("", "IMAP", "u")));
}

TEST(AccessControl, UsersAndRoles) {
  auto users = Rule("users", RuleEffect::kAllow);
  users.user_ids = {"User-A"};
  EXPECT_TRUE(AccessRuleMatches(users, ByUser("1.1.1.1", "EWS", "user-a")));
  EXPECT_FALSE(AccessRuleMatches(users, ByUser("1.1.1.1", "EWS", "user-b")));
  EXPECT_FALSE(AccessRuleMatches(users, ByRole("1.1.1.1", "EWS", "role-1")));  // a role is no listed user
  auto not_users = Rule("not-users", RuleEffect::kDeny);
  not_users.not_user_ids = {"user-a"};
  EXPECT_FALSE(AccessRuleMatches(not_users, ByUser("1.1.1.1", "EWS", "USER-A")));
  EXPECT_TRUE(AccessRuleMatches(not_users, ByUser("1.1.1.1", "EWS", "user-b")));
  EXPECT_TRUE(AccessRuleMatches(not_users, ByRole("1.1.1.1", "EWS", "role-1")));  // not an excluded user
  auto roles = Rule("roles", RuleEffect::kAllow);
  roles.impersonation_role_ids = {"role-1"};
  EXPECT_TRUE(AccessRuleMatches(roles, ByRole("1.1.1.1", "EWS", "role-1")));
  EXPECT_FALSE(AccessRuleMatches(roles, ByRole("1.1.1.1", "EWS", "role-2")));
  EXPECT_FALSE(AccessRuleMatches(roles, ByUser("1.1.1.1", "EWS", "user-a")));
  auto not_roles = Rule("not-roles", RuleEffect::kAllow);
  not_roles.not_impersonation_role_ids = {"role-1"};
  EXPECT_FALSE(AccessRuleMatches(not_roles, ByRole("1.1.1.1", "EWS", "role-1")));
  EXPECT_TRUE(AccessRuleMatches(not_roles, ByRole("1.1.1.1", "EWS", "role-2")));
  EXPECT_TRUE(AccessRuleMatches(not_roles, ByUser("1.1.1.1", "EWS", "user-a")));
}

TEST(AccessControl, EveryConditionMustHold) {
  auto r = Rule("all", RuleEffect::kDeny);
  r.ip_ranges = {"10.0.0.0/8"};
  r.actions = {"IMAP"};
  r.user_ids = {"u1"};
  EXPECT_TRUE(AccessRuleMatches(r, ByUser("10.0.0.1", "IMAP", "u1")));
  EXPECT_FALSE(AccessRuleMatches(r, ByUser("11.0.0.1", "IMAP", "u1")));
  EXPECT_FALSE(AccessRuleMatches(r, ByUser("10.0.0.1", "SMTP", "u1")));
  EXPECT_FALSE(AccessRuleMatches(r, ByUser("10.0.0.1", "IMAP", "u2")));
  // Listed both ways: never matches (accepted, as WorkMail does).
  auto both = Rule("both", RuleEffect::kAllow);
  both.actions = {"IMAP"};
  both.not_actions = {"IMAP"};
  EXPECT_FALSE(AccessRuleMatches(both, ByUser("1.1.1.1", "IMAP", "u")));
}

TEST(AccessControl, MatchedRulesKeepRuleOrder) {
  std::vector<AccessControlRule> rules{Rule("b", RuleEffect::kAllow), Rule("a", RuleEffect::kAllow),
                                       Rule("c", RuleEffect::kDeny), Rule("d", RuleEffect::kDeny)};
  auto d = EvaluateAccessControl(rules, ByUser("1.1.1.1", "IMAP", "u"));
  EXPECT_EQ(d.matched_rules, (std::vector<std::string>{"c", "d"}));
  rules.resize(2);
  EXPECT_EQ(EvaluateAccessControl(rules, ByUser("1.1.1.1", "IMAP", "u")).matched_rules,
            (std::vector<std::string>{"b", "a"}));
}

TEST(AccessControl, CaseHelpers) {
  EXPECT_TRUE(EqualsIgnoreCase("iPhone", "IPHONE"));
  EXPECT_FALSE(EqualsIgnoreCase("iPhone", "iPhon"));
  EXPECT_TRUE(StartsWithIgnoreCase("iOS 14.3.1", "ios 14.3"));
  EXPECT_TRUE(StartsWithIgnoreCase("x", ""));
  EXPECT_FALSE(StartsWithIgnoreCase("iOS", "iOS 14"));
}

}  // namespace
}  // namespace skerry::policy
