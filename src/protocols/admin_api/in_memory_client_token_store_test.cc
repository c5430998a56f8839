#include "protocols/admin_api/in_memory_client_token_store.h"

#include <gtest/gtest.h>

namespace skerry::admin_api {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

ClientTokenKey Key(std::string token = "c2a0f1e6-0000-4000-8000-000000000001",
                   std::string principal = "arn:admin", std::string op = "CreateOrganization") {
  return {std::move(principal), std::move(op), std::move(token)};
}

TEST(InMemoryClientTokenStoreTest, NewThenReplayThenConflict) {
  FakeClock clock;
  InMemoryClientTokenStore store(clock);
  EXPECT_EQ(store.Begin(Key(), "h1")->outcome, ClientTokenOutcome::kNew);
  EXPECT_EQ(store.Begin(Key(), "h1")->outcome, ClientTokenOutcome::kInProgress);
  EXPECT_EQ(store.Begin(Key(), "h2")->outcome, ClientTokenOutcome::kConflict);
  ASSERT_TRUE(store.Complete(Key(), R"({"OrganizationId":"m-1"})").has_value());
  auto replay = store.Begin(Key(), "h1").value();
  EXPECT_EQ(replay.outcome, ClientTokenOutcome::kReplay);
  EXPECT_EQ(replay.stored_response, R"({"OrganizationId":"m-1"})");
  EXPECT_EQ(store.Begin(Key(), "h2")->outcome, ClientTokenOutcome::kConflict);
  EXPECT_FALSE(store.Complete(Key(), "again").has_value());  // already complete
}

TEST(InMemoryClientTokenStoreTest, KeysAreScopedByPrincipalAndOperation) {
  FakeClock clock;
  InMemoryClientTokenStore store(clock);
  ASSERT_EQ(store.Begin(Key(), "h1")->outcome, ClientTokenOutcome::kNew);
  EXPECT_EQ(store.Begin(Key("c2a0f1e6-0000-4000-8000-000000000001", "arn:other"), "h2")->outcome,
            ClientTokenOutcome::kNew);
  EXPECT_EQ(
      store
          .Begin(Key("c2a0f1e6-0000-4000-8000-000000000001", "arn:admin", "DeleteOrganization"),
                 "h2")
          ->outcome,
      ClientTokenOutcome::kNew);
  // Length-prefixed flattening: no ambiguity between ("ab","c") and ("a","bc").
  EXPECT_EQ(store.Begin(Key("t", "ab", "c"), "x")->outcome, ClientTokenOutcome::kNew);
  EXPECT_EQ(store.Begin(Key("t", "a", "bc"), "y")->outcome, ClientTokenOutcome::kNew);
}

TEST(InMemoryClientTokenStoreTest, AbandonLetsARetryRunAgain) {
  FakeClock clock;
  InMemoryClientTokenStore store(clock);
  ASSERT_EQ(store.Begin(Key(), "h1")->outcome, ClientTokenOutcome::kNew);
  store.Abandon(Key());
  EXPECT_EQ(store.Begin(Key(), "h2")->outcome, ClientTokenOutcome::kNew);
  store.Abandon(Key("unknown"));  // harmless
  ASSERT_TRUE(store.Complete(Key(), "r").has_value());
  store.Abandon(Key());  // a completed entry stays
  EXPECT_EQ(store.Begin(Key(), "h2")->outcome, ClientTokenOutcome::kReplay);
}

TEST(InMemoryClientTokenStoreTest, TtlAndClaimTimeout) {
  FakeClock clock;
  InMemoryClientTokenStore store(clock, {hours(8), minutes(5), 100});
  ASSERT_EQ(store.Begin(Key("a"), "h")->outcome, ClientTokenOutcome::kNew);
  clock.Advance(minutes(5) - seconds(1));
  EXPECT_EQ(store.Begin(Key("a"), "h")->outcome, ClientTokenOutcome::kInProgress);
  clock.Advance(seconds(1));
  EXPECT_EQ(store.Begin(Key("a"), "h")->outcome,
            ClientTokenOutcome::kNew);  // stale claim taken over
  ASSERT_TRUE(store.Complete(Key("a"), "r").has_value());
  clock.Advance(hours(8) - seconds(1));
  EXPECT_EQ(store.Begin(Key("a"), "h")->outcome, ClientTokenOutcome::kReplay);
  clock.Advance(seconds(1));
  EXPECT_EQ(store.Begin(Key("a"), "other")->outcome,
            ClientTokenOutcome::kNew);  // expired: forgotten
}

TEST(InMemoryClientTokenStoreTest, BoundedSizeEvictsClosestToExpiry) {
  FakeClock clock;
  InMemoryClientTokenStore store(clock, {hours(8), minutes(5), 3});
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(store.Begin(Key(std::to_string(i)), "h")->outcome, ClientTokenOutcome::kNew);
    ASSERT_TRUE(store.Complete(Key(std::to_string(i)), "r").has_value());
    clock.Advance(seconds(1));
  }
  EXPECT_EQ(store.size(), 3u);
  ASSERT_EQ(store.Begin(Key("3"), "h")->outcome, ClientTokenOutcome::kNew);
  EXPECT_EQ(store.size(), 3u);
  EXPECT_EQ(store.Begin(Key("0"), "h")->outcome, ClientTokenOutcome::kNew);  // "0" was evicted
  EXPECT_EQ(store.Begin(Key("2"), "h")->outcome, ClientTokenOutcome::kReplay);
  clock.Advance(hours(9));
  ASSERT_EQ(store.Begin(Key("x"), "h")->outcome, ClientTokenOutcome::kNew);
  EXPECT_EQ(store.size(), 1u);  // the expired ones were swept
}

}  // namespace
}  // namespace skerry::admin_api
