// MetadataStore conformance, part 3: directory objects, index claims and the audit trail, run
// against every backend.

#include <algorithm>
#include <functional>
#include <limits>
#include <set>
#include <thread>

#include "storage/conformance/metadata_fixture.h"

namespace skerry::storage::testing {
namespace {

using model::AuditRecord;
using model::DirectoryIndexEntry;
using model::DirectoryObject;

const std::string kServer = "";  // the server-wide directory

DirectoryObject Obj(const std::string& org, const std::string& kind, const std::string& id,
                    const std::string& sealed = "") {
  DirectoryObject o;
  o.org_id = org;
  o.kind = kind;
  o.id = id;
  o.sealed = ToBytes(sealed.empty() ? "sealed-" + kind + "-" + id : sealed);
  o.updated_at = 1'700'000'000'000;
  return o;
}

DirectoryIndexEntry Claim(const std::string& org, const std::string& index, const std::string& key,
                          const std::string& object_id) {
  return {org, index, ToBytes(key), object_id};
}

AuditRecord Audit(std::int64_t time_ms, const std::string& event, const std::string& principal,
                  const std::string& org = "") {
  AuditRecord r;
  r.time_ms = time_ms;
  r.event_name = event;
  r.principal = principal;
  r.org_id = org;
  r.sealed = {0x00, 0x01, 0xff, static_cast<std::uint8_t>(time_ms & 0xff)};
  return r;
}

class DirectoryConformance : public MetadataConformance {
 protected:
  // Puts the object in its own write; returns the status and leaves the version in `o`.
  Status Put(DirectoryObject& o, std::uint64_t expected_version = 0) {
    return store().Write([&](WriteTxn& t) { return t.PutObject(o, expected_version); });
  }
  DirectoryObject PutNew(DirectoryObject o) {
    SKERRY_EXPECT_OK(Put(o));
    return o;
  }
  Status ClaimKey(const DirectoryIndexEntry& e) {
    return store().Write([&](WriteTxn& t) { return t.ClaimIndex(e); });
  }
  Result<DirectoryObject> Get(const std::string& org, const std::string& kind,
                              const std::string& id) {
    Result<DirectoryObject> out = MakeError(ErrorCode::kInternal, "not read");
    auto status = store().Read([&](ReadTxn& t) -> Status {
      out = t.GetObject(org, kind, id);
      return Ok();
    });
    EXPECT_TRUE(status.has_value());
    return out;
  }
  std::vector<std::string> ListIds(const std::string& org, const std::string& kind,
                                   const std::string& after = "", std::size_t limit = 1000) {
    auto objects = ReadValue<std::vector<DirectoryObject>>(
        [&](ReadTxn& t) { return t.ListObjects(org, kind, after, limit); });
    std::vector<std::string> ids;
    for (const auto& o : objects) ids.push_back(o.id);
    return ids;
  }
  std::optional<std::string> Lookup(const std::string& org, const std::string& index,
                                    const std::string& key) {
    return ReadValue<std::optional<std::string>>(
        [&](ReadTxn& t) { return t.LookupIndex(org, index, ToBytes(key)); });
  }
  std::vector<DirectoryIndexEntry> Entries(const std::string& org, const std::string& object_id) {
    return ReadValue<std::vector<DirectoryIndexEntry>>(
        [&](ReadTxn& t) { return t.ListIndexEntries(org, object_id); });
  }
  AuditRecord Append(AuditRecord r) {
    SKERRY_EXPECT_OK(store().Write([&](WriteTxn& t) { return t.AppendAudit(r); }));
    return r;
  }
  std::vector<AuditRecord> ListAudit(std::int64_t from, std::int64_t to,
                                     const std::string& event = "",
                                     const std::string& principal = "", std::uint64_t after_seq = 0,
                                     std::size_t limit = 100000) {
    return ReadValue<std::vector<AuditRecord>>(
        [&](ReadTxn& t) { return t.ListAudit(from, to, event, principal, after_seq, limit); });
  }
  static std::vector<std::uint64_t> Seqs(const std::vector<AuditRecord>& records) {
    std::vector<std::uint64_t> seqs;
    for (const auto& r : records) seqs.push_back(r.seq);
    return seqs;
  }

