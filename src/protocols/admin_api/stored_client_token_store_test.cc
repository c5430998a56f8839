// StoredClientTokenStore over directory::ClientTokenRecords on the in-memory MetadataStore;
// "a restart" is a second instance on the same store. The real skerryd restart is in
// tests/integration/test_admin_api_organizations.py.
#include "protocols/admin_api/stored_client_token_store.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "base/temp_dir.h"
#include "crypto/providers/local_key_provider.h"
#include "storage/memory/memory_metadata_store.h"

namespace skerry::admin_api {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

ClientTokenKey Key(std::string token = "c2a0f1e6-0000-4000-8000-000000000001") {
  return {"arn:admin", "CreateOrganization", std::move(token)};
}

class StoredClientTokenStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    provider_ = std::move(*crypto::LocalKeyProvider::Open(dir_.path(), random_));
    keys_ = std::move(*directory::ServiceKeys::Open(store_, *provider_, random_));
    records_ = std::make_unique<directory::ClientTokenRecords>(store_, *keys_, random_);
  }

  // A new process: the records hold no state of their own, only the store does.
  std::unique_ptr<StoredClientTokenStore> Open() {
    return std::make_unique<StoredClientTokenStore>(*records_, clock_, hours(8));
  }
  std::size_t Stored() {
    std::size_t n = 0;
    EXPECT_TRUE(store_.Read([&](storage::ReadTxn& txn) -> Status {
      n = SKERRY_TRY(txn.ListObjects("", "client-token", "", 1000)).size();
      return Ok();
    }));
    return n;
  }

  TempDir dir_;  // the keyring's
  Random& random_ = Random::Secure();
  FakeClock clock_;
  storage::memory::MemoryMetadataStore store_;
  std::unique_ptr<crypto::LocalKeyProvider> provider_;
  std::unique_ptr<directory::ServiceKeys> keys_;
  std::unique_ptr<directory::ClientTokenRecords> records_;
};

TEST_F(StoredClientTokenStoreTest, SuccessesSurviveARestart) {
  auto tokens = Open();
  EXPECT_EQ(tokens->Begin(Key(), "h1")->outcome, ClientTokenOutcome::kNew);
  EXPECT_EQ(tokens->Begin(Key(), "h1")->outcome, ClientTokenOutcome::kInProgress);
  ASSERT_TRUE(tokens->Complete(Key(), R"({"OrganizationId":"m-1"})"));
  EXPECT_FALSE(tokens->Complete(Key(), "again")) << "no claim is open any more";

  tokens = Open();
  auto replay = tokens->Begin(Key(), "h1");
  ASSERT_TRUE(replay);
  EXPECT_EQ(replay->outcome, ClientTokenOutcome::kReplay);
  EXPECT_EQ(replay->stored_response, R"({"OrganizationId":"m-1"})");
  EXPECT_EQ(tokens->Begin(Key(), "h2")->outcome, ClientTokenOutcome::kConflict);
}

TEST_F(StoredClientTokenStoreTest, FailuresAndRunningClaimsAreNotStored) {
  auto tokens = Open();
  ASSERT_EQ(tokens->Begin(Key("a"), "h")->outcome, ClientTokenOutcome::kNew);
  tokens->Abandon(Key("a"));
  ASSERT_EQ(tokens->Begin(Key("b"), "h")->outcome, ClientTokenOutcome::kNew);
  EXPECT_EQ(Stored(), 0u);
  tokens = Open();  // the claim on "b" died with the process
  EXPECT_EQ(tokens->Begin(Key("a"), "h")->outcome, ClientTokenOutcome::kNew);
  EXPECT_EQ(tokens->Begin(Key("b"), "other")->outcome, ClientTokenOutcome::kNew);
}

TEST_F(StoredClientTokenStoreTest, NoTokenOrResponseInTheClear) {
  auto tokens = Open();
  const std::string token = "token-marker-5f1d";
  ASSERT_TRUE(tokens->Begin(Key(token), "h"));
  ASSERT_TRUE(tokens->Complete(Key(token), "response-marker-9a2c"));
  ASSERT_TRUE(store_.Read([&](storage::ReadTxn& txn) -> Status {
    for (const auto& o : SKERRY_TRY(txn.ListObjects("", "client-token", "", 10))) {
      std::string raw = o.id + ToString(o.sealed);
      EXPECT_EQ(raw.find("marker"), std::string::npos);
      EXPECT_EQ(raw.find("arn:admin"), std::string::npos);
    }
    return Ok();
  }));
}

TEST_F(StoredClientTokenStoreTest, ExpiryAndPurge) {
  auto tokens = Open();
  for (std::string t : {"old1", "old2"}) {
    ASSERT_TRUE(tokens->Begin(Key(t), "h"));
    ASSERT_TRUE(tokens->Complete(Key(t), "r"));
  }
  clock_.Advance(hours(4));
  ASSERT_TRUE(tokens->Begin(Key("young"), "h"));
  ASSERT_TRUE(tokens->Complete(Key("young"), "r"));
  clock_.Advance(hours(4) - seconds(1));
  EXPECT_EQ(tokens->Begin(Key("old1"), "h")->outcome, ClientTokenOutcome::kReplay);
  clock_.Advance(seconds(1));
  EXPECT_EQ(tokens->Begin(Key("old1"), "other")->outcome, ClientTokenOutcome::kNew) << "expired: runs again";
  tokens->Abandon(Key("old1"));
  EXPECT_EQ(*tokens->PurgeExpired(), 2u);
  EXPECT_EQ(Stored(), 1u);
  EXPECT_EQ(tokens->Begin(Key("young"), "h")->outcome, ClientTokenOutcome::kReplay);
}

}  // namespace
}  // namespace skerry::admin_api
