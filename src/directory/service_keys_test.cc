#include "directory/service_keys.h"

#include <gtest/gtest.h>

#include "base/temp_dir.h"
#include "crypto/key_hierarchy.h"
#include "crypto/providers/local_key_provider.h"
#include "storage/metadata_store.h"

namespace skerry::directory {

std::unique_ptr<storage::MetadataStore> MakeTestMetadataStore();  // entity_service_test.cc

namespace {

class ServiceKeysTest : public ::testing::Test {
 protected:
  std::unique_ptr<crypto::LocalKeyProvider> OpenKeyring(const TempDir& dir) {
    auto opened = crypto::LocalKeyProvider::Open(dir.path(), random_);
    EXPECT_TRUE(opened.has_value()) << opened.error().ToString();
    return std::move(*opened);
  }
  Bytes Hash(ServiceKeys& keys) { return keys.IndexHash("purpose", "value").value(); }

  SeededRandom random_{5};
  TempDir first_dir_, second_dir_;
  std::unique_ptr<storage::MetadataStore> store_ = MakeTestMetadataStore();
};

TEST_F(ServiceKeysTest, TheRootMadeOnFirstOpenIsTheOneReopened) {
  auto keyring = OpenKeyring(first_dir_);
  auto first = ServiceKeys::Open(*store_, *keyring, random_);
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  auto again = ServiceKeys::Open(*store_, *keyring, random_);
  ASSERT_TRUE(again.has_value()) << again.error().ToString();
  EXPECT_EQ(Hash(**first), Hash(**again));
}

TEST_F(ServiceKeysTest, AnotherKeyringIsRefusedByNameAndGainsNoKey) {
  {
    auto keyring = OpenKeyring(first_dir_);
    ASSERT_TRUE(ServiceKeys::Open(*store_, *keyring, random_).has_value());
  }
  auto empty = OpenKeyring(second_dir_);
  auto refused = ServiceKeys::Open(*store_, *empty, random_);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kConfig);
  EXPECT_NE(refused.error().detail.find("not the one the store was created with"), std::string::npos)
      << refused.error().detail;
  EXPECT_FALSE(empty->HasKey(std::string(crypto::kServiceKeyId)).value());  // nothing created

  // One with a service key of its own (another data directory's): its key cannot open the root.
  ASSERT_TRUE(empty->CreateKey(std::string(crypto::kServiceKeyId)).has_value());
  refused = ServiceKeys::Open(*store_, *empty, random_);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kCorrupt);
  EXPECT_NE(refused.error().detail.find("the store's service root does not open under key"), std::string::npos)
      << refused.error().detail;
}

}  // namespace
}  // namespace skerry::directory
