#include "directory/rule_store.h"

#include <gtest/gtest.h>

#include "directory/org_directory_fixture.h"
#include "directory/rule_codec.h"

namespace skerry::directory {
namespace {

using policy::RuleEffect;

class RuleStoreTest : public OrgDirectoryFixture {
 protected:
  RuleStoreTest() : OrgDirectoryFixture(11) {}

  void SetUp() override {
    OrgDirectoryFixture::SetUp();
    rules_ = std::make_unique<RuleStore>(*directory_, clock_, random_);
  }

  std::unique_ptr<RuleStore> rules_;
};

policy::AccessControlRule AccessRule(std::string name, RuleEffect effect) {
  policy::AccessControlRule r;
  r.name = std::move(name);
  r.effect = effect;
  return r;
}

TEST_F(RuleStoreTest, NewOrganizationHasTheDefaultRulesWithStableIds) {
  auto acl = *rules_->AccessControlRules(org_);
  ASSERT_EQ(acl.size(), 1u);
  EXPECT_EQ(acl[0].name, "default");
  EXPECT_EQ(acl[0].date_created, 1'700'000'000);
  auto devices = *rules_->MobileDeviceAccessRules(org_);
  ASSERT_EQ(devices.size(), 1u);
  clock_.Advance(std::chrono::seconds(5));
  auto again = *rules_->MobileDeviceAccessRules(org_);
  EXPECT_EQ(again[0].id, devices[0].id);
  EXPECT_EQ(again[0].date_created, devices[0].date_created);
  EXPECT_EQ(rules_->AccessControlEffect(org_, {"1.2.3.4", "IMAP", "u1", ""})->effect, RuleEffect::kAllow);
  EXPECT_EQ(rules_->MobileDeviceAccessEffect(org_, {})->effect, RuleEffect::kAllow);
}

TEST_F(RuleStoreTest, AccessRulesPutReplaceDeleteAndLimit) {
  auto deny = AccessRule("no-imap", RuleEffect::kDeny);
  deny.actions = {"IMAP"};
  ASSERT_TRUE(rules_->PutAccessControlRule(org_, deny));
  auto created = (*rules_->AccessControlRules(org_))[1].date_created;
  clock_.Advance(std::chrono::seconds(10));
  deny.actions = {"SMTP"};
  ASSERT_TRUE(rules_->PutAccessControlRule(org_, deny));  // same name: replaced
  auto acl = *rules_->AccessControlRules(org_);
  ASSERT_EQ(acl.size(), 2u);
  EXPECT_EQ(acl[1].actions, std::vector<std::string>{"SMTP"});
  EXPECT_EQ(acl[1].date_created, created);
  EXPECT_EQ(acl[1].date_modified, created + 10);
  EXPECT_EQ(rules_->AccessControlEffect(org_, {"1.2.3.4", "SMTP", "u", ""})->effect, RuleEffect::kDeny);
  for (int i = 2; i < 20; ++i) ASSERT_TRUE(rules_->PutAccessControlRule(org_, AccessRule("r" + std::to_string(i), RuleEffect::kAllow)));
  auto over = rules_->PutAccessControlRule(org_, AccessRule("r20", RuleEffect::kAllow));
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, ErrorCode::kResourceExhausted);
  EXPECT_TRUE(rules_->PutAccessControlRule(org_, AccessRule("r5", RuleEffect::kDeny)));  // replacing is fine at 20
  auto bad = AccessRule("bad", RuleEffect::kAllow);
  bad.ip_ranges = {"10.0.0.0/40"};
  EXPECT_EQ(rules_->PutAccessControlRule(org_, bad).error().code, ErrorCode::kInvalidArgument);
  // Deleting all rules denies everything.
  auto before = *rules_->AccessControlRules(org_);
  for (const auto& r : before) ASSERT_TRUE(rules_->DeleteAccessControlRule(org_, r.name));
  EXPECT_TRUE(rules_->DeleteAccessControlRule(org_, "never-existed"));
  EXPECT_TRUE(rules_->AccessControlRules(org_)->empty());
  EXPECT_EQ(rules_->AccessControlEffect(org_, {"1.2.3.4", "IMAP", "u", ""})->effect, RuleEffect::kDeny);
}

TEST_F(RuleStoreTest, AccessRulesMustNameExistingRoles) {
  auto r = AccessRule("roles", RuleEffect::kAllow);
  r.impersonation_role_ids = {"no-such-role"};
  EXPECT_EQ(rules_->PutAccessControlRule(org_, r).error().code, ErrorCode::kNotFound);
  policy::ImpersonationRole role;
  role.name = "reader";
  auto id = *rules_->CreateImpersonationRole(org_, role);
  r.impersonation_role_ids = {id};
  EXPECT_TRUE(rules_->PutAccessControlRule(org_, r));
}

TEST_F(RuleStoreTest, DeviceRulesCreateUpdateDeleteAndLimit) {
  policy::MobileDeviceAccessRule r;
  r.name = "BlockAllAndroid";
  r.effect = RuleEffect::kDeny;
  r.device_types = {"android"};
  auto id = *rules_->CreateMobileDeviceAccessRule(org_, r);
  EXPECT_EQ(id.size(), 36u);
  EXPECT_EQ(rules_->MobileDeviceAccessEffect(org_, {"Android", "", "", ""})->effect, RuleEffect::kDeny);
  r.id = id;
  r.device_types = {"ipad"};
  clock_.Advance(std::chrono::seconds(3));
  ASSERT_TRUE(rules_->UpdateMobileDeviceAccessRule(org_, r));
  auto all = *rules_->MobileDeviceAccessRules(org_);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].device_types, std::vector<std::string>{"ipad"});
  EXPECT_EQ(all[1].date_modified, all[1].date_created + 3);
  EXPECT_EQ(rules_->MobileDeviceAccessEffect(org_, {"Android", "", "", ""})->effect, RuleEffect::kAllow);
  r.id = "missing";
  EXPECT_EQ(rules_->UpdateMobileDeviceAccessRule(org_, r).error().code, ErrorCode::kNotFound);
  for (std::size_t i = 2; i < policy::kMaxMobileDeviceAccessRules; ++i) ASSERT_TRUE(rules_->CreateMobileDeviceAccessRule(org_, r));
  EXPECT_EQ(rules_->CreateMobileDeviceAccessRule(org_, r).error().code, ErrorCode::kResourceExhausted);
  auto existing = *rules_->MobileDeviceAccessRules(org_);
  for (const auto& x : existing) ASSERT_TRUE(rules_->DeleteMobileDeviceAccessRule(org_, x.id));
  EXPECT_TRUE(rules_->DeleteMobileDeviceAccessRule(org_, "missing"));
  EXPECT_EQ(rules_->MobileDeviceAccessEffect(org_, {"iPhone", "", "", ""})->effect, RuleEffect::kDeny);
}

