#include "directory/entity_service.h"

#include "directory/entity_test_fixture.h"
#include "directory/group_service.h"
#include "directory/resource_service.h"
#include "directory/user_service.h"
#include "storage/memory/memory_metadata_store.h"

namespace skerry::directory {

std::unique_ptr<storage::MetadataStore> MakeTestMetadataStore() {
  return std::make_unique<storage::memory::MemoryMetadataStore>();
}

namespace {

class EntityServiceTest : public EntityTest {
 protected:
  std::string User(const std::string& name) {
    CreateUserRequest r;
    r.name = name;
    return *UserService(*store_).Create(kOrg, r);
  }
  static std::string At(const std::string& local) { return local + "@" + kDomain; }
};

TEST_F(EntityServiceTest, RegisterDeregisterAndAddressUniqueness) {
  auto u = User("ann");
  auto g = *GroupService(*store_).Create(kOrg, "team", false);
  EXPECT_EQ(Exception(entities_->Register(kOrg, u, "ann@elsewhere.com").error()), "MailDomainNotFoundException");
  ASSERT_TRUE(entities_->Register(kOrg, u, At("ann")));
  EXPECT_EQ(Exception(entities_->Register(kOrg, u, At("ann2")).error()), "EntityAlreadyRegisteredException");
  EXPECT_EQ(Exception(entities_->Register(kOrg, g, At("ANN")).error()), "EmailAddressInUseException");
  EXPECT_EQ(live_mailboxes_.size(), 1u) << "groups get no mailbox; the refused call left none";
  ASSERT_TRUE(entities_->Register(kOrg, g, At("team")));
  auto e = *entities_->DescribeByEmail(kOrg, At("Team"));
  EXPECT_EQ(e.id, g);
  EXPECT_EQ(e.type, EntityType::kGroup);
  clock_.Advance(std::chrono::seconds(5));
  ASSERT_TRUE(entities_->Deregister(kOrg, u));
  auto d = *UserService(*store_).Describe(kOrg, u);
  EXPECT_EQ(d.state, EntityState::kDisabled);
  EXPECT_TRUE(d.email.empty());
  EXPECT_GT(d.disabled_date, d.enabled_date);
  EXPECT_TRUE(d.mailbox_id.empty());
  EXPECT_NE(d.mailbox_deprovisioned_date, 0);
  EXPECT_EQ(Exception(entities_->Deregister(kOrg, u).error()), "EntityStateException");
  ASSERT_TRUE(entities_->Register(kOrg, User("bob"), At("ann"))) << "the address was released";
}

TEST_F(EntityServiceTest, AliasesAndPrimaryAddress) {
  auto u = User("carl");
  EXPECT_EQ(Exception(entities_->CreateAlias(kOrg, u, At("c")).error()), "EntityStateException");
  ASSERT_TRUE(entities_->Register(kOrg, u, At("carl")));
  ASSERT_TRUE(entities_->CreateAlias(kOrg, u, At("c")));
  ASSERT_TRUE(entities_->CreateAlias(kOrg, u, At("C"))) << "idempotent";
  EXPECT_EQ(Exception(entities_->CreateAlias(kOrg, u, At("carl")).error()), "EmailAddressInUseException");
  EXPECT_EQ(Exception(entities_->CreateAlias(kOrg, u, "c@other.org").error()), "MailDomainNotFoundException");
  auto other = User("dora");
  ASSERT_TRUE(entities_->Register(kOrg, other, At("dora")));
  EXPECT_EQ(Exception(entities_->CreateAlias(kOrg, other, At("c")).error()), "EmailAddressInUseException");

  // Promote the alias: the two swap.
  ASSERT_TRUE(entities_->UpdatePrimaryEmail(kOrg, u, At("c")));
  auto e = *UserService(*store_).Describe(kOrg, u);
  EXPECT_EQ(e.email, At("c"));
  EXPECT_EQ(e.aliases, std::vector<std::string>{At("carl")});
  // A new address: the old primary becomes an alias.
  ASSERT_TRUE(entities_->UpdatePrimaryEmail(kOrg, u, At("carl.new")));
  EXPECT_EQ(*entities_->ListAliases(kOrg, u), (std::vector<std::string>{At("c"), At("carl")}));
  EXPECT_EQ(Exception(entities_->UpdatePrimaryEmail(kOrg, u, At("dora")).error()), "EmailAddressInUseException");
  EXPECT_EQ(Exception(entities_->DeleteAlias(kOrg, u, At("carl.new")).error()), "InvalidParameterException");
  ASSERT_TRUE(entities_->DeleteAlias(kOrg, u, At("c")));
  ASSERT_TRUE(entities_->DeleteAlias(kOrg, u, At("c"))) << "idempotent";
  ASSERT_TRUE(entities_->CreateAlias(kOrg, other, At("c"))) << "released";
}

TEST_F(EntityServiceTest, AliasLimit) {
  auto u = User("many");
  ASSERT_TRUE(entities_->Register(kOrg, u, At("many")));
  for (std::size_t i = 0; i < kMaxAliasesPerEntity; ++i)
    ASSERT_TRUE(entities_->CreateAlias(kOrg, u, At("a" + std::to_string(i))));
  EXPECT_EQ(Exception(entities_->CreateAlias(kOrg, u, At("one-too-many")).error()), "LimitExceededException");
}

TEST_F(EntityServiceTest, StaleWritesAreRefused) {
  auto u = User("eve");
  auto v = User("fay");
  ASSERT_TRUE(entities_->Register(kOrg, u, At("eve")));
  // A document read before another write loses the optimistic check instead of undoing it.
  auto stale = *store_->Get(kOrg, EntityType::kUser, v);
  auto fresh = stale;
  ASSERT_TRUE(store_->Save(kOrg, fresh));
  EXPECT_EQ(Exception(store_->Save(kOrg, stale).error()), "EntityStateException");
  EXPECT_EQ(live_mailboxes_.size(), 1u);
}

TEST_F(EntityServiceTest, ResourcesBookingAndDelegates) {
  ResourceService resources(*store_);
  auto r = resources.Create(kOrg, {"room1", "ROOM", "Big room", false});
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->starts_with("r-"));
  EXPECT_EQ(r->size(), 34u);
  auto d = *resources.Describe(kOrg, *r);
  EXPECT_TRUE(d.booking.auto_accept_requests);
  EXPECT_FALSE(d.booking.auto_decline_recurring_requests);
  EXPECT_TRUE(d.booking.auto_decline_conflicting_requests);
  EXPECT_EQ(Exception(resources.Create(kOrg, {"ROOM1", "ROOM", "", false}).error()), "NameAvailabilityException");
  User("taken");
  UpdateResourceRequest up;
  up.name = "taken";
  EXPECT_EQ(Exception(resources.Update(kOrg, *r, up).error()), "NameAvailabilityException");
  up.name = "room2";
  up.auto_accept_requests = false;
  up.description = "";
  ASSERT_TRUE(resources.Update(kOrg, *r, up));
  d = *resources.Describe(kOrg, "room2");
  EXPECT_FALSE(d.booking.auto_accept_requests);
  EXPECT_TRUE(d.booking.auto_decline_conflicting_requests) << "untouched";
  EXPECT_TRUE(d.description.empty());
  ASSERT_TRUE(resources.Create(kOrg, {"room1", "ROOM", "", false})) << "old name released";

  auto u = User("booker");
  ASSERT_TRUE(resources.AddDelegate(kOrg, *r, u));
  ASSERT_TRUE(resources.AddDelegate(kOrg, *r, u));
  EXPECT_EQ(resources.Delegates(kOrg, *r)->size(), 1u);
  EXPECT_EQ(Exception(resources.AddDelegate(kOrg, *r, *r).error()), "EntityNotFoundException");
  ASSERT_TRUE(entities_->Register(kOrg, *r, At("room2")));
  EXPECT_EQ(live_mailboxes_.size(), 1u) << "resources have mailboxes";
  EXPECT_EQ(Exception(resources.Delete(kOrg, *r).error()), "EntityStateException");
  ASSERT_TRUE(UserService(*store_).Delete(kOrg, u));
  EXPECT_TRUE(resources.Delegates(kOrg, *r)->empty()) << "a deleted user is no delegate";
  ASSERT_TRUE(resources.RemoveDelegate(kOrg, *r, User("x")).error().code == ErrorCode::kNotFound);
}

}  // namespace
}  // namespace skerry::directory
