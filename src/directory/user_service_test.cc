#include "directory/user_service.h"

#include <algorithm>

#include "directory/entity_test_fixture.h"
#include "directory/password_hash.h"

namespace skerry::directory {
namespace {

class UserServiceTest : public EntityTest {
 protected:
  Result<std::string> Make(const std::string& name, std::optional<std::string> password = std::nullopt) {
    CreateUserRequest r;
    r.name = name;
    r.display_name = name + " Display";
    r.password = std::move(password);
    return UserService(*store_).Create(kOrg, r);
  }
};

TEST_F(UserServiceTest, CreateDescribeAndNameConflicts) {
  UserService users(*store_);
  auto id = Make("jdoe", "Passw0rd!");
  ASSERT_TRUE(id) << id.error().ToString();
  auto u = users.Describe(kOrg, *id);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->name, "jdoe");
  EXPECT_EQ(u->state, EntityState::kDisabled);
  EXPECT_EQ(u->role, "USER");
  EXPECT_TRUE(*VerifyPassword("Passw0rd!", u->password_hash));
  EXPECT_EQ(users.Describe(kOrg, "jdoe")->id, *id) << "by name";
  EXPECT_EQ(users.Describe(kOrg, "JDOE")->id, *id) << "names compare case-insensitively";
  EXPECT_EQ(Exception(Make("JDoe").error()), "NameAvailabilityException");
  EXPECT_EQ(Exception(Make("weak", "password").error()), "InvalidPasswordException");
  EXPECT_EQ(Exception(users.Describe(kOrg, "nobody").error()), "EntityNotFoundException");
  CreateUserRequest bad;
  bad.name = "sys";
  bad.role = "SYSTEM_USER";
  EXPECT_EQ(Exception(users.Create(kOrg, bad).error()), "InvalidParameterException");
  EXPECT_EQ(Exception(users.Describe("m-ffffffffffffffffffffffffffffffff", *id).error()), "OrganizationNotFoundException");
  org_active_ = false;
  EXPECT_EQ(Exception(users.Describe(kOrg, *id).error()), "OrganizationStateException");
}

TEST_F(UserServiceTest, DeleteOnlyWhenDisabled) {
  UserService users(*store_);
  auto id = *Make("ann");
  ASSERT_TRUE(entities_->Register(kOrg, id, std::string("ann@") + kDomain));
  EXPECT_EQ(live_mailboxes_.size(), 1u);
  EXPECT_EQ(Exception(users.Delete(kOrg, id).error()), "EntityStateException");
  ASSERT_TRUE(entities_->Deregister(kOrg, id));
  EXPECT_TRUE(live_mailboxes_.empty()) << "the mailbox is shredded on deregistration";
  ASSERT_TRUE(users.Delete(kOrg, id));
  EXPECT_EQ(Exception(users.Describe(kOrg, id).error()), "EntityNotFoundException");
  EXPECT_TRUE(Make("ann")) << "the name is free again";
}

TEST_F(UserServiceTest, ListPageStopsAtTheLastMatch) {
  UserService users(*store_);
  std::vector<std::string> ids;
  // More users than one store chunk (200), so the scan crosses chunk boundaries.
  for (int i = 0; i < 450; ++i) ids.push_back(*Make("user" + std::to_string(i)));
  ASSERT_TRUE(Make("other"));
  std::sort(ids.begin(), ids.end());
  UserFilters f;
  f.username_prefix = "user";
  std::vector<std::string> seen;
  std::string after;
  for (;;) {
    auto page = users.ListPage(kOrg, f, after, 100);
    ASSERT_TRUE(page);
    for (const auto& e : page->entities) seen.push_back(e.id);
    if (!page->more) break;
    ASSERT_FALSE(page->entities.empty());
    after = page->entities.back().id;
  }
  EXPECT_EQ(seen, ids) << "every match once, in id order, and no page after the last";
  auto exact = users.ListPage(kOrg, f, ids[349], 100);
  EXPECT_EQ(exact->entities.size(), 100u);
  EXPECT_FALSE(exact->more) << "a full last page does not promise more";
}

TEST_F(UserServiceTest, ListFiltersUpdateAndQuota) {
  UserService users(*store_);
  auto a = *Make("alice");
  auto b = *Make("bob");
  ASSERT_TRUE(entities_->Register(kOrg, b, std::string("bob@") + kDomain));
  UserFilters f;
  EXPECT_EQ(users.ListPage(kOrg, f, "", 100)->entities.size(), 2u);
  f.username_prefix = "al";
  ASSERT_EQ(users.ListPage(kOrg, f, "", 100)->entities.size(), 1u);
  f = {};
  f.state = EntityState::kEnabled;
  ASSERT_EQ(users.ListPage(kOrg, f, "", 100)->entities.front().id, b);
  f = {};
  f.primary_email_prefix = "bob@";
  EXPECT_EQ(users.ListPage(kOrg, f, "", 100)->entities.size(), 1u);
  f.primary_email_prefix = "Bob@";
  EXPECT_EQ(users.ListPage(kOrg, f, "", 100)->entities.size(), 0u) << "case-sensitive, as the console's search";

  UpdateUserRequest u;
  u.display_name = "Alice A.";
  u.attributes["City"] = "Oslo";
  u.role = "REMOTE_USER";
  ASSERT_TRUE(users.Update(kOrg, a, u));
  auto got = *users.Describe(kOrg, a);
  EXPECT_EQ(got.display_name, "Alice A.");
  EXPECT_EQ(got.attributes.at("City"), "Oslo");
  EXPECT_EQ(got.role, "REMOTE_USER");
  EXPECT_EQ(Exception(users.Update(kOrg, b, u).error()), "EntityStateException") << "role of an enabled user";

  EXPECT_EQ(Exception(users.UpdateMailboxQuota(kOrg, b, 51201).error()), "InvalidParameterException");
  EXPECT_EQ(Exception(users.UpdateMailboxQuota(kOrg, a, 100).error()), "EntityStateException");
  ASSERT_TRUE(users.UpdateMailboxQuota(kOrg, b, 1024));
  EXPECT_EQ(users.Describe(kOrg, b)->mailbox_quota_mb, 1024);
  EXPECT_EQ(Exception(users.ResetPassword(kOrg, b, "short").error()), "InvalidPasswordException");
  ASSERT_TRUE(users.ResetPassword(kOrg, b, "N3w-Passw0rd"));
  EXPECT_TRUE(*VerifyPassword("N3w-Passw0rd", users.Describe(kOrg, b)->password_hash));
}

TEST_F(UserServiceTest, RemoteUsersGetNoMailbox) {
  CreateUserRequest r;
  r.name = "remote";
  r.role = "REMOTE_USER";
  auto id = *UserService(*store_).Create(kOrg, r);
  ASSERT_TRUE(entities_->Register(kOrg, id, std::string("remote@") + kDomain));
  EXPECT_TRUE(live_mailboxes_.empty());
}

}  // namespace
}  // namespace skerry::directory