TEST_F(RuleStoreTest, OverridesPutGetListDeleteAndPrecedence) {
  policy::MobileDeviceAccessRule deny_all;
  deny_all.name = "DefaultDenyAll";
  deny_all.effect = RuleEffect::kDeny;
  ASSERT_TRUE(rules_->CreateMobileDeviceAccessRule(org_, deny_all));
  policy::MobileDeviceAccessOverride o{"user1@domain.com", "6APMEKPHCP2ND42VIJ4BR8ECD0", RuleEffect::kDeny, "", 0, 0};
  ASSERT_TRUE(rules_->PutMobileDeviceAccessOverride(org_, o));
  auto created = rules_->MobileDeviceAccessOverride(org_, "USER1@domain.com", "6APMEKPHCP2ND42VIJ4BR8ECD0")->date_created;
  clock_.Advance(std::chrono::seconds(7));
  o.effect = RuleEffect::kAllow;
  o.description = "compliant";
  ASSERT_TRUE(rules_->PutMobileDeviceAccessOverride(org_, o));
  auto got = *rules_->MobileDeviceAccessOverride(org_, "user1@domain.com", "6APMEKPHCP2ND42VIJ4BR8ECD0");
  EXPECT_EQ(got.effect, RuleEffect::kAllow);
  EXPECT_EQ(got.date_created, created);
  EXPECT_EQ(got.date_modified, created + 7);
  EXPECT_EQ(got.description, "compliant");
  auto d = *rules_->DeviceAccess(org_, "user1@domain.com", "6APMEKPHCP2ND42VIJ4BR8ECD0", {"iPhone", "", "", ""});
  EXPECT_EQ(d.effect, RuleEffect::kAllow);
  EXPECT_TRUE(d.overridden);
  ASSERT_TRUE(rules_->PutMobileDeviceAccessOverride(org_, {"a@domain.com", "DEV2", RuleEffect::kDeny, "", 0, 0}));
  auto listed = *rules_->MobileDeviceAccessOverrides(org_, {});
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].second.user_id, "a@domain.com");  // ordered by user
  EXPECT_EQ(rules_->MobileDeviceAccessOverrides(org_, {"USER1@domain.com", ""})->size(), 1u);
  EXPECT_EQ(rules_->MobileDeviceAccessOverrides(org_, {"", "dev2"})->size(), 1u);
  ASSERT_TRUE(rules_->DeleteMobileDeviceAccessOverride(org_, "user1@domain.com", "6APMEKPHCP2ND42VIJ4BR8ECD0"));
  EXPECT_EQ(rules_->MobileDeviceAccessOverride(org_, "user1@domain.com", "6APMEKPHCP2ND42VIJ4BR8ECD0").error().code,
            ErrorCode::kNotFound);
  EXPECT_TRUE(rules_->DeleteMobileDeviceAccessOverride(org_, "user1@domain.com", "6APMEKPHCP2ND42VIJ4BR8ECD0"));
  d = *rules_->DeviceAccess(org_, "user1@domain.com", "6APMEKPHCP2ND42VIJ4BR8ECD0", {"iPhone", "", "", ""});
  EXPECT_EQ(d.effect, RuleEffect::kDeny);
  EXPECT_FALSE(d.overridden);
}

