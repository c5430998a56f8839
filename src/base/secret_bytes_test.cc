#include "base/secret_bytes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <vector>

// The test binary's own global operator delete (a replaceable function): it copies the bytes of
// one watched allocation just before they go back to malloc, which is the last moment a wipe can
// still be seen without reading freed memory.
namespace {
const void* g_watched = nullptr;
std::size_t g_watched_size = 0;
std::uint8_t g_seen[256];
bool g_freed = false;

void Observe(void* p) {
  if (p == nullptr || p != g_watched) return;
  std::memcpy(g_seen, p, g_watched_size);
  g_freed = true;
  g_watched = nullptr;
}
}  // namespace

// operator new is replaced too, so what these free came from malloc (GCC cannot see that).
void* operator new(std::size_t n) {
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* p) noexcept {
  Observe(p);
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  Observe(p);
  std::free(p);
}
#pragma GCC diagnostic pop

namespace skerry {
namespace {

constexpr std::size_t kSize = 32;

class SecretBytesTest : public ::testing::Test {
 protected:
  void TearDown() override { g_watched = nullptr; }  // a failed test's watch must not outlive it
  void Watch(const SecretBytes& s) {
    ASSERT_LE(s.size(), sizeof g_seen);
    g_watched = s.data();
    g_watched_size = s.size();
    g_freed = false;
  }
  void ExpectFreedZeroed() {
    ASSERT_TRUE(g_freed) << "the watched buffer was not freed";
    EXPECT_TRUE(std::all_of(g_seen, g_seen + g_watched_size, [](std::uint8_t b) { return b == 0; }));
  }
  static SecretBytes Key(std::uint8_t fill) { return SecretBytes(std::vector<std::uint8_t>(kSize, fill)); }
};

TEST_F(SecretBytesTest, DestructionZeroesTheBytesBeforeFreeingThem) {
  {
    auto key = Key(0xA5);
    Watch(key);
  }
  ExpectFreedZeroed();
}

TEST_F(SecretBytesTest, MoveAssignmentZeroesTheKeyItReplaces) {
  auto key = Key(0xA5);
  Watch(key);
  key = Key(0x5A);
  ExpectFreedZeroed();
  EXPECT_EQ(key.view()[0], 0x5A);
}

TEST_F(SecretBytesTest, AMovedFromKeyHoldsNothingAndTheMoveCopiesNothing) {
  auto key = Key(0xA5);
  const auto* buffer = key.data();
  SecretBytes moved(std::move(key));
  EXPECT_TRUE(key.empty());        // NOLINT(bugprone-use-after-move): what a move leaves is the point
  EXPECT_EQ(moved.data(), buffer);  // the same buffer changed hands: no copy left unwiped
}

TEST_F(SecretBytesTest, ACloneIsItsOwnBufferAndOutlivesTheOriginal) {
  auto key = Key(0xA5);
  auto copy = key.Clone();
  EXPECT_NE(copy.data(), key.data());
  Watch(key);
  key = SecretBytes();
  ExpectFreedZeroed();
  EXPECT_EQ(copy.view()[kSize - 1], 0xA5);
}

}  // namespace
}  // namespace skerry
