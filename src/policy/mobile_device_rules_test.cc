#include "policy/mobile_device_rules.h"

#include <gtest/gtest.h>

namespace skerry::policy {
namespace {

MobileDeviceAccessRule Rule(std::string id, RuleEffect effect) {
  MobileDeviceAccessRule r;
  r.id = id;
  r.name = "rule-" + id;
  r.effect = effect;
  return r;
}
const DeviceAttributes kIphone{"iPhone", "iPhone10C1", "iOS 14.2.1 16F203", "iOS/14.2 (18B92) exchangesyncd/1.0"};
const DeviceAttributes kAndroid{"Android", "HTCOneX", "Android 8.1.0", "Android-Mail/7.7.16.163886392.release"};

TEST(DeviceCondition, CaseInsensitivePrefix) {
  EXPECT_TRUE(DeviceConditionHolds({"iphone"}, {}, "iPhone"));
  EXPECT_TRUE(DeviceConditionHolds({"IOS 14"}, {}, "iOS 14.2.1 16F203"));
  EXPECT_FALSE(DeviceConditionHolds({"iOS 14.3"}, {}, "iOS 14.2.1"));
  EXPECT_FALSE(DeviceConditionHolds({"phone"}, {}, "iPhone"));  // a prefix, not a substring
  EXPECT_TRUE(DeviceConditionHolds({"android", "iphone"}, {}, "iPhone"));
  EXPECT_TRUE(DeviceConditionHolds({}, {}, "anything"));
  EXPECT_TRUE(DeviceConditionHolds({}, {}, ""));
}

TEST(DeviceCondition, NoneMatchesOnlyAnEmptyValue) {
  std::vector<std::string> types{"iphone", "ipad", "$NONE"};  // the guide's example
  EXPECT_TRUE(DeviceConditionHolds(types, {}, "iPhone"));
  EXPECT_TRUE(DeviceConditionHolds(types, {}, "iPad"));
  EXPECT_TRUE(DeviceConditionHolds(types, {}, ""));
  EXPECT_FALSE(DeviceConditionHolds(types, {}, "Android"));
  EXPECT_FALSE(DeviceConditionHolds({"iphone"}, {}, ""));  // without $NONE an empty value fails
  EXPECT_TRUE(DeviceConditionHolds({"$none"}, {}, ""));
  EXPECT_FALSE(DeviceConditionHolds({"$NONE"}, {}, "$NONE-ish device"));
}

TEST(DeviceCondition, NegativeConditionsSkipEmptyValues) {
  // The guide: NotDeviceTypes=["android"] matches other types but not an unreported type.
  EXPECT_TRUE(DeviceConditionHolds({}, {"android"}, "iPhone"));
  EXPECT_FALSE(DeviceConditionHolds({}, {"android"}, "Android"));
  EXPECT_FALSE(DeviceConditionHolds({}, {"android"}, ""));
  EXPECT_TRUE(DeviceConditionHolds({}, {"$NONE"}, "iPhone"));
  EXPECT_FALSE(DeviceConditionHolds({}, {"$NONE"}, ""));
  // Both ways at once: the value must be in one and not in the other.
  EXPECT_TRUE(DeviceConditionHolds({"ios"}, {"ios 12"}, "iOS 14.2"));
  EXPECT_FALSE(DeviceConditionHolds({"ios"}, {"ios 12"}, "iOS 12.3.1"));
}

TEST(DeviceRules, EveryPropertyMustMatch) {
  auto r = Rule("1", RuleEffect::kAllow);
  r.device_types = {"iphone"};
  r.device_models = {"iPhone10"};
  r.device_operating_systems = {"iOS 14"};
  r.device_user_agents = {"iOS/14"};
  EXPECT_TRUE(DeviceRuleMatches(r, kIphone));
  for (auto field : {0, 1, 2, 3}) {
    auto d = kIphone;
    (field == 0 ? d.device_type : field == 1 ? d.device_model : field == 2 ? d.device_operating_system : d.device_user_agent) =
        "Other";
    EXPECT_FALSE(DeviceRuleMatches(r, d)) << field;
  }
  auto n = Rule("2", RuleEffect::kDeny);
  n.not_device_models = {"iphone"};
  EXPECT_FALSE(DeviceRuleMatches(n, kIphone));
  EXPECT_TRUE(DeviceRuleMatches(n, kAndroid));
  n = Rule("3", RuleEffect::kDeny);
  n.not_device_operating_systems = {"android"};
  EXPECT_TRUE(DeviceRuleMatches(n, kIphone));
  n = Rule("4", RuleEffect::kDeny);
  n.not_device_user_agents = {"ios/"};
  EXPECT_FALSE(DeviceRuleMatches(n, kIphone));
  n = Rule("5", RuleEffect::kDeny);
  n.not_device_types = {"ipad"};
  EXPECT_TRUE(DeviceRuleMatches(n, kIphone));
}

TEST(DeviceRules, NoConditionsMatchesEverything) {
  EXPECT_TRUE(DeviceRuleMatches(Rule("1", RuleEffect::kAllow), kIphone));
  EXPECT_TRUE(DeviceRuleMatches(Rule("1", RuleEffect::kAllow), DeviceAttributes{}));
}

TEST(DeviceRules, NoRuleBlocks) {
  auto d = EvaluateMobileDeviceAccess({}, kIphone);
  EXPECT_EQ(d.effect, RuleEffect::kDeny);
  EXPECT_TRUE(d.matched_rules.empty());
  auto only_android = Rule("a", RuleEffect::kAllow);
  only_android.device_types = {"android"};
  EXPECT_EQ(EvaluateMobileDeviceAccess({only_android}, kIphone).effect, RuleEffect::kDeny);
  EXPECT_EQ(EvaluateMobileDeviceAccess({only_android}, kAndroid).effect, RuleEffect::kAllow);
}

TEST(DeviceRules, DenyWinsOverAllow) {
  auto block = Rule("block", RuleEffect::kDeny);
  block.device_types = {"android"};
  std::vector rules{DefaultMobileDeviceAccessRule("default", 1), block};
  EXPECT_EQ(rules[0].name, "DefaultAllowAll");
  auto d = EvaluateMobileDeviceAccess(rules, kAndroid);
  EXPECT_EQ(d.effect, RuleEffect::kDeny);
  ASSERT_EQ(d.matched_rules.size(), 1u);
  EXPECT_EQ(d.matched_rules[0].id, "block");
  EXPECT_EQ(d.matched_rules[0].name, "rule-block");
  d = EvaluateMobileDeviceAccess(rules, kIphone);
  EXPECT_EQ(d.effect, RuleEffect::kAllow);
  ASSERT_EQ(d.matched_rules.size(), 1u);
  EXPECT_EQ(d.matched_rules[0].id, "default");
}

TEST(DeviceAccess, OverrideBeatsRules) {
  auto deny_all = Rule("deny", RuleEffect::kDeny);
  std::vector<MobileDeviceAccessOverride> overrides{{"User1@Domain.com", "6APMEKPHCP2ND42VIJ4BR8ECD0", RuleEffect::kAllow, "", 0, 0}};
  auto d = EvaluateDeviceAccess({deny_all}, overrides, "user1@domain.com", "6apmekphcp2nd42vij4br8ecd0", kIphone);
  EXPECT_EQ(d.effect, RuleEffect::kAllow);
  EXPECT_TRUE(d.overridden);
  EXPECT_TRUE(d.matched_rules.empty());
  // Another device of the same user, or the same device of another user: the rules decide.
  d = EvaluateDeviceAccess({deny_all}, overrides, "user1@domain.com", "OTHERDEVICE", kIphone);
  EXPECT_EQ(d.effect, RuleEffect::kDeny);
  EXPECT_FALSE(d.overridden);
  EXPECT_EQ(EvaluateDeviceAccess({deny_all}, overrides, "user2@domain.com", "6APMEKPHCP2ND42VIJ4BR8ECD0", kIphone).effect,
            RuleEffect::kDeny);
  // A DENY override beats an allowing rule.
  overrides[0].effect = RuleEffect::kDeny;
  d = EvaluateDeviceAccess({DefaultMobileDeviceAccessRule("x", 0)}, overrides, "user1@domain.com",
                           "6APMEKPHCP2ND42VIJ4BR8ECD0", kIphone);
  EXPECT_EQ(d.effect, RuleEffect::kDeny);
  EXPECT_TRUE(d.overridden);
}

}  // namespace
}  // namespace skerry::policy