  const std::string org_b_ = OrgId(2);
};

std::string U(unsigned n) { return HexId(0x05e, n); }  // user ids
std::string G(unsigned n) { return HexId(0x6f, n); }   // group ids

constexpr std::int64_t kAllTime = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kNoTime = std::numeric_limits<std::int64_t>::min();

// ---- objects ----

TEST_P(DirectoryConformance, PutInsertsAtVersionOneAndEachReplaceAddsOne) {
  auto o = Obj(org_, "user", U(1), "first");
  o.version = 77;  // ignored: the store assigns versions
  SKERRY_ASSERT_OK(Put(o));
  EXPECT_EQ(o.version, 1u);
  EXPECT_EQ(Must(Get(org_, "user", U(1))), o);

  auto replaced = Obj(org_, "user", U(1), "second");
  replaced.updated_at = 1'700'000'000'500;
  SKERRY_ASSERT_OK(Put(replaced));
  EXPECT_EQ(replaced.version, 2u);
  auto stored = Must(Get(org_, "user", U(1)));
  EXPECT_EQ(stored, replaced);
  EXPECT_EQ(stored.sealed, ToBytes("second"));
  EXPECT_EQ(stored.updated_at, 1'700'000'000'500);

  SKERRY_ASSERT_OK(Put(replaced));
  EXPECT_EQ(Must(Get(org_, "user", U(1))).version, 3u);
}

TEST_P(DirectoryConformance, ExpectedVersionRefusesAStaleOrMissingObject) {
  auto o = PutNew(Obj(org_, "user", U(1), "v1"));
  auto update = Obj(org_, "user", U(1), "v2");
  SKERRY_ASSERT_OK(Put(update, 1));
  EXPECT_EQ(update.version, 2u);

  // A second writer that also read version 1 loses, and changes nothing.
  auto stale = Obj(org_, "user", U(1), "stale");
  stale.version = 1;
  SKERRY_EXPECT_CODE(Put(stale, 1), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(stale.version, 1u);  // untouched on refusal
  auto stored = Must(Get(org_, "user", U(1)));
  EXPECT_EQ(stored.version, 2u);
  EXPECT_EQ(stored.sealed, ToBytes("v2"));

  SKERRY_EXPECT_CODE(Put(stale, 3), ErrorCode::kFailedPrecondition);  // from the future
  auto absent = Obj(org_, "user", U(2));
  SKERRY_EXPECT_CODE(Put(absent, 1), ErrorCode::kFailedPrecondition);  // absent is no version
  SKERRY_EXPECT_CODE(Get(org_, "user", U(2)), ErrorCode::kNotFound);

  auto next = Obj(org_, "user", U(1), "v3");
  SKERRY_ASSERT_OK(Put(next, 2));
  EXPECT_EQ(next.version, 3u);
  SKERRY_ASSERT_OK(Put(next, 0));  // 0: any version
  EXPECT_EQ(next.version, 4u);
}

TEST_P(DirectoryConformance, ObjectsNeedAKindAndAnId) {
  auto no_kind = Obj(org_, "", U(1));
  SKERRY_EXPECT_CODE(Put(no_kind), ErrorCode::kInvalidArgument);
  auto no_id = Obj(org_, "user", "");
  SKERRY_EXPECT_CODE(Put(no_id), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(ListIds(org_, "user").empty());
}

TEST_P(DirectoryConformance, MissingObjectsAreNotFound) {
  SKERRY_EXPECT_CODE(Get(org_, "user", U(1)), ErrorCode::kNotFound);
  SKERRY_EXPECT_CODE(store().Write([&](WriteTxn& t) { return t.DeleteObject(org_, "user", U(1)); }),
                     ErrorCode::kNotFound);
  PutNew(Obj(org_, "user", U(1)));
  SKERRY_ASSERT_OK(store().Write([&](WriteTxn& t) { return t.DeleteObject(org_, "user", U(1)); }));
  SKERRY_EXPECT_CODE(Get(org_, "user", U(1)), ErrorCode::kNotFound);
  SKERRY_EXPECT_CODE(store().Write([&](WriteTxn& t) { return t.DeleteObject(org_, "user", U(1)); }),
                     ErrorCode::kNotFound);
}

TEST_P(DirectoryConformance, ListObjectsIsOrderedByIdAndPagesAfterId) {
  for (unsigned n : {5u, 1u, 4u, 2u, 3u}) PutNew(Obj(org_, "user", U(n)));
  PutNew(Obj(org_, "group", U(9)));   // another kind
  PutNew(Obj(org_b_, "user", U(8)));  // another organization
  PutNew(Obj(kServer, "user", U(7)));

  EXPECT_EQ(ListIds(org_, "user"), (std::vector{U(1), U(2), U(3), U(4), U(5)}));
  EXPECT_EQ(ListIds(org_, "user", "", 2), (std::vector{U(1), U(2)}));
  EXPECT_EQ(ListIds(org_, "user", U(2), 2), (std::vector{U(3), U(4)}));
  EXPECT_EQ(ListIds(org_, "user", U(4), 2), (std::vector{U(5)}));
  EXPECT_TRUE(ListIds(org_, "user", U(5), 2).empty());
  EXPECT_TRUE(ListIds(org_, "user", "", 0).empty());
  // after_id need not name an object: it is a position in id order.
  EXPECT_EQ(ListIds(org_, "user", U(2) + "x"), (std::vector{U(3), U(4), U(5)}));
  // Whole records come back, not just ids.
  auto first = ReadValue<std::vector<DirectoryObject>>(
      [&](ReadTxn& t) { return t.ListObjects(org_, "user", "", 1); });
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0], Must(Get(org_, "user", U(1))));
  EXPECT_EQ(first[0].version, 1u);
}

TEST_P(DirectoryConformance, SameIdInTwoOrgsAndTheServerDirectoryIsThreeObjects) {
  auto a = PutNew(Obj(org_, "user", U(1), "in-a"));
  auto b = PutNew(Obj(org_b_, "user", U(1), "in-b"));
  auto s = PutNew(Obj(kServer, "user", U(1), "server"));
  auto b2 = Obj(org_b_, "user", U(1), "in-b-again");
  SKERRY_ASSERT_OK(Put(b2));
  EXPECT_EQ(b2.version, 2u);

  EXPECT_EQ(Must(Get(org_, "user", U(1))), a);
  EXPECT_EQ(Must(Get(org_b_, "user", U(1))), b2);
  EXPECT_EQ(Must(Get(kServer, "user", U(1))), s);
  EXPECT_EQ(Must(Get(org_, "user", U(1))).version, 1u);  // versions are per object

  SKERRY_ASSERT_OK(store().Write([&](WriteTxn& t) { return t.DeleteObject(org_, "user", U(1)); }));
  SKERRY_EXPECT_CODE(Get(org_, "user", U(1)), ErrorCode::kNotFound);
  EXPECT_EQ(Must(Get(org_b_, "user", U(1))), b2);
  EXPECT_EQ(Must(Get(kServer, "user", U(1))), s);
  EXPECT_TRUE(ListIds(org_, "user").empty());
  EXPECT_EQ(ListIds(org_b_, "user"), std::vector{U(1)});
  EXPECT_EQ(ListIds(kServer, "user"), std::vector{U(1)});
}

TEST_P(DirectoryConformance, SameIdUnderTwoKindsIsTwoObjects) {
  auto user = PutNew(Obj(org_, "user", U(1), "a user"));
  auto group = PutNew(Obj(org_, "group", U(1), "a group"));
  EXPECT_EQ(Must(Get(org_, "user", U(1))), user);
  EXPECT_EQ(Must(Get(org_, "group", U(1))), group);
  EXPECT_EQ(ListIds(org_, "user"), std::vector{U(1)});
  EXPECT_EQ(ListIds(org_, "group"), std::vector{U(1)});
  EXPECT_TRUE(ListIds(org_, "resource").empty());
  SKERRY_ASSERT_OK(store().Write([&](WriteTxn& t) { return t.DeleteObject(org_, "group", U(1)); }));
  EXPECT_EQ(Must(Get(org_, "user", U(1))), user);
  SKERRY_EXPECT_CODE(Get(org_, "group", U(1)), ErrorCode::kNotFound);
}

// ---- index claims ----

TEST_P(DirectoryConformance, ClaimsAreIdempotentForTheHolderAndRefusedForOthers) {
  EXPECT_EQ(Lookup(org_, "email", "h(alice)"), std::nullopt);
  SKERRY_ASSERT_OK(ClaimKey(Claim(org_, "email", "h(alice)", U(1))));
  EXPECT_EQ(Lookup(org_, "email", "h(alice)"), U(1));
  SKERRY_ASSERT_OK(ClaimKey(Claim(org_, "email", "h(alice)", U(1))));  // same object: no-op
  SKERRY_EXPECT_CODE(ClaimKey(Claim(org_, "email", "h(alice)", U(2))), ErrorCode::kAlreadyExists);
  EXPECT_EQ(Lookup(org_, "email", "h(alice)"), U(1));
  EXPECT_EQ(Entries(org_, U(1)).size(), 1u);
  EXPECT_TRUE(Entries(org_, U(2)).empty());

  // The same key in another index, another organization or the server directory is free.
  SKERRY_ASSERT_OK(ClaimKey(Claim(org_, "user-name", "h(alice)", U(2))));
  SKERRY_ASSERT_OK(ClaimKey(Claim(org_b_, "email", "h(alice)", U(2))));
  SKERRY_ASSERT_OK(ClaimKey(Claim(kServer, "email", "h(alice)", U(3))));
  EXPECT_EQ(Lookup(org_, "user-name", "h(alice)"), U(2));
  EXPECT_EQ(Lookup(org_b_, "email", "h(alice)"), U(2));
  EXPECT_EQ(Lookup(kServer, "email", "h(alice)"), U(3));
  EXPECT_EQ(Lookup(org_, "email", "h(alice)"), U(1));
  EXPECT_EQ(Lookup(org_, "email", "h(bob)"), std::nullopt);
}

TEST_P(DirectoryConformance, ReleaseByANonHolderIsANoOpAndReleaseFreesTheKey) {
  SKERRY_ASSERT_OK(ClaimKey(Claim(org_, "email", "h(alice)", U(1))));
  auto release = [&](const std::string& org, const std::string& key, const std::string& holder) {
    return store().Write(
        [&](WriteTxn& t) { return t.ReleaseIndex(org, "email", ToBytes(key), holder); });
  };
  SKERRY_ASSERT_OK(release(org_, "h(alice)", U(2)));  // not the holder
  EXPECT_EQ(Lookup(org_, "email", "h(alice)"), U(1));
  SKERRY_ASSERT_OK(release(org_b_, "h(alice)", U(1)));  // the holder, but in another org
  EXPECT_EQ(Lookup(org_, "email", "h(alice)"), U(1));
  SKERRY_ASSERT_OK(release(org_, "h(nobody)", U(1)));  // unknown key
  SKERRY_ASSERT_OK(release(org_, "h(alice)", U(1)));
  EXPECT_EQ(Lookup(org_, "email", "h(alice)"), std::nullopt);
  EXPECT_TRUE(Entries(org_, U(1)).empty());
  SKERRY_ASSERT_OK(ClaimKey(Claim(org_, "email", "h(alice)", U(2))));
  EXPECT_EQ(Lookup(org_, "email", "h(alice)"), U(2));
}

TEST_P(DirectoryConformance, ClaimsNeedAnIndexAKeyAndAnObject) {
  SKERRY_EXPECT_CODE(ClaimKey(Claim(org_, "", "k", U(1))), ErrorCode::kInvalidArgument);
  SKERRY_EXPECT_CODE(ClaimKey(Claim(org_, "email", "", U(1))), ErrorCode::kInvalidArgument);
  SKERRY_EXPECT_CODE(ClaimKey(Claim(org_, "email", "k", "")), ErrorCode::kInvalidArgument);
  EXPECT_EQ(Lookup(org_, "email", ""), std::nullopt);
  SKERRY_ASSERT_OK(ClaimKey(Claim(kServer, "access-key", "k", U(1))));  // org "" is fine
}

TEST_P(DirectoryConformance, ListIndexEntriesIsPerObjectAndOrdered) {
  // Binary keys, including bytes above 0x7f and a prefix of another key.
  auto entry = [&](const std::string& index, Bytes key, const std::string& holder) {
    return DirectoryIndexEntry{org_, index, std::move(key), holder};
  };
  std::vector<DirectoryIndexEntry> mine = {
      entry("email", {0x01, 0x02}, U(1)), entry("email", {0x01, 0x02, 0x00}, U(1)),
      entry("email", {0xff}, U(1)), entry("user-name", {0x00}, U(1))};
  SKERRY_ASSERT_OK(store().Write([&](WriteTxn& t) -> Status {
    for (auto it = mine.rbegin(); it != mine.rend(); ++it) SKERRY_TRY(t.ClaimIndex(*it));
    SKERRY_TRY(t.ClaimIndex(entry("email", {0x01, 0x03}, U(2))));
    SKERRY_TRY(t.ClaimIndex({org_b_, "email", {0x01, 0x04}, U(1)}));
    // The transaction sees its own claims.
    EXPECT_EQ(SKERRY_TRY(t.ListIndexEntries(org_, U(1))), mine);
    return Ok();
  }));
  EXPECT_EQ(Entries(org_, U(1)), mine);
  EXPECT_EQ(Entries(org_, U(2)), (std::vector{entry("email", {0x01, 0x03}, U(2))}));
  EXPECT_EQ(Entries(org_b_, U(1)).size(), 1u);
  EXPECT_TRUE(Entries(kServer, U(1)).empty());
}

TEST_P(DirectoryConformance, DeleteObjectReleasesEveryClaimOfItAndNoOther) {
  SKERRY_ASSERT_OK(store().Write([&](WriteTxn& t) -> Status {
    auto u1 = Obj(org_, "user", U(1));
    auto u2 = Obj(org_, "user", U(2));
    auto b1 = Obj(org_b_, "user", U(1));
    SKERRY_TRY(t.PutObject(u1));
    SKERRY_TRY(t.PutObject(u2));
    SKERRY_TRY(t.PutObject(b1));
    SKERRY_TRY(t.ClaimIndex(Claim(org_, "email", "h(alice)", U(1))));
    SKERRY_TRY(t.ClaimIndex(Claim(org_, "email", "h(alias)", U(1))));
    SKERRY_TRY(t.ClaimIndex(Claim(org_, "user-name", "h(alice)", U(1))));
    SKERRY_TRY(t.ClaimIndex(Claim(org_, "email", "h(bob)", U(2))));
    SKERRY_TRY(t.ClaimIndex(Claim(org_b_, "email", "h(alice)", U(1))));
    return Ok();
  }));
  SKERRY_ASSERT_OK(store().Write([&](WriteTxn& t) { return t.DeleteObject(org_, "user", U(1)); }));
  EXPECT_TRUE(Entries(org_, U(1)).empty());
  EXPECT_EQ(Lookup(org_, "email", "h(alice)"), std::nullopt);
  EXPECT_EQ(Lookup(org_, "email", "h(alias)"), std::nullopt);
  EXPECT_EQ(Lookup(org_, "user-name", "h(alice)"), std::nullopt);
  EXPECT_EQ(Lookup(org_, "email", "h(bob)"), U(2));
  EXPECT_EQ(Lookup(org_b_, "email", "h(alice)"), U(1));  // the namesake in another org keeps it
  EXPECT_TRUE(Get(org_b_, "user", U(1)).has_value());
  SKERRY_ASSERT_OK(ClaimKey(Claim(org_, "email", "h(alice)", U(2))));  // free for another
  // A refused delete (absent object) releases nothing.
  SKERRY_EXPECT_CODE(store().Write([&](WriteTxn& t) { return t.DeleteObject(org_, "user", U(3)); }),
                     ErrorCode::kNotFound);
  EXPECT_EQ(Lookup(org_, "email", "h(bob)"), U(2));
}

TEST_P(DirectoryConformance, DeleteOrganizationObjectsRemovesOnlyThatOrganization) {
  for (const auto& org : {org_, org_b_, kServer}) {
    SKERRY_ASSERT_OK(store().Write([&](WriteTxn& t) -> Status {
      auto u = Obj(org, "user", U(1));
      auto g = Obj(org, "group", G(1));
      SKERRY_TRY(t.PutObject(u));
      SKERRY_TRY(t.PutObject(g));
      SKERRY_TRY(t.ClaimIndex(Claim(org, "email", "h(alice)", U(1))));
      SKERRY_TRY(t.ClaimIndex(Claim(org, "group-name", "h(staff)", G(1))));
      auto audit = Audit(1000, "CreateUser", "AKIA1", org);
      return t.AppendAudit(audit);
    }));
  }
  SKERRY_ASSERT_OK(store().Write([&](WriteTxn& t) { return t.DeleteOrganizationObjects(org_); }));

  EXPECT_TRUE(ListIds(org_, "user").empty());
  EXPECT_TRUE(ListIds(org_, "group").empty());
  EXPECT_EQ(Lookup(org_, "email", "h(alice)"), std::nullopt);
  EXPECT_EQ(Lookup(org_, "group-name", "h(staff)"), std::nullopt);
  EXPECT_TRUE(Entries(org_, U(1)).empty());
  for (const auto& org : {org_b_, kServer}) {
    EXPECT_EQ(ListIds(org, "user"), std::vector{U(1)});
    EXPECT_EQ(ListIds(org, "group"), std::vector{G(1)});
    EXPECT_EQ(Lookup(org, "email", "h(alice)"), U(1));
    EXPECT_EQ(Lookup(org, "group-name", "h(staff)"), G(1));
  }
  EXPECT_EQ(ListAudit(kNoTime, kAllTime).size(), 3u);  // the trail outlives the organization

  // Idempotent; the server directory is never dropped wholesale.
  SKERRY_ASSERT_OK(store().Write([&](WriteTxn& t) { return t.DeleteOrganizationObjects(org_); }));
  SKERRY_EXPECT_CODE(
      store().Write([&](WriteTxn& t) { return t.DeleteOrganizationObjects(kServer); }),
      ErrorCode::kInvalidArgument);
  EXPECT_EQ(ListIds(kServer, "user"), std::vector{U(1)});
}

// ---- audit trail ----

TEST_P(DirectoryConformance, AuditRecordsRoundTripWithIncreasingSeqs) {
  auto first = Append(Audit(5000, "CreateUser", "AKIA1", org_));
  auto second = Append(Audit(4000, "DeleteUser", "", ""));  // earlier time, later seq
  EXPECT_EQ(first.seq, 1u);
  EXPECT_EQ(second.seq, 2u);
  SKERRY_ASSERT_OK(store().Write([&](WriteTxn& t) -> Status {
    auto a = Audit(6000, "CreateGroup", "AKIA2");
    auto b = Audit(6001, "CreateGroup", "AKIA2");
    SKERRY_TRY(t.AppendAudit(a));
    SKERRY_TRY(t.AppendAudit(b));
    EXPECT_EQ(a.seq, 3u);
    EXPECT_EQ(b.seq, 4u);
    return Ok();
  }));
  auto all = ListAudit(kNoTime, kAllTime);
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0], first);
  EXPECT_EQ(all[1], second);  // ascending seq, not time
  EXPECT_EQ(Seqs(all), (std::vector<std::uint64_t>{1, 2, 3, 4}));

