#include "directory/org_directory.h"

#include <gtest/gtest.h>

#include "directory/org_directory_fixture.h"

namespace skerry::directory {
namespace {

class OrgDirectoryTest : public OrgDirectoryFixture {
 protected:
  OrgDirectoryTest() : OrgDirectoryFixture(7) {}
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

TEST_F(OrgDirectoryTest, ATamperedDocumentIsRefusedNamingIt) {
  OrgDirectory d(store_, providers_, clock_, random_);
  Document doc{"a", {{"Name", "Ann"}}, 0};
  ASSERT_TRUE(d.Put(org_, "user", doc));
  ASSERT_TRUE(store_.Write([&](storage::WriteTxn& t) -> Status {
    auto o = SKERRY_TRY(t.GetObject(org_, "user", "a"));
    o.sealed[o.sealed.size() / 2] ^= 1;
    return t.PutObject(o, o.version);
  }));
  auto got = d.Get(org_, "user", "a");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::kCorrupt);
  EXPECT_NE(got.error().detail.find("user " + org_ + "/a: "), std::string::npos) << got.error().detail;
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