TEST_F(RuleStoreTest, RolesCrudNamesLimitAndEffect) {
  policy::ImpersonationRole role;
  role.name = "Reader";
  role.type = policy::ImpersonationRoleType::kReadOnly;
  role.rules = {{"r1", "all", "", RuleEffect::kAllow, {}, {}}, {"r2", "not-ceo", "", RuleEffect::kDeny, {"ceo"}, {}}};
  auto id = *rules_->CreateImpersonationRole(org_, role);
  auto got = *rules_->ImpersonationRole(org_, id);
  EXPECT_EQ(got.name, "Reader");
  EXPECT_EQ(got.rules.size(), 2u);
  EXPECT_EQ(rules_->ImpersonationEffect(org_, id, "CEO")->effect, RuleEffect::kDeny);
  EXPECT_EQ(rules_->ImpersonationEffect(org_, id, "intern")->effect, RuleEffect::kAllow);
  EXPECT_EQ(rules_->ImpersonationEffect(org_, "nope", "x").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(rules_->CreateImpersonationRole(org_, role).error().code, ErrorCode::kAlreadyExists);  // "reader" taken
  got.name = "Reader";  // keeping its own name is fine
  got.type = policy::ImpersonationRoleType::kFullAccess;
  got.rules.pop_back();
  clock_.Advance(std::chrono::seconds(2));
  ASSERT_TRUE(rules_->UpdateImpersonationRole(org_, got));
  auto updated = *rules_->ImpersonationRole(org_, id);
  EXPECT_EQ(updated.type, policy::ImpersonationRoleType::kFullAccess);
  EXPECT_EQ(updated.date_modified, updated.date_created + 2);
  EXPECT_EQ(rules_->ImpersonationEffect(org_, id, "ceo")->effect, RuleEffect::kAllow);
  got.id = "missing";
  EXPECT_EQ(rules_->UpdateImpersonationRole(org_, got).error().code, ErrorCode::kNotFound);
  role.rules = {{"x", "", "", RuleEffect::kAllow, {}, {}}, {"x", "", "", RuleEffect::kAllow, {}, {}}};
  role.name = "dup-rules";
  EXPECT_EQ(rules_->CreateImpersonationRole(org_, role).error().code, ErrorCode::kInvalidArgument);
  role.rules.clear();
  for (int i = 1; i < 20; ++i) {
    role.name = "role" + std::to_string(i);
    ASSERT_TRUE(rules_->CreateImpersonationRole(org_, role));
  }
  role.name = "one-too-many";
  EXPECT_EQ(rules_->CreateImpersonationRole(org_, role).error().code, ErrorCode::kResourceExhausted);
  auto all = *rules_->ImpersonationRoles(org_);
  EXPECT_EQ(all.size(), 20u);
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.id < b.id; }));
  ASSERT_TRUE(rules_->DeleteImpersonationRole(org_, id));
  EXPECT_TRUE(rules_->DeleteImpersonationRole(org_, id));
  EXPECT_EQ(rules_->ImpersonationRole(org_, id).error().code, ErrorCode::kNotFound);
}