  auto unnamed = Audit(1, "", "AKIA1");
  SKERRY_EXPECT_CODE(store().Write([&](WriteTxn& t) { return t.AppendAudit(unnamed); }),
                     ErrorCode::kInvalidArgument);
  EXPECT_EQ(Append(Audit(7000, "X", "")).seq, 5u);  // the refusal took no seq
}

TEST_P(DirectoryConformance, ListAuditFiltersByHalfOpenTimeEventAndPrincipal) {
  // seq: 1..8
  Append(Audit(1000, "CreateUser", "AKIA1"));
  Append(Audit(2000, "CreateUser", "AKIA2"));
  Append(Audit(2000, "DeleteUser", "AKIA1"));
  Append(Audit(3000, "CreateUser", "AKIA1"));
  Append(Audit(3999, "DeleteUser", "AKIA2"));
  Append(Audit(4000, "CreateUser", "AKIA1"));
  Append(Audit(1500, "CreateUser", "AKIA1"));  // late arrival with an early time
  Append(Audit(-5, "Boot", ""));

  using V = std::vector<std::uint64_t>;
  EXPECT_EQ(Seqs(ListAudit(2000, 4000)), (V{2, 3, 4, 5}));  // from inclusive, to exclusive
  EXPECT_EQ(Seqs(ListAudit(1000, 2000)), (V{1, 7}));
  EXPECT_EQ(Seqs(ListAudit(kNoTime, 0)), (V{8}));
  EXPECT_TRUE(ListAudit(4001, kAllTime).empty());
  EXPECT_TRUE(ListAudit(3000, 3000).empty());  // empty range
  EXPECT_TRUE(ListAudit(4000, 1000).empty());  // inverted range

  EXPECT_EQ(Seqs(ListAudit(kNoTime, kAllTime, "CreateUser")), (V{1, 2, 4, 6, 7}));
  EXPECT_EQ(Seqs(ListAudit(kNoTime, kAllTime, "", "AKIA2")), (V{2, 5}));
  EXPECT_EQ(Seqs(ListAudit(kNoTime, kAllTime, "CreateUser", "AKIA1")), (V{1, 4, 6, 7}));
  EXPECT_EQ(Seqs(ListAudit(2000, 4000, "DeleteUser", "AKIA1")), (V{3}));
  EXPECT_TRUE(ListAudit(kNoTime, kAllTime, "NoSuchEvent").empty());

  // Paging by after_seq with a limit walks the filtered trail without gaps or repeats.
  V paged;
  std::uint64_t after = 0;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = ListAudit(kNoTime, kAllTime, "CreateUser", "AKIA1", after, 2);
    if (page.empty()) break;
    EXPECT_LE(page.size(), 2u);
    for (const auto& r : page) paged.push_back(r.seq);
    after = page.back().seq;
  }
  EXPECT_EQ(paged, (V{1, 4, 6, 7}));
  EXPECT_EQ(Seqs(ListAudit(kNoTime, kAllTime, "", "", 6)), (V{7, 8}));
  EXPECT_TRUE(ListAudit(kNoTime, kAllTime, "", "", 0, 0).empty());
  EXPECT_TRUE(
      ListAudit(kNoTime, kAllTime, "", "", std::numeric_limits<std::uint64_t>::max()).empty());
}

