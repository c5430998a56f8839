#pragma once
// Test-only: the behaviour every KeyProvider must show, run against each implementation by its
// own *_test.cc (local keyring, PKCS#11 on SoftHSM2). Include only from tests.

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "base/random.h"
#include "crypto/key_provider.h"

namespace skerry::crypto::testing {

inline void ExpectCode(const Error& e, ErrorCode code, const char* what) {
  EXPECT_EQ(e.code, code) << what << ": " << e.ToString();
}

// Uses key ids "contract-a", "contract-b", "contract-never".
inline void ExerciseKeyProviderContract(KeyProvider& kp, Random& random) {
  const EncryptionContext ctx{{"org", "m-00000000000000000000000000000001"}, {"mailbox", "mbx-1"}};
  SecretBytes mailbox_key(random.Generate(32));

  ASSERT_TRUE(kp.CreateKey("contract-a").has_value());
  ASSERT_TRUE(kp.CreateKey("contract-b").has_value());
  ExpectCode(kp.CreateKey("contract-a").error(), ErrorCode::kAlreadyExists, "create twice");
  ExpectCode(kp.CreateKey("bad id").error(), ErrorCode::kInvalidArgument, "bad id");
  EXPECT_TRUE(kp.HasKey("contract-a").value());
  EXPECT_FALSE(kp.HasKey("contract-never").value());

  // Round trip; a fresh IV/nonce per wrap.
  auto wrapped = kp.Wrap("contract-a", ctx, mailbox_key);
  ASSERT_TRUE(wrapped.has_value()) << wrapped.error().ToString();
  EXPECT_EQ(std::search(wrapped->begin(), wrapped->end(), mailbox_key.view().begin(),
                        mailbox_key.view().end()),
            wrapped->end())
      << "wrapped blob must not contain the key in clear";
  EXPECT_NE(*wrapped, kp.Wrap("contract-a", ctx, mailbox_key).value());
  auto back = kp.Unwrap("contract-a", ctx, *wrapped);
  ASSERT_TRUE(back.has_value()) << back.error().ToString();
  EXPECT_TRUE(ConstantTimeEqual(back->view(), mailbox_key.view()));

  // The encryption context must match exactly.
  EncryptionContext other_mailbox = ctx;
  other_mailbox["mailbox"] = "mbx-2";
  EncryptionContext extra = ctx;
  extra["purpose"] = "x";
  EncryptionContext missing{{"org", ctx.at("org")}};
  for (const auto* c : {&other_mailbox, &extra, &missing}) {
    auto r = kp.Unwrap("contract-a", *c, *wrapped);
    ASSERT_FALSE(r.has_value());
    ExpectCode(r.error(), ErrorCode::kCorrupt, "wrong context");
  }
  // Every byte of the wrapped blob is authenticated, and so is its length.
  for (std::size_t i = 0; i < wrapped->size(); ++i) {
    Bytes bad = *wrapped;
    bad[i] ^= 0x01;
    auto r = kp.Unwrap("contract-a", ctx, bad);
    ASSERT_FALSE(r.has_value()) << "byte " << i;
    ExpectCode(r.error(), ErrorCode::kCorrupt, "tampered byte");
  }
  for (std::size_t n : {std::size_t{0}, std::size_t{1}, wrapped->size() - 1}) {
    auto r = kp.Unwrap("contract-a", ctx, ByteView(*wrapped).first(n));
    ASSERT_FALSE(r.has_value()) << "length " << n;
    ExpectCode(r.error(), ErrorCode::kCorrupt, "truncated");
  }
  // Another key cannot open it; unknown keys are NotFound.
  ExpectCode(kp.Unwrap("contract-b", ctx, *wrapped).error(), ErrorCode::kCorrupt, "other key");
  ExpectCode(kp.Wrap("contract-never", ctx, mailbox_key).error(), ErrorCode::kNotFound,
             "wrap unknown");
  ExpectCode(kp.Unwrap("contract-never", ctx, *wrapped).error(), ErrorCode::kNotFound,
             "unwrap unknown");
  ExpectCode(kp.DestroyKey("contract-never").error(), ErrorCode::kNotFound, "destroy unknown");

  // Crypto-shredding: destroyed is distinct from not-found and from corrupt, and sticks.
  ASSERT_TRUE(kp.DestroyKey("contract-a").has_value());
  EXPECT_FALSE(kp.HasKey("contract-a").value());
  ExpectCode(kp.Unwrap("contract-a", ctx, *wrapped).error(), ErrorCode::kKeyDestroyed,
             "unwrap after destroy");
  ExpectCode(kp.Wrap("contract-a", ctx, mailbox_key).error(), ErrorCode::kKeyDestroyed,
             "wrap after destroy");
  EXPECT_TRUE(kp.DestroyKey("contract-a").has_value()) << "destroy is idempotent";
  ExpectCode(kp.CreateKey("contract-a").error(), ErrorCode::kAlreadyExists, "id reuse");
  ExpectCode(kp.Unwrap("contract-a", ctx, *wrapped).error(), ErrorCode::kKeyDestroyed,
             "still destroyed");
  // The other key is unaffected.
  auto wb = kp.Wrap("contract-b", ctx, mailbox_key).value();
  EXPECT_TRUE(kp.Unwrap("contract-b", ctx, wb).has_value());
}

// Concurrent wrap/unwrap from several threads must all succeed and agree.
inline void ExerciseConcurrency(KeyProvider& kp, const std::string& key_id, int threads,
                                int rounds) {
  std::atomic<int> failures{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      SeededRandom random(static_cast<std::uint64_t>(t) + 100);
      for (int i = 0; i < rounds; ++i) {
        SecretBytes key(random.Generate(32));
        EncryptionContext ctx{{"org", "o"}, {"mailbox", std::to_string(t * 1000 + i)}};
        auto w = kp.Wrap(key_id, ctx, key);
        if (!w) {
          ++failures;
          continue;
        }
        auto u = kp.Unwrap(key_id, ctx, *w);
        if (!u || !ConstantTimeEqual(u->view(), key.view())) ++failures;
      }
    });
  }
  for (auto& th : pool) th.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace skerry::crypto::testing
