#include "policy/impersonation_roles.h"

#include <gtest/gtest.h>

namespace skerry::policy {
namespace {

ImpersonationRule Rule(std::string id, RuleEffect effect, std::vector<std::string> targets = {},
                       std::vector<std::string> not_targets = {}) {
  return {id, "name-" + id, "", effect, std::move(targets), std::move(not_targets)};
}
ImpersonationRole Role(std::vector<ImpersonationRule> rules) {
  ImpersonationRole role;
  role.id = "role";
  role.rules = std::move(rules);
  return role;
}

TEST(Impersonation, TypeNames) {
  EXPECT_EQ(*ParseImpersonationRoleType("FULL_ACCESS"), ImpersonationRoleType::kFullAccess);
  EXPECT_EQ(*ParseImpersonationRoleType("READ_ONLY"), ImpersonationRoleType::kReadOnly);
  EXPECT_FALSE(ParseImpersonationRoleType("ADMIN"));
  EXPECT_EQ(ImpersonationRoleTypeName(ImpersonationRoleType::kFullAccess), "FULL_ACCESS");
  EXPECT_EQ(ImpersonationRoleTypeName(ImpersonationRoleType::kReadOnly), "READ_ONLY");
  EXPECT_EQ(kImpersonationTokenSeconds, 900);
}

TEST(Impersonation, NoRulesDenies) {
  auto d = EvaluateImpersonation(Role({}), "alice");
  EXPECT_EQ(d.effect, RuleEffect::kDeny);
  EXPECT_TRUE(d.matched_rules.empty());
}

TEST(Impersonation, AllowWithoutConditionsCoversEveryone) {
  auto d = EvaluateImpersonation(Role({Rule("all", RuleEffect::kAllow)}), "anyone@example.com");
  EXPECT_EQ(d.effect, RuleEffect::kAllow);
  ASSERT_EQ(d.matched_rules.size(), 1u);
  EXPECT_EQ(d.matched_rules[0].id, "all");
  EXPECT_EQ(d.matched_rules[0].name, "name-all");
}

TEST(Impersonation, TargetUsersAndNotTargetUsers) {
  EXPECT_TRUE(ImpersonationRuleMatches(Rule("r", RuleEffect::kAllow, {"Alice@Example.com"}), "alice@example.com"));
  EXPECT_FALSE(ImpersonationRuleMatches(Rule("r", RuleEffect::kAllow, {"alice"}), "bob"));
  EXPECT_FALSE(ImpersonationRuleMatches(Rule("r", RuleEffect::kAllow, {}, {"alice"}), "ALICE"));
  EXPECT_TRUE(ImpersonationRuleMatches(Rule("r", RuleEffect::kAllow, {}, {"alice"}), "bob"));
  EXPECT_FALSE(ImpersonationRuleMatches(Rule("r", RuleEffect::kAllow, {"alice", "bob"}, {"bob"}), "bob"));
  EXPECT_TRUE(ImpersonationRuleMatches(Rule("r", RuleEffect::kAllow, {"alice", "bob"}, {"bob"}), "alice"));
}

TEST(Impersonation, DenyWins) {
  auto role = Role({Rule("allow-all", RuleEffect::kAllow), Rule("deny-ceo", RuleEffect::kDeny, {"ceo"}),
                    Rule("deny-cfo", RuleEffect::kDeny, {"cfo", "ceo"})});
  auto d = EvaluateImpersonation(role, "ceo");
  EXPECT_EQ(d.effect, RuleEffect::kDeny);
  ASSERT_EQ(d.matched_rules.size(), 2u);
  EXPECT_EQ(d.matched_rules[0].id, "deny-ceo");
  EXPECT_EQ(d.matched_rules[1].id, "deny-cfo");
  d = EvaluateImpersonation(role, "intern");
  EXPECT_EQ(d.effect, RuleEffect::kAllow);
  ASSERT_EQ(d.matched_rules.size(), 1u);
  EXPECT_EQ(d.matched_rules[0].id, "allow-all");
}

TEST(Impersonation, OnlyNonMatchingRulesDeny) {
  auto d = EvaluateImpersonation(Role({Rule("a", RuleEffect::kAllow, {"alice"})}), "bob");
  EXPECT_EQ(d.effect, RuleEffect::kDeny);
  EXPECT_TRUE(d.matched_rules.empty());
}

TEST(Impersonation, Validation) {
  EXPECT_TRUE(ValidateImpersonationRole(Role({Rule("a", RuleEffect::kAllow), Rule("b", RuleEffect::kDeny)})));
  EXPECT_FALSE(ValidateImpersonationRole(Role({Rule("a", RuleEffect::kAllow), Rule("a", RuleEffect::kDeny)})));
  EXPECT_FALSE(ValidateImpersonationRole(Role({Rule("", RuleEffect::kAllow)})));
  std::vector<ImpersonationRule> many;
  for (int i = 0; i < 11; ++i) many.push_back(Rule(std::to_string(i), RuleEffect::kAllow));
  EXPECT_FALSE(ValidateImpersonationRole(Role(many)));
  many.pop_back();
  EXPECT_TRUE(ValidateImpersonationRole(Role(many)));
}

}  // namespace
}  // namespace skerry::policy