TEST_P(DirectoryConformance, AuditSeqsAreStrictlyIncreasingUnderConcurrentWriters) {
  constexpr int kThreads = 16, kPerThread = 50;
  std::vector<std::vector<std::uint64_t>> seqs(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto record = Audit(i, "Event", fmt::format("AKIA{}", t));
        auto s = store().Write([&](WriteTxn& txn) { return txn.AppendAudit(record); });
        if (!s) {
          ADD_FAILURE() << s.error().ToString();
          return;
        }
        seqs[t].push_back(record.seq);
      }
    });
  }
  for (auto& th : threads) th.join();

  constexpr auto kTotal = static_cast<std::size_t>(kThreads * kPerThread);
  std::set<std::uint64_t> distinct;
  for (const auto& v : seqs) {
    ASSERT_EQ(v.size(), static_cast<std::size_t>(kPerThread));
    // Each thread's appends are sequential, so its seqs must strictly increase.
    EXPECT_TRUE(std::adjacent_find(v.begin(), v.end(), std::greater_equal<>()) == v.end());
    distinct.insert(v.begin(), v.end());
  }
  EXPECT_EQ(distinct.size(), kTotal);
  EXPECT_EQ(*distinct.begin(), 1u);
  EXPECT_EQ(*distinct.rbegin(), kTotal);  // 1..n: no seq lost or repeated

  auto all = ListAudit(kNoTime, kAllTime);
  ASSERT_EQ(all.size(), kTotal);
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].seq, i + 1);
  for (int t = 0; t < kThreads; ++t) {
    auto mine = ListAudit(kNoTime, kAllTime, "", fmt::format("AKIA{}", t));
    EXPECT_EQ(Seqs(mine), seqs[t]);
  }
}

