#include "directory/mailbox_permissions.h"

#include "directory/entity_test_fixture.h"
#include "directory/group_service.h"
#include "directory/resource_service.h"
#include "directory/user_service.h"

namespace skerry::directory {
namespace {

class MailboxPermissionsTest : public EntityTest {
 protected:
  // An enabled user (with a mailbox) unless `enable` is false.
  std::string User(const std::string& name, bool enable = true) {
    CreateUserRequest r;
    r.name = name;
    auto id = *UserService(*store_).Create(kOrg, r);
    if (enable) {
      EXPECT_TRUE(entities_->Register(kOrg, id, name + "@" + kDomain));
    }
    return id;
  }
  std::string Group(const std::string& name) {
    auto id = *GroupService(*store_).Create(kOrg, name, false);
    EXPECT_TRUE(entities_->Register(kOrg, id, name + "@" + kDomain));
    return id;
  }
  MailboxPermissions perms() { return MailboxPermissions(*directory_, *store_); }
};

TEST_F(MailboxPermissionsTest, PutListDelete) {
  auto p = perms();
  auto owner = User("owner");
  auto alice = User("alice");
  auto team = Group("team");
  ASSERT_TRUE(p.Put(kOrg, owner, alice, {"SEND_AS", "FULL_ACCESS", "SEND_AS"}));
  ASSERT_TRUE(p.Put(kOrg, "owner@acme.localhost", "team", {"SEND_ON_BEHALF"})) << "by address and name";
  auto list = *p.List(kOrg, owner);
  ASSERT_EQ(list.size(), 2u);
  for (const auto& g : list) {
    if (g.grantee_id == alice) {
      EXPECT_EQ(g.grantee_type, EntityType::kUser);
      EXPECT_EQ(g.permissions, (std::vector<std::string>{"FULL_ACCESS", "SEND_AS"})) << "deduplicated, in order";
    } else {
      EXPECT_EQ(g.grantee_id, team);
      EXPECT_EQ(g.grantee_type, EntityType::kGroup);
      EXPECT_EQ(g.permissions, std::vector<std::string>{"SEND_ON_BEHALF"});
    }
  }
  ASSERT_TRUE(p.Put(kOrg, owner, alice, {"SEND_AS"})) << "replaces";
  ASSERT_TRUE(p.Delete(kOrg, owner, team));
  ASSERT_TRUE(p.Delete(kOrg, owner, team)) << "idempotent";
  list = *p.List(kOrg, owner);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].permissions, std::vector<std::string>{"SEND_AS"});
  ASSERT_TRUE(p.Put(kOrg, owner, alice, {})) << "an empty list removes the grant";
  EXPECT_TRUE(p.List(kOrg, owner)->empty());
}

TEST_F(MailboxPermissionsTest, Refusals) {
  auto p = perms();
  auto owner = User("owner");
  auto alice = User("alice");
  auto off = User("off", false);
  auto team = Group("team");
  EXPECT_EQ(Exception(p.Put(kOrg, owner, team, {"FULL_ACCESS"}).error()), "InvalidParameterException");
  EXPECT_EQ(Exception(p.Put(kOrg, team, alice, {"SEND_AS"}).error()), "InvalidParameterException")
      << "a group has no mailbox";
  EXPECT_EQ(Exception(p.Put(kOrg, owner, owner, {"SEND_AS"}).error()), "InvalidParameterException");
  EXPECT_EQ(Exception(p.Put(kOrg, owner, alice, {"READ"}).error()), "InvalidParameterException");
  EXPECT_EQ(Exception(p.Put(kOrg, off, alice, {"SEND_AS"}).error()), "EntityStateException");
  EXPECT_EQ(Exception(p.Put(kOrg, owner, "nobody", {"SEND_AS"}).error()), "EntityNotFoundException");
  EXPECT_EQ(Exception(p.Put(kOrg, "nobody", alice, {"SEND_AS"}).error()), "EntityNotFoundException");
  EXPECT_EQ(Exception(p.Delete(kOrg, owner, "nobody").error()), "EntityNotFoundException");
  EXPECT_EQ(Exception(p.List(kOrg, team).error()), "InvalidParameterException");
  EXPECT_TRUE(p.List(kOrg, owner)->empty()) << "nothing was written by the refusals";
  org_active_ = false;
  EXPECT_EQ(Exception(p.List(kOrg, owner).error()), "OrganizationStateException");
}

TEST_F(MailboxPermissionsTest, EffectivePermissionsFollowNestedGroups) {
  auto p = perms();
  GroupService groups(*store_);
  auto shared = User("shared");
  auto alice = User("alice");
  auto bob = User("bob");
  auto outer = Group("outer");
  auto inner = Group("inner");
  ASSERT_TRUE(groups.AddMember(kOrg, outer, inner));  // outer ⊃ inner ⊃ alice
  ASSERT_TRUE(groups.AddMember(kOrg, inner, alice));
  ASSERT_TRUE(p.Put(kOrg, shared, outer, {"SEND_ON_BEHALF"}));
  ASSERT_TRUE(p.Put(kOrg, shared, inner, {"SEND_AS"}));
  ASSERT_TRUE(p.Put(kOrg, shared, alice, {"FULL_ACCESS"}));
  EXPECT_EQ(*p.EffectivePermissions(kOrg, shared, alice), (MailboxAccess{true, true, true}));
  EXPECT_EQ(*p.EffectivePermissions(kOrg, "shared@acme.localhost", "bob"), MailboxAccess{}) << "bob is in no group";
  ASSERT_TRUE(groups.AddMember(kOrg, outer, bob));
  EXPECT_EQ(*p.EffectivePermissions(kOrg, shared, bob), (MailboxAccess{false, false, true}));
  ASSERT_TRUE(groups.RemoveMember(kOrg, inner, alice));
  EXPECT_EQ(*p.EffectivePermissions(kOrg, shared, alice), (MailboxAccess{true, false, false}));
  EXPECT_EQ(Exception(p.EffectivePermissions(kOrg, shared, "nobody").error()), "EntityNotFoundException");
}

TEST_F(MailboxPermissionsTest, GrantsOfDeletedGranteesDisappear) {
  auto p = perms();
  auto owner = User("owner");
  auto gone = User("gone");
  ASSERT_TRUE(p.Put(kOrg, owner, gone, {"SEND_AS"}));
  ASSERT_TRUE(entities_->Deregister(kOrg, gone));
  ASSERT_TRUE(UserService(*store_).Delete(kOrg, gone));
  EXPECT_TRUE(p.List(kOrg, owner)->empty());
}

}  // namespace
}  // namespace skerry::directory
