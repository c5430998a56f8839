#include "directory/settings_store.h"

#include "directory/entity_test_fixture.h"

namespace skerry::directory {
namespace {

class SettingsStoreTest : public EntityTest {
 protected:
  SettingsStore settings() { return SettingsStore(*directory_, random_); }
  static RetentionPolicy Policy(std::vector<FolderConfiguration> folders, std::string id = "") {
    return RetentionPolicy{std::move(id), "default", "d", std::move(folders)};
  }
};

TEST_F(SettingsStoreTest, DmarcIsEnforcedUntilTurnedOff) {
  auto s = settings();
  EXPECT_TRUE(*s.InboundDmarcEnforced(kOrg));
  ASSERT_TRUE(s.PutInboundDmarc(kOrg, false));
  EXPECT_FALSE(*s.InboundDmarcEnforced(kOrg));
  ASSERT_TRUE(s.PutInboundDmarc(kOrg, true));
  EXPECT_TRUE(*s.InboundDmarcEnforced(kOrg));
}

TEST_F(SettingsStoreTest, RetentionPolicyLifecycle) {
  auto s = settings();
  EXPECT_EQ(Exception(s.DefaultRetentionPolicy(kOrg).error()), "EntityNotFoundException");
  auto id = *s.PutRetentionPolicy(kOrg, Policy({{"DELETED_ITEMS", "PERMANENTLY_DELETE", 30}, {"INBOX", "NONE", {}}}));
  auto got = *s.DefaultRetentionPolicy(kOrg);
  EXPECT_EQ(got.id, id);
  ASSERT_EQ(got.folders.size(), 2u);
  EXPECT_EQ(got.folders[0].period, 30);
  EXPECT_FALSE(got.folders[1].period.has_value());
  EXPECT_EQ(*s.PutRetentionPolicy(kOrg, Policy({{"JUNK_EMAIL", "DELETE", 7}})), id) << "no Id: replaces, keeps the id";
  EXPECT_EQ(*s.PutRetentionPolicy(kOrg, Policy({{"JUNK_EMAIL", "DELETE", 8}}, id)), id);
  EXPECT_EQ(Exception(s.PutRetentionPolicy(kOrg, Policy({}, "other")).error()), "LimitExceededException");
  EXPECT_EQ(s.DefaultRetentionPolicy(kOrg)->folders[0].period, 8);
  ASSERT_TRUE(s.DeleteRetentionPolicy(kOrg, "other")) << "another id: nothing to delete";
  ASSERT_TRUE(s.DefaultRetentionPolicy(kOrg));
  ASSERT_TRUE(s.DeleteRetentionPolicy(kOrg, id));
  EXPECT_EQ(Exception(s.DefaultRetentionPolicy(kOrg).error()), "EntityNotFoundException");
  EXPECT_EQ(*s.PutRetentionPolicy(kOrg, Policy({}, "mine")), "mine");
}

TEST_F(SettingsStoreTest, RetentionPeriodRules) {
  auto bad = [&](std::vector<FolderConfiguration> f) { return Exception(ValidateRetentionPolicy(Policy(std::move(f))).error()); };
  EXPECT_EQ(bad({{"INBOX", "DELETE", {}}}), "InvalidParameterException") << "DELETE needs a Period";
  EXPECT_EQ(bad({{"INBOX", "PERMANENTLY_DELETE", {}}}), "InvalidParameterException");
  EXPECT_EQ(bad({{"INBOX", "NONE", 5}}), "InvalidParameterException") << "NONE takes no Period";
  EXPECT_EQ(bad({{"INBOX", "DELETE", 731}}), "InvalidParameterException");
  EXPECT_EQ(bad({{"INBOX", "DELETE", 1}, {"INBOX", "NONE", {}}}), "InvalidParameterException") << "twice";
  EXPECT_EQ(bad({{"OUTBOX", "DELETE", 1}}), "InvalidParameterException");
  EXPECT_EQ(bad({{"INBOX", "ARCHIVE", 1}}), "InvalidParameterException");
  EXPECT_TRUE(ValidateRetentionPolicy(Policy({{"INBOX", "DELETE", 730}, {"DRAFTS", "NONE", {}}})));
}

TEST_F(SettingsStoreTest, EmailMonitoring) {
  auto s = settings();
  EXPECT_EQ(Exception(s.EmailMonitoringConfiguration(kOrg).error()), "ResourceNotFoundException");
  const std::string log = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/workmail/x:*";
  ASSERT_TRUE(s.PutEmailMonitoring(kOrg, {"", log}));
  EXPECT_EQ(s.EmailMonitoringConfiguration(kOrg)->role_arn, "");
  ASSERT_TRUE(s.PutEmailMonitoring(kOrg, {"arn:aws:iam::111122223333:role/r", log}));
  EXPECT_EQ(s.EmailMonitoringConfiguration(kOrg)->role_arn, "arn:aws:iam::111122223333:role/r");
  ASSERT_TRUE(s.DeleteEmailMonitoring(kOrg));
  ASSERT_TRUE(s.DeleteEmailMonitoring(kOrg));
  EXPECT_FALSE(s.EmailMonitoringConfiguration(kOrg));
}

TEST_F(SettingsStoreTest, TagsUpToFifty) {
  auto s = settings();
  EXPECT_TRUE(s.Tags(kOrg)->empty());
  std::vector<Tag> tags;
  for (int i = 0; i < 49; ++i) tags.push_back({"k" + std::to_string(100 + i), "v"});
  ASSERT_TRUE(s.TagResource(kOrg, tags));
  ASSERT_TRUE(s.TagResource(kOrg, {{"k100", "changed"}, {"last", ""}}));
  auto all = *s.Tags(kOrg);
  ASSERT_EQ(all.size(), 50u);
  EXPECT_EQ(all[0].key, "k100");
  EXPECT_EQ(all[0].value, "changed");
  EXPECT_EQ(Exception(s.TagResource(kOrg, {{"one-more", "x"}}).error()), "TooManyTagsException");
  EXPECT_EQ(s.Tags(kOrg)->size(), 50u);
  ASSERT_TRUE(s.UntagResource(kOrg, {"k100", "absent"}));
  ASSERT_TRUE(s.TagResource(kOrg, {{"one-more", "x"}}));
  EXPECT_EQ(Exception(s.TagResource(kOrg, {{"AWS:x", "v"}}).error()), "InvalidParameterException");
  EXPECT_EQ(Exception(s.TagResource(kOrg, {{"", "v"}}).error()), "InvalidParameterException");
  EXPECT_EQ(Exception(s.TagResource(kOrg, {{"a", "1"}, {"a", "2"}}).error()), "InvalidParameterException");
  EXPECT_EQ(Exception(s.TagResource(kOrg, {{"semi;colon", "v"}}).error()), "InvalidParameterException");
  EXPECT_TRUE(ValidateTag({"Cost Center/ünit_1.a:b=c+d-e@f", "any value"}));
}

}  // namespace
}  // namespace skerry::directory