// ---- transactions ----

TEST_P(DirectoryConformance, FailingClosureLeavesNoObjectClaimOrAuditTrace) {
  SKERRY_ASSERT_OK(store().Write([&](WriteTxn& t) -> Status {
    auto u1 = Obj(org_, "user", U(1), "original");
    auto u2 = Obj(org_, "user", U(2));
    auto b1 = Obj(org_b_, "user", U(1));
    SKERRY_TRY(t.PutObject(u1));
    SKERRY_TRY(t.PutObject(u2));
    SKERRY_TRY(t.PutObject(b1));
    SKERRY_TRY(t.ClaimIndex(Claim(org_, "email", "h(alice)", U(1))));
    SKERRY_TRY(t.ClaimIndex(Claim(org_, "email", "h(bob)", U(2))));
    SKERRY_TRY(t.ClaimIndex(Claim(org_b_, "email", "h(carol)", U(1))));
    return Ok();
  }));
  auto before_u1 = Must(Get(org_, "user", U(1)));
  auto status = store().Write([&](WriteTxn& t) -> Status {
    auto added = Obj(org_, "user", U(3));
    SKERRY_TRY(t.PutObject(added));
    SKERRY_TRY(t.ClaimIndex(Claim(org_, "email", "h(dave)", U(3))));
    auto replaced = Obj(org_, "user", U(1), "replaced");
    SKERRY_TRY(t.PutObject(replaced, 1));
    SKERRY_TRY(t.ReleaseIndex(org_, "email", ToBytes("h(alice)"), U(1)));
    SKERRY_TRY(t.DeleteObject(org_, "user", U(2)));
    SKERRY_TRY(t.DeleteOrganizationObjects(org_b_));
    auto audit = Audit(1000, "CreateUser", "AKIA1", org_);
    SKERRY_TRY(t.AppendAudit(audit));
    auto server = Obj(kServer, "access-key", U(9));
    SKERRY_TRY(t.PutObject(server));
    return MakeError(ErrorCode::kInternal, "boom");
  });
  SKERRY_EXPECT_CODE(status, ErrorCode::kInternal);

  SKERRY_EXPECT_CODE(Get(org_, "user", U(3)), ErrorCode::kNotFound);
  SKERRY_EXPECT_CODE(Get(kServer, "access-key", U(9)), ErrorCode::kNotFound);
  EXPECT_EQ(Lookup(org_, "email", "h(dave)"), std::nullopt);
  EXPECT_EQ(Must(Get(org_, "user", U(1))), before_u1);
  EXPECT_EQ(Lookup(org_, "email", "h(alice)"), U(1));
  EXPECT_TRUE(Get(org_, "user", U(2)).has_value());
  EXPECT_EQ(Lookup(org_, "email", "h(bob)"), U(2));
  EXPECT_TRUE(Get(org_b_, "user", U(1)).has_value());
  EXPECT_EQ(Lookup(org_b_, "email", "h(carol)"), U(1));
  EXPECT_TRUE(ListAudit(kNoTime, kAllTime).empty());
  EXPECT_EQ(Append(Audit(2000, "CreateUser", "AKIA1")).seq, 1u);  // the rolled-back seq is reused
  // The replaced object's version was rolled back too: the next replace makes it 2.
  auto next = Obj(org_, "user", U(1), "next");
  SKERRY_ASSERT_OK(Put(next, 1));
  EXPECT_EQ(next.version, 2u);
}

