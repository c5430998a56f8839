#include "base/ids.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <vector>

namespace skerry {
namespace {

TEST(IdsTest, TimeOrderedIdsSortByCreationAndStayOpaqueHex) {
  FakeClock clock;
  auto& random = Random::Secure();
  std::vector<std::string> ids;
  for (int i = 0; i < 50; ++i) {
    ids.push_back(NewTimeOrderedHexId(random, clock.Now()));
    clock.Advance(std::chrono::milliseconds(1));
  }
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  for (const auto& id : ids) EXPECT_TRUE(IsHexId(id)) << id;
  // 1,700,000,000,000 ms = 0x18bcfe56800: the first 12 hex digits are the millisecond.
  EXPECT_EQ(ids.front().substr(0, 12), "018bcfe56800");
  EXPECT_EQ(TimeOfTimeOrderedHexId(ids.back()), clock.Now() - std::chrono::milliseconds(1));
  EXPECT_EQ(TimeOfTimeOrderedHexId("not-an-id"), std::nullopt);

  std::set<std::string> same_ms;
  for (int i = 0; i < 1000; ++i) same_ms.insert(NewTimeOrderedHexId(random, clock.Now()));
  EXPECT_EQ(same_ms.size(), 1000u) << "80 random bits tell ids of one millisecond apart";
}

}  // namespace
}  // namespace skerry
