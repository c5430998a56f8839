#include "directory/org_directory.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "crypto/key_hierarchy.h"
#include "crypto/providers/local_key_provider.h"
#include "storage/memory/memory_metadata_store.h"

namespace skerry::directory {
namespace {

class OrgDirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("skerry-orgdir-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    provider_ = std::move(*crypto::LocalKeyProvider::Open(dir_, random_));
    providers_.Add(provider_.get(), true);
    model::OrganizationRecord org;
    org.id = "m-0123456789abcdef0123456789abcdef";
    org.key = {"local", crypto::DefaultOrgKeyId(org.id)};
    ASSERT_TRUE(provider_->CreateKey(org.key.key_id));
    auto dk = crypto::GenerateKey(random_);
    org.wrapped_directory_key = *provider_->Wrap(org.key.key_id, crypto::OrgKeyContext(org.id, "directory"), dk);
    ASSERT_TRUE(store_.Write([&](storage::WriteTxn& t) { return t.PutOrganization(org); }));
    org_ = org.id;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  SeededRandom random_{7};
  FakeClock clock_;
  storage::memory::MemoryMetadataStore store_;
  std::unique_ptr<crypto::LocalKeyProvider> provider_;
  KeyProviders providers_;
  std::string org_;
};

TEST_F(OrgDirectoryTest, PutGetListAndSealing) {
  OrgDirectory d(store_, providers_, clock_, random_);
  for (auto id : {"b", "a", "c"}) {
    Document doc{id, {{"Name", std::string("secret-name-") + id}}, 0};
    ASSERT_TRUE(d.Put(org_, "user", doc));
    EXPECT_EQ(doc.version, 1u);
  }
  auto got = d.Get(org_, "user", "a");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->body.at("Name").as_string(), "secret-name-a");
  auto page = d.List(org_, "user", "a", 10);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].id, "b");
  // What the store holds is ciphertext.
  ASSERT_TRUE(store_.Read([&](storage::ReadTxn& t) -> Status {
    auto o = SKERRY_TRY(t.GetObject(org_, "user", "a"));
    EXPECT_EQ(AsChars(o.sealed).find("secret-name"), std::string_view::npos);
    return Ok();
  }));
  EXPECT_EQ(d.Get(org_, "user", "zz").error().code, ErrorCode::kNotFound);
}

TEST_F(OrgDirectoryTest, ClaimsAreUniqueAndReleasedWithTheDocument) {
  OrgDirectory d(store_, providers_, clock_, random_);
  Document u1{"u1", {{"Email", "ann@example.com"}}, 0};
  ASSERT_TRUE(d.Put(org_, "user", u1, {{"email", "ann@example.com"}}));
  Document u2{"u2", {}, 0};
  auto clash = d.Put(org_, "user", u2, {{"email", "ann@example.com"}});
  ASSERT_FALSE(clash);
  EXPECT_EQ(clash.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(d.Get(org_, "user", "u2").error().code, ErrorCode::kNotFound) << "a refused put writes nothing";
  EXPECT_EQ(*d.Find(org_, {"email", "ann@example.com"}), std::optional<std::string>("u1"));
  // Moving the claim: release and claim in one write.
  ASSERT_TRUE(d.Put(org_, "user", u1, {{"email", "ann2@example.com"}}, {{"email", "ann@example.com"}}));
  EXPECT_EQ(*d.Find(org_, {"email", "ann@example.com"}), std::nullopt);
  ASSERT_TRUE(d.Delete(org_, "user", "u1"));
  EXPECT_EQ(*d.Find(org_, {"email", "ann2@example.com"}), std::nullopt);
  ASSERT_TRUE(d.Put(org_, "user", u2, {{"email", "ann2@example.com"}}));
}

TEST_F(OrgDirectoryTest, OptimisticVersionCheck) {
  OrgDirectory d(store_, providers_, clock_, random_);
  Document doc{"x", {{"n", 1}}, 0};
  ASSERT_TRUE(d.Put(org_, "group", doc));
  Document stale = doc;
  ASSERT_TRUE(d.Put(org_, "group", doc, {}, {}, doc.version));
  auto conflict = d.Put(org_, "group", stale, {}, {}, stale.version);
  ASSERT_FALSE(conflict);
  EXPECT_EQ(conflict.error().code, ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace skerry::directory