// Refused calls write nothing, so the closure may carry on and commit (as for the item store).
TEST_P(DirectoryConformance, RefusedDirectoryCallsDoNotPoisonTheirClosure) {
  PutNew(Obj(org_, "user", U(1)));
  SKERRY_ASSERT_OK(ClaimKey(Claim(org_, "email", "h(alice)", U(1))));
  SKERRY_ASSERT_OK(store().Write([&](WriteTxn& t) -> Status {
    EXPECT_EQ(t.ClaimIndex(Claim(org_, "email", "h(alice)", U(2))).error().code,
              ErrorCode::kAlreadyExists);
    auto stale = Obj(org_, "user", U(1), "stale");
    EXPECT_EQ(t.PutObject(stale, 7).error().code, ErrorCode::kFailedPrecondition);
    EXPECT_EQ(t.DeleteObject(org_, "user", U(5)).error().code, ErrorCode::kNotFound);
    auto unnamed = Audit(1, "", "");
    EXPECT_EQ(t.AppendAudit(unnamed).error().code, ErrorCode::kInvalidArgument);
    auto u2 = Obj(org_, "user", U(2));
    SKERRY_TRY(t.PutObject(u2));
    SKERRY_TRY(t.ClaimIndex(Claim(org_, "email", "h(bob)", U(2))));
    auto audit = Audit(1, "CreateUser", "AKIA1");
    SKERRY_TRY(t.AppendAudit(audit));
    // Reads inside the write transaction see its own writes.
    EXPECT_EQ(SKERRY_TRY(t.GetObject(org_, "user", U(2))).version, 1u);
    EXPECT_EQ(SKERRY_TRY(t.LookupIndex(org_, "email", ToBytes("h(bob)"))), U(2));
    EXPECT_EQ(SKERRY_TRY(t.ListAudit(kNoTime, kAllTime, "", "", 0, 10)).size(), 1u);
    return Ok();
  }));
  EXPECT_EQ(Lookup(org_, "email", "h(alice)"), U(1));
  EXPECT_EQ(Lookup(org_, "email", "h(bob)"), U(2));
  EXPECT_EQ(Must(Get(org_, "user", U(1))).version, 1u);
  EXPECT_EQ(ListIds(org_, "user"), (std::vector{U(1), U(2)}));
  EXPECT_EQ(Seqs(ListAudit(kNoTime, kAllTime)), (std::vector<std::uint64_t>{1}));
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Backends, DirectoryConformance, ::testing::Values("memory", "sqlite"),
                         [](const auto& info) { return info.param; });

}  // namespace skerry::storage::testing
