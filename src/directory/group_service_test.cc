#include "directory/group_service.h"

#include "directory/entity_test_fixture.h"
#include "directory/user_service.h"

namespace skerry::directory {
namespace {

class GroupServiceTest : public EntityTest {
 protected:
  std::string User(const std::string& name) {
    CreateUserRequest r;
    r.name = name;
    return *UserService(*store_).Create(kOrg, r);
  }
  static std::vector<std::string> Ids(const std::vector<Entity>& v) {
    std::vector<std::string> out;
    for (const auto& e : v) out.push_back(e.id);
    std::sort(out.begin(), out.end());
    return out;
  }
};

TEST_F(GroupServiceTest, NestingWithoutCycles) {
  GroupService groups(*store_);
  auto a = *groups.Create(kOrg, "a", false);
  auto b = *groups.Create(kOrg, "b", false);
  auto c = *groups.Create(kOrg, "c", false);
  auto u = User("u");
  ASSERT_TRUE(groups.AddMember(kOrg, a, b));  // a ⊃ b ⊃ c ⊃ u
  ASSERT_TRUE(groups.AddMember(kOrg, b, c));
  ASSERT_TRUE(groups.AddMember(kOrg, c, u));
  ASSERT_TRUE(groups.AddMember(kOrg, c, "u")) << "idempotent, by name";
  EXPECT_EQ(Exception(groups.AddMember(kOrg, c, a).error()), "InvalidParameterException");
  EXPECT_EQ(Exception(groups.AddMember(kOrg, a, a).error()), "InvalidParameterException");
  EXPECT_EQ(Ids(*groups.Members(kOrg, c)), std::vector<std::string>{u});
  auto all = Ids(*groups.GroupsOf(kOrg, u, ""));
  std::vector<std::string> want{a, b, c};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(all, want) << "direct and nested";
  EXPECT_EQ(Ids(*groups.GroupsOf(kOrg, u, "b")), std::vector<std::string>{b});
  EXPECT_EQ(Exception(groups.RemoveMember(kOrg, a, u).error()), "EntityNotFoundException") << "not direct";
  ASSERT_TRUE(groups.RemoveMember(kOrg, b, c));
  EXPECT_EQ(Ids(*groups.GroupsOf(kOrg, u, "")), std::vector<std::string>{c});
}

TEST_F(GroupServiceTest, DeleteRefusedWhileEnabledAndMembershipCleaned) {
  GroupService groups(*store_);
  auto parent = *groups.Create(kOrg, "parent", false);
  auto g = *groups.Create(kOrg, "child", true);
  ASSERT_TRUE(groups.AddMember(kOrg, parent, g));
  ASSERT_TRUE(entities_->Register(kOrg, g, std::string("child@") + kDomain));
  EXPECT_EQ(Exception(groups.Delete(kOrg, g).error()), "EntityStateException");
  EXPECT_EQ(Exception(groups.Create(kOrg, "Child", false).error()), "NameAvailabilityException");
  ASSERT_TRUE(groups.Update(kOrg, g, false));
  EXPECT_FALSE(groups.Describe(kOrg, g)->hidden_from_gal);
  GroupFilters f;
  f.state = EntityState::kEnabled;
  EXPECT_EQ(Ids(groups.ListPage(kOrg, f, "", 100)->entities), std::vector<std::string>{g});
  ASSERT_TRUE(entities_->Deregister(kOrg, g));
  ASSERT_TRUE(groups.Delete(kOrg, g));
  EXPECT_TRUE(groups.Members(kOrg, parent)->empty());
  EXPECT_EQ(Exception(groups.Describe(kOrg, g).error()), "EntityNotFoundException");
}

}  // namespace
}  // namespace skerry::directory
