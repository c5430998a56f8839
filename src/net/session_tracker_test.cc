#include "net/session_tracker.h"

#include <chrono>
#include <list>
#include <optional>

#include <gtest/gtest.h>

namespace skerry::net {
namespace {

using Admission = SessionTracker::Admission;

TEST(SessionTracker, RefusesPastTheClientsLimitAndTheServers) {
  SessionTracker t;
  t.set_limits(3, 2);
  std::list<SessionTracker::Scope> sessions;
  auto enter = [&](const std::string& client) {
    auto admission = t.TryEnter(client);
    if (admission == Admission::kAdmitted) sessions.emplace_back(t, client);
    return admission;
  };
  EXPECT_EQ(enter("192.0.2.1"), Admission::kAdmitted);
  EXPECT_EQ(enter("192.0.2.1"), Admission::kAdmitted);
  EXPECT_EQ(enter("192.0.2.1"), Admission::kClientFull);
  EXPECT_EQ(t.active(), 2);  // a refusal leaves no count behind
  EXPECT_EQ(enter("2001:db8::1"), Admission::kAdmitted);  // another client has its own allowance
  EXPECT_EQ(enter("192.0.2.3"), Admission::kServerFull);
  sessions.erase(sessions.begin());  // one of 192.0.2.1's sessions ends
  EXPECT_EQ(enter("192.0.2.1"), Admission::kAdmitted);
  sessions.clear();
  EXPECT_EQ(t.active(), 0);
}

TEST(SessionTracker, ZeroMeansNoLimit) {
  SessionTracker t;
  t.set_limits(0, 0);
  std::list<SessionTracker::Scope> sessions;
  for (int i = 0; i < 1000; ++i) {
    ASSERT_EQ(t.TryEnter("192.0.2.1"), Admission::kAdmitted);
    sessions.emplace_back(t, "192.0.2.1");
  }
  EXPECT_EQ(t.active(), 1000);
  sessions.clear();
  EXPECT_EQ(t.active(), 0);
}

// The accept loop moves the scope into the session coroutine: only the last owner counts out.
TEST(SessionTracker, AMovedScopeCountsOutOnce) {
  SessionTracker t;
  t.set_limits(0, 1);
  ASSERT_EQ(t.TryEnter("192.0.2.1"), Admission::kAdmitted);
  std::optional<SessionTracker::Scope> first(std::in_place, t, "192.0.2.1");
  std::optional<SessionTracker::Scope> second(std::move(*first));
  first.reset();
  EXPECT_EQ(t.active(), 1);
  EXPECT_EQ(t.TryEnter("192.0.2.1"), Admission::kClientFull);
  second.reset();
  EXPECT_EQ(t.active(), 0);
  EXPECT_EQ(t.TryEnter("192.0.2.1"), Admission::kAdmitted);
  SessionTracker::Scope last(t, "192.0.2.1");
}

TEST(SessionTracker, TheDrainClosesTheSessionsWaitingForTheirClientAndOnlyThose) {
  SessionTracker t;
  int closed_ended = 0, closed_waiting = 0, closed_late = 0;
  { SessionTracker::Idle ended(t, [&] { ++closed_ended; }); }  // its wait ended before the drain
  SessionTracker::Idle waiting(t, [&] { ++closed_waiting; });
  EXPECT_FALSE(waiting.draining());
  EXPECT_FALSE(t.draining());
  t.BeginDrain();
  EXPECT_TRUE(t.draining());
  EXPECT_EQ(closed_waiting, 1);
  EXPECT_EQ(closed_ended, 0);
  // A session that starts to wait after the drain began is told to end instead.
  SessionTracker::Idle late(t, [&] { ++closed_late; });
  EXPECT_TRUE(late.draining());
  t.BeginDrain();
  EXPECT_EQ(closed_late, 0);
  EXPECT_EQ(closed_waiting, 1);
}

TEST(SessionTracker, WaitIdleStopsWaitingWhenTold) {
  SessionTracker t;
  ASSERT_EQ(t.TryEnter("192.0.2.1"), Admission::kAdmitted);
  SessionTracker::Scope session(t, "192.0.2.1");
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(t.WaitIdle(std::chrono::hours(1), [] { return true; }));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::minutes(1));
  EXPECT_FALSE(t.WaitIdle(std::chrono::milliseconds(20)));
}

TEST(SessionTracker, WaitIdleReturnsOnceTheLastSessionEnds) {
  SessionTracker t;
  EXPECT_TRUE(t.WaitIdle(std::chrono::hours(1)));
}

// A session counted when its tracker goes would count out into freed memory: the server's
// teardown order promises it never happens, and the tracker checks.
TEST(SessionTrackerDeathTest, DestroyedWhileASessionIsLiveAborts) {
  EXPECT_DEATH(
      {
        SessionTracker t;
        (void)t.TryEnter("192.0.2.1");
      },
      "teardown order");
}

}  // namespace
}  // namespace skerry::net