TEST_F(RuleStoreTest, ImpersonationTokensExpireAfterFifteenMinutesAndDieWithTheRole) {
  policy::ImpersonationRole role;
  role.name = "ews";
  auto id = *rules_->CreateImpersonationRole(org_, role);
  auto grant = *rules_->AssumeImpersonationRole(org_, id);
  EXPECT_EQ(grant.expires_in, 900);
  EXPECT_EQ(grant.token.rfind(org_ + ".", 0), 0u);
  EXPECT_EQ(grant.token.size(), org_.size() + 1 + 64);
  auto session = *rules_->ResolveImpersonationToken(grant.token);
  EXPECT_EQ(session.organization_id, org_);
  EXPECT_EQ(session.role.id, id);
  EXPECT_EQ(session.expires_at, 1'700'000'000 + 900);
  // Only the token's digest is stored, never the token.
  ASSERT_TRUE(store_.Read([&](storage::ReadTxn& t) -> Status {
    auto objects = SKERRY_TRY(t.ListObjects(org_, "impersonation-tokens", "", 10));
    EXPECT_EQ(objects.size(), 1u);
    for (const auto& o : objects) EXPECT_EQ(grant.token.find(o.id), std::string::npos);
    return Ok();
  }));
  EXPECT_EQ(rules_->ResolveImpersonationToken(grant.token + "x").error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(rules_->ResolveImpersonationToken("garbage").error().code, ErrorCode::kPermissionDenied);
  clock_.Advance(std::chrono::seconds(899));
  EXPECT_TRUE(rules_->ResolveImpersonationToken(grant.token));
  clock_.Advance(std::chrono::seconds(1));
  EXPECT_EQ(rules_->ResolveImpersonationToken(grant.token).error().code, ErrorCode::kPermissionDenied);
  auto second = *rules_->AssumeImpersonationRole(org_, id);
  ASSERT_TRUE(rules_->DeleteImpersonationRole(org_, id));
  EXPECT_EQ(rules_->ResolveImpersonationToken(second.token).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(rules_->AssumeImpersonationRole(org_, id).error().code, ErrorCode::kNotFound);
}

TEST_F(RuleStoreTest, CodecRoundTripsTheWireShapes) {
  auto r = AccessRule("x", RuleEffect::kDeny);
  r.ip_ranges = {"10.0.0.0/8"};
  r.not_user_ids = {"u"};
  r.date_created = 1.5;
  auto back = *AccessControlRuleFromJson(AccessControlRuleToJson(r));
  EXPECT_EQ(back.ip_ranges, r.ip_ranges);
  EXPECT_EQ(back.not_user_ids, r.not_user_ids);
  EXPECT_EQ(back.date_created, 1.5);
  auto json = AccessControlRuleToJson(r);
  EXPECT_FALSE(json.contains("Actions"));  // empty lists are left out
  json["Effect"] = "MAYBE";
  EXPECT_FALSE(AccessControlRuleFromJson(json));
  policy::ImpersonationRole role;
  role.id = "id";
  role.name = "n";
  role.rules = {{"r", "", "d", RuleEffect::kAllow, {"a"}, {}}};
  auto summary = ImpersonationRoleToJson(role, true);
  EXPECT_FALSE(summary.contains("Rules"));
  auto full = *ImpersonationRoleFromJson(ImpersonationRoleToJson(role));
  ASSERT_EQ(full.rules.size(), 1u);
  EXPECT_EQ(full.rules[0].target_users, std::vector<std::string>{"a"});
  EXPECT_EQ(full.rules[0].description, "d");
}

}  // namespace
}  // namespace skerry::directory
