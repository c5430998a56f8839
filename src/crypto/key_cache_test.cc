#include "crypto/key_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "base/bytes.h"

namespace skerry::crypto {
namespace {

using std::chrono::seconds;

SecretBytes KeyOf(std::uint8_t fill) { return SecretBytes(Bytes(32, fill)); }

class MailboxKeyCacheTest : public ::testing::Test {
 protected:
  MailboxKeyCache::Loader CountingLoader(std::uint8_t fill) {
    return [this, fill]() -> Result<SecretBytes> {
      ++loads_;
      return KeyOf(fill);
    };
  }
  FakeClock clock_;
  int loads_ = 0;
};

TEST_F(MailboxKeyCacheTest, HitsWithinTtlMissesAfter) {
  MailboxKeyCache cache(clock_);
  EXPECT_EQ(cache.ttl(), seconds(60));
  auto k = cache.Get("mbx", CountingLoader(1));
  ASSERT_TRUE(k.has_value());
  EXPECT_EQ(k->view()[0], 1);
  clock_.Advance(seconds(59));
  EXPECT_EQ(cache.Get("mbx", CountingLoader(2)).value().view()[0], 1);
  EXPECT_EQ(loads_, 1);
  // Hits do not extend the lifetime: at exactly 60 s after loading the entry is gone.
  clock_.Advance(seconds(1));
  EXPECT_EQ(cache.Get("mbx", CountingLoader(2)).value().view()[0], 2);
  EXPECT_EQ(loads_, 2);
  auto s = cache.stats();
  EXPECT_EQ(s.hits, 1u);
  EXPECT_EQ(s.misses, 2u);
  EXPECT_EQ(s.expirations, 1u);
  EXPECT_EQ(s.entries, 1u);
}

TEST_F(MailboxKeyCacheTest, ConfigurableTtlAndDisabledCache) {
  MailboxKeyCache short_cache(clock_, seconds(5));
  (void)short_cache.Get("a", CountingLoader(1));
  clock_.Advance(seconds(4));
  (void)short_cache.Get("a", CountingLoader(1));
  EXPECT_EQ(loads_, 1);
  clock_.Advance(seconds(1));
  (void)short_cache.Get("a", CountingLoader(1));
  EXPECT_EQ(loads_, 2);

  MailboxKeyCache off(clock_, seconds(0));
  (void)off.Get("a", CountingLoader(1));
  (void)off.Get("a", CountingLoader(1));
  EXPECT_EQ(loads_, 4);
  EXPECT_EQ(off.stats().entries, 0u);
}

TEST_F(MailboxKeyCacheTest, EvictForgetsAtOnce) {
  MailboxKeyCache cache(clock_);
  (void)cache.Get("a", CountingLoader(1));
  (void)cache.Get("b", CountingLoader(1));
  cache.Evict("a");
  cache.Evict("never-cached");
  EXPECT_EQ(cache.stats().evictions, 1u);
  // After crypto-shredding the loader reports the key destroyed, and that is what Get says.
  auto r = cache.Get("a", []() -> Result<SecretBytes> {
    return MakeError(ErrorCode::kKeyDestroyed, "mailbox key destroyed");
  });
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kKeyDestroyed);
  EXPECT_EQ(cache.stats().load_errors, 1u);
  // b is untouched.
  EXPECT_EQ(cache.Get("b", CountingLoader(9)).value().view()[0], 1);
  cache.Clear();
  EXPECT_EQ(cache.stats().entries, 0u);
}

TEST_F(MailboxKeyCacheTest, LoaderErrorsAreNotCached) {
  MailboxKeyCache cache(clock_);
  int calls = 0;
  auto flaky = [&]() -> Result<SecretBytes> {
    if (++calls == 1) return MakeError(ErrorCode::kUnavailable, "token busy");
    return KeyOf(3);
  };
  EXPECT_EQ(cache.Get("a", flaky).error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(cache.Get("a", flaky).value().view()[0], 3);
  EXPECT_EQ(cache.Get("a", flaky).value().view()[0], 3);
  EXPECT_EQ(calls, 2);
}

TEST_F(MailboxKeyCacheTest, LoadRacingAnEvictionIsNotCached) {
  MailboxKeyCache cache(clock_);
  // The mailbox is shredded while its key is being loaded: the caller gets the key it asked
  // for, but it must not stay behind in the cache.
  auto loader = [&]() -> Result<SecretBytes> {
    cache.Evict("a");
    return KeyOf(5);
  };
  EXPECT_TRUE(cache.Get("a", loader).has_value());
  EXPECT_EQ(cache.stats().entries, 0u);
  (void)cache.Get("a", CountingLoader(6));
  EXPECT_EQ(loads_, 1);
}

TEST_F(MailboxKeyCacheTest, CallersGetIndependentCopies) {
  MailboxKeyCache cache(clock_);
  auto a = cache.Get("a", CountingLoader(7)).value();
  a.mutable_view()[0] = 0;
  EXPECT_EQ(cache.Get("a", CountingLoader(8)).value().view()[0], 7);
}

TEST_F(MailboxKeyCacheTest, SweepWipesOnlyExpired) {
  MailboxKeyCache cache(clock_);
  (void)cache.Get("old", CountingLoader(1));
  clock_.Advance(seconds(30));
  (void)cache.Get("new", CountingLoader(1));
  EXPECT_EQ(cache.Sweep(), 0u);
  clock_.Advance(seconds(30));
  EXPECT_EQ(cache.Sweep(), 1u);
  auto s = cache.stats();
  EXPECT_EQ(s.entries, 1u);
  EXPECT_EQ(s.expirations, 1u);
  clock_.Advance(seconds(30));
  EXPECT_EQ(cache.Sweep(), 1u);
  EXPECT_EQ(cache.stats().entries, 0u);
}

TEST_F(MailboxKeyCacheTest, ConcurrentUse) {
  MailboxKeyCache cache(clock_);
  std::atomic<int> loads{0}, wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        int id = (i * 7 + t) % 50;
        auto k = cache.Get(std::to_string(id), [&, id]() -> Result<SecretBytes> {
          ++loads;
          return KeyOf(static_cast<std::uint8_t>(id));
        });
        if (!k || k->view()[0] != id) ++wrong;
        if (i % 500 == 0) cache.Evict(std::to_string(id));
        if (t == 0 && i % 300 == 0) cache.Sweep();
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
  auto s = cache.stats();
  EXPECT_EQ(s.hits + s.misses, 8000u);
  EXPECT_EQ(s.misses, static_cast<std::uint64_t>(loads.load()));
  EXPECT_LT(loads.load(), 8000 / 4) << "most lookups must be hits";
}

}  // namespace
}  // namespace skerry::crypto
