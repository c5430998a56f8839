// SQLite-specific behaviour: persistence, migrations, corruption handling, WAL, group commit.

#include "storage/sqlite/sqlite_store.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <fstream>
#include <future>
#include <latch>

#include "storage/conformance/test_backends.h"
#include "storage/sql/migrator.h"
#include "storage/sql/query.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_migrations.h"
#include "storage/sqlite/wal_syncer.h"

namespace skerry::storage::sqlite {
namespace {

using testing::Folder;
using testing::HexId;
using testing::Item;
using testing::Mailbox;
using testing::Must;
using testing::Org;
using testing::OrgId;

// Reads one integer or text with the plain SQLite API, independent of the code under test.
std::string RawQuery(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* h = nullptr;
  std::string out;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK) {
      while (sqlite3_step(st) == SQLITE_ROW) {
        if (!out.empty()) out += ",";
        const auto* t = sqlite3_column_text(st, 0);
        out += t ? reinterpret_cast<const char*>(t) : "NULL";
      }
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(h);
  return out;
}

void RawExec(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(h, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(h);
  sqlite3_close(h);
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteStore> Open(SqliteStoreOptions options = {}) {
    auto store = SqliteStore::Open(path_, options);
    EXPECT_TRUE(store.has_value()) << store.error().ToString();
    return store ? std::move(*store) : nullptr;
  }
  void Seed(SqliteStore& store) {
    auto status = store.metadata().Write([](WriteTxn& t) -> Status {
      SKERRY_TRY(t.PutOrganization(Org(1, "alias")));
      SKERRY_TRY(t.CreateMailbox(Mailbox(HexId(0xa, 1), OrgId(1))));
      auto folder = Folder(HexId(0xf, 1), HexId(0xa, 1));
      SKERRY_TRY(t.CreateFolder(folder));
      return Ok();
    });
    ASSERT_TRUE(status.has_value()) << status.error().ToString();
  }
  // Appends item n to the seeded folder as an asynchronous write.
  void SubmitAppend(SqliteStore& store, unsigned n, bool fail, std::latch& done,
                    std::vector<Status>& results) {
    store.metadata().SubmitWrite(
        [n, fail](WriteTxn& t) -> Status {
          auto item = Item(HexId(0x17, n), HexId(0xf, 1), HexId(0xb, n));
          SKERRY_TRY(t.AppendItem(item));
          return fail ? MakeError(ErrorCode::kInternal, "planned") : Ok();
        },
        [&results, &done, n](Status s) {
          results[n] = std::move(s);
          done.count_down();
        });
  }

  TempDir dir_;
  std::filesystem::path path_ = dir_.path() / "skerry.db";
};

TEST_F(SqliteStoreTest, ReopenKeepsEverything) {
  model::ItemRecord item = Item(HexId(0x17, 1), HexId(0xf, 1), HexId(0xb, 1));
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    Seed(*store);
    SKERRY_ASSERT_OK(
        store->metadata().Write([&](WriteTxn& t) { return t.AppendItem(item).map([](auto) {}); }));
    model::QueueEntry e;
    e.id = HexId(0x9, 1);
    e.queue = "outbound";
    e.payload = ToBytes("sealed");
    SKERRY_ASSERT_OK(store->queue().Enqueue(e));
  }
  auto store = Open();
  ASSERT_NE(store, nullptr);
  SKERRY_ASSERT_OK(store->metadata().Read([&](ReadTxn& t) -> Status {
    EXPECT_EQ(SKERRY_TRY(t.GetOrganization(OrgId(1))), Org(1, "alias"));
    EXPECT_EQ(SKERRY_TRY(t.GetItem(item.id)), item);
    EXPECT_EQ(SKERRY_TRY(t.GetMailbox(HexId(0xa, 1))).highest_modseq, 2u);
    EXPECT_EQ(SKERRY_TRY(t.ChangesSince(HexId(0xa, 1), 0, 10)).size(), 2u);
    return Ok();
  }));
  EXPECT_EQ(Must(store->queue().Depth("outbound")), 1u);
  // Counters continue where they were: the next append gets modseq 3 and uid 2.
  auto next = Item(HexId(0x17, 2), HexId(0xf, 1), HexId(0xb, 2));
  SKERRY_ASSERT_OK(
      store->metadata().Write([&](WriteTxn& t) { return t.AppendItem(next).map([](auto) {}); }));
  EXPECT_EQ(next.modseq, 3u);
  EXPECT_EQ(next.uid, 2u);
}

TEST_F(SqliteStoreTest, MigrationsAreAppliedOnceAndRecorded) {
  ASSERT_NE(Open(), nullptr);
  auto store = Open();  // second open: nothing left to apply
  ASSERT_NE(store, nullptr);
  auto count = static_cast<int>(SqliteMigrations().size());
  EXPECT_EQ(store->schema_version(), count);
  store.reset();
  std::string expected;
  for (int v = 1; v <= count; ++v) expected += (v > 1 ? "," : "") + std::to_string(v);
  EXPECT_EQ(RawQuery(path_, "SELECT version FROM schema_migrations ORDER BY version"), expected);

  auto conn = Must(SqliteConnection::Open(path_, {}));
  ASSERT_NE(conn, nullptr);
  auto again = Must(sql::ApplyMigrations(*conn, SqliteMigrations(), 0));
  EXPECT_EQ(again.applied, 0);
  EXPECT_EQ(again.schema_version, count);
}

TEST_F(SqliteStoreTest, FailedMigrationRollsBackEveryStepOfTheRun) {
  const sql::Migration migrations[] = {
      {1, "good", "CREATE TABLE t1 (x INTEGER)"},
      {2, "bad", "CREATE TABLE t2 (x INTEGER); THIS IS NOT SQL"},
  };
  auto conn = Must(SqliteConnection::Open(path_, {}));
  ASSERT_NE(conn, nullptr);
  EXPECT_FALSE(sql::ApplyMigrations(*conn, migrations, 0).has_value());
  EXPECT_FALSE(conn->InTransaction());
  EXPECT_EQ(RawQuery(path_, "SELECT count(*) FROM schema_migrations"), "0");
  EXPECT_EQ(RawQuery(path_, "SELECT count(*) FROM sqlite_schema WHERE name IN ('t1', 't2')"), "0");

  const sql::Migration gap[] = {{1, "a", "SELECT 1"}, {3, "c", "SELECT 1"}};
  SKERRY_EXPECT_CODE(sql::ApplyMigrations(*conn, gap, 0), ErrorCode::kInternal);
}

TEST_F(SqliteStoreTest, NewerSchemaIsRefused) {
  ASSERT_NE(Open(), nullptr);
  RawExec(path_,
          "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)");
  auto store = SqliteStore::Open(path_);
  SKERRY_EXPECT_CODE(store, ErrorCode::kFailedPrecondition);
}

TEST_F(SqliteStoreTest, AnotherApplicationsDatabaseIsLeftAlone) {
  RawExec(path_, "CREATE TABLE contacts (name TEXT)");
  auto store = SqliteStore::Open(path_);
  SKERRY_EXPECT_CODE(store, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(RawQuery(path_, "SELECT count(*) FROM sqlite_schema"), "1");  // nothing added
  EXPECT_EQ(RawQuery(path_, "PRAGMA application_id"), "0");
  EXPECT_EQ(RawQuery(path_, "PRAGMA journal_mode"), "delete");  // not even switched to WAL
}

TEST_F(SqliteStoreTest, StoreFileCarriesTheSkerryApplicationId) {
  ASSERT_NE(Open(), nullptr);
  EXPECT_EQ(RawQuery(path_, "PRAGMA application_id"), std::to_string(kSkerryApplicationId));
}

// A store created before migration 3 has no application_id yet: it is still recognized as ours
// (by its schema_migrations table) and migrated forward.
TEST_F(SqliteStoreTest, StoreFromBeforeTheMarkIsMigratedForward) {
  {
    auto conn = Must(SqliteConnection::Open(path_, {}));
    ASSERT_NE(conn, nullptr);
    auto old = Must(sql::ApplyMigrations(*conn, SqliteMigrations().first(2), 0));
    EXPECT_EQ(old.schema_version, 2);
  }
  EXPECT_EQ(RawQuery(path_, "PRAGMA application_id"), "0");
  auto store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), static_cast<int>(SqliteMigrations().size()));
  store.reset();
  EXPECT_EQ(RawQuery(path_, "PRAGMA application_id"), std::to_string(kSkerryApplicationId));
  EXPECT_EQ(RawQuery(path_, "SELECT count(*) FROM sqlite_schema WHERE name = 'items_mailbox'"),
            "0");
}

TEST_F(SqliteStoreTest, GarbageFileIsCorruptAndNamed) {
  {
    std::ofstream out(path_, std::ios::binary);
    for (int i = 0; i < 4096; ++i) out.put(static_cast<char>((i * 131) & 0xff));
  }
  auto store = SqliteStore::Open(path_);
  SKERRY_EXPECT_CODE(store, ErrorCode::kCorrupt);
  EXPECT_NE(store.error().detail.find(path_.string()), std::string::npos) << store.error().detail;
}

TEST_F(SqliteStoreTest, DamagedPagesAreCorruptAndNamed) {
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    Seed(*store);
  }  // the last close checkpoints the WAL into the main file
  {
    std::fstream f(path_, std::ios::binary | std::ios::in | std::ios::out);
    f.seekp(4096);  // page 1 (header + schema) stays; the table pages after it are overwritten
    for (int i = 0; i < 4096 * 8; ++i) f.put(static_cast<char>(0xa5));
  }
  auto store = SqliteStore::Open(path_);
  Status status = store.has_value() ? (*store)->metadata().Read([](ReadTxn& t) {
    return t.ListOrganizations().map([](auto&&) {});
  })
                                    : Status(tl::unexpected(store.error()));
  SKERRY_EXPECT_CODE(status, ErrorCode::kCorrupt);
  EXPECT_NE(status.error().detail.find(path_.string()), std::string::npos) << status.error().detail;
}

TEST_F(SqliteStoreTest, UnopenablePathIsIo) {
  auto store = SqliteStore::Open(dir_.path() / "missing-dir" / "x.db");
  SKERRY_EXPECT_CODE(store, ErrorCode::kIo);
}

TEST_F(SqliteStoreTest, BadOptionsAreRefused) {
  SKERRY_EXPECT_CODE(SqliteStore::Open(path_, {.max_batch = 0}), ErrorCode::kInvalidArgument);
  SKERRY_EXPECT_CODE(SqliteStore::Open(path_, {.readers = 0}), ErrorCode::kInvalidArgument);
  SKERRY_EXPECT_CODE(SqliteStore::Open(path_, {.change_tail_rows = 0}),
                     ErrorCode::kInvalidArgument);
}

TEST_F(SqliteStoreTest, ConnectionsAreConfiguredForDurability) {
  ASSERT_NE(Open(), nullptr);  // leaves the file in WAL mode
  EXPECT_EQ(RawQuery(path_, "PRAGMA journal_mode"), "wal");
  auto writer = Must(SqliteConnection::Open(path_, {ConnectionRole::kWriter}));
  auto reader = Must(SqliteConnection::Open(path_, {ConnectionRole::kReader}));
  ASSERT_TRUE(writer && reader);
  auto pragma = [](sql::Connection& c, const char* sql) -> std::int64_t {
    auto q = sql::Query::Prepare(c, sql);
    if (!q || !Must(q->Step())) return -1;
    return q->Int(0);
  };
  EXPECT_EQ(pragma(*writer, "PRAGMA synchronous"), 2);  // FULL
  EXPECT_EQ(pragma(*writer, "PRAGMA foreign_keys"), 1);
  EXPECT_EQ(pragma(*writer, "PRAGMA secure_delete"), 1);
  EXPECT_EQ(pragma(*reader, "PRAGMA query_only"), 1);
  EXPECT_EQ(pragma(*reader, "PRAGMA foreign_keys"), 1);
  EXPECT_EQ(pragma(*reader, "PRAGMA secure_delete"), 1);
}

// A store at version 3 (item store and queue in use) gains the directory and the audit trail,
// keeps its data, and numbers audit records from 1.
TEST_F(SqliteStoreTest, MigrationFourAddsTheDirectoryToAnExistingStore) {
  {
    auto conn = Must(SqliteConnection::Open(path_, {}));
    ASSERT_NE(conn, nullptr);
    ASSERT_EQ(Must(sql::ApplyMigrations(*conn, SqliteMigrations().first(3), 0)).schema_version, 3);
    SKERRY_ASSERT_OK(conn->Execute(
        "INSERT INTO organizations (id, state, key_provider, key_id, wrapped_directory_key,"
        " sealed_attributes, alias_index, created_at) VALUES ('m-1', 0, 'local', 'k', x'01',"
        " x'02', NULL, 0); UPDATE counters SET value = 41 WHERE name = 'queue_seq'"));
  }
  auto store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), static_cast<int>(SqliteMigrations().size()));
  model::AuditRecord audit;
  audit.event_name = "CreateOrganization";
  model::DirectoryObject object;
  object.org_id = "m-1";
  object.kind = "user";
  object.id = HexId(0x05e, 1);
  SKERRY_ASSERT_OK(store->metadata().Write([&](WriteTxn& t) -> Status {
    SKERRY_TRY(t.PutObject(object));
    SKERRY_TRY(t.ClaimIndex({"m-1", "email", ToBytes("h"), object.id}));
    return t.AppendAudit(audit);
  }));
  EXPECT_EQ(audit.seq, 1u);
  EXPECT_EQ(object.version, 1u);
  store.reset();
  EXPECT_EQ(RawQuery(path_, "SELECT id FROM organizations"), "m-1");
  EXPECT_EQ(RawQuery(path_, "SELECT name || '=' || value FROM counters ORDER BY name"),
            "audit_seq=1,queue_seq=41");
  EXPECT_EQ(RawQuery(path_,
                     "SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE "
                     "'sqlite_autoindex%' AND tbl_name IN ('directory_objects', "
                     "'directory_index', 'audit_log') ORDER BY name"),
            "audit_log_event,audit_log_principal,audit_log_time,directory_index_object");
}

// A store at version 4, its mailboxes and folders keyed by their hex ids, moves to integer keys
// (migration 5), its change log into one B-tree by (mailbox, modseq) (migration 6) and its
// folders' UID order into folder_items (migration 7), and reads back exactly as before:
// mailboxes, folders, items, each mailbox's change log; its counters carry on; every foreign
// key still holds.
TEST_F(SqliteStoreTest, MigrationFiveKeysMailboxesAndFoldersByIntegers) {
  const std::string mb1 = HexId(0xa, 1), mb2 = HexId(0xa, 2);
  const std::string inbox = HexId(0xf, 1), sub = HexId(0xf, 2), other = HexId(0xf, 3);
  {
    auto conn = Must(SqliteConnection::Open(path_, {}));
    ASSERT_NE(conn, nullptr);
    ASSERT_EQ(Must(sql::ApplyMigrations(*conn, SqliteMigrations().first(4), 0)).schema_version, 4);
    // As the version-4 code wrote them: ids in every key; mailbox 2 created before mailbox 1.
    SKERRY_ASSERT_OK(conn->Execute(fmt::format(
        "INSERT INTO organizations (id, state, key_provider, key_id, wrapped_directory_key,"
        " sealed_attributes, alias_index, created_at) VALUES ('{org}', 0, 'local', 'k', x'01',"
        " x'02', NULL, 0);"
        "INSERT INTO mailboxes VALUES ('{mb2}', '{org}', 0, x'b2', 1, 7);"
        "INSERT INTO mailboxes VALUES ('{mb1}', '{org}', 0, x'b1', 5, 8);"
        "INSERT INTO folders VALUES ('{inbox}', '{mb1}', '', x'0a', 1, 11, 3, 3);"
        "INSERT INTO folders VALUES ('{sub}', '{mb1}', '{inbox}', x'0b', 1, 12, 1, 2);"
        "INSERT INTO folders VALUES ('{other}', '{mb2}', '', x'0c', 2, 13, 1, 1);"
        "INSERT INTO items VALUES ('{i1}', '{mb1}', '{inbox}', 1, '{b1}', x'd1', x'e1', 10, 0, 100, 4);"
        "INSERT INTO items VALUES ('{i2}', '{mb1}', '{inbox}', 2, '{b2}', x'd2', x'e2', 20, 1, 200, 5);"
        "INSERT INTO blobs VALUES ('{b1}', 1), ('{b2}', 1);"
        "INSERT INTO changes VALUES ('{mb2}', 1, 1, '{other}', '{other}');"
        "INSERT INTO changes VALUES ('{mb1}', 1, 1, '{inbox}', '{inbox}');"
        "INSERT INTO changes VALUES ('{mb1}', 2, 1, '{sub}', '{sub}');"
        "INSERT INTO changes VALUES ('{mb1}', 3, 2, '{inbox}', '{inbox}');"
        "INSERT INTO changes VALUES ('{mb1}', 4, 4, '{i1}', '{inbox}');"
        "INSERT INTO changes VALUES ('{mb1}', 5, 4, '{i2}', '{inbox}');",
        fmt::arg("org", OrgId(1)), fmt::arg("mb1", mb1), fmt::arg("mb2", mb2),
        fmt::arg("inbox", inbox), fmt::arg("sub", sub), fmt::arg("other", other),
        fmt::arg("i1", HexId(0x17, 1)), fmt::arg("i2", HexId(0x17, 2)),
        fmt::arg("b1", HexId(0xb, 1)), fmt::arg("b2", HexId(0xb, 2)))));
  }
  auto store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), 7);
  SKERRY_ASSERT_OK(store->metadata().Read([&](ReadTxn& t) -> Status {
    auto m1 = SKERRY_TRY(t.GetMailbox(mb1));
    EXPECT_EQ(m1.org_id, OrgId(1));
    EXPECT_EQ(m1.wrapped_key, Bytes({0xb1}));
    EXPECT_EQ(m1.highest_modseq, 5u);
    EXPECT_EQ(m1.created_at, 8);
    auto folders = SKERRY_TRY(t.ListFolders(mb1));
    EXPECT_EQ(folders.size(), 2u);
    auto s = SKERRY_TRY(t.GetFolder(sub));
    EXPECT_EQ(s.mailbox_id, mb1);
    EXPECT_EQ(s.parent_id, inbox);
    EXPECT_EQ(s.sealed_name, Bytes({0x0b}));
    EXPECT_EQ(s.uid_validity, 12u);
    EXPECT_EQ(SKERRY_TRY(t.GetFolder(other)).mailbox_id, mb2);
    auto items = SKERRY_TRY(t.ListItems(inbox, 0, 10));
    EXPECT_EQ(items.size(), 2u);
    if (items.size() == 2) {
      EXPECT_EQ(items[0].id, HexId(0x17, 1));
      EXPECT_EQ(items[1].uid, 2u);
    }
    EXPECT_EQ(SKERRY_TRY(t.ListItems(inbox, 1, 10)).size(), 1u);
    auto i2 = SKERRY_TRY(t.GetItem(HexId(0x17, 2)));
    EXPECT_EQ(i2.mailbox_id, mb1);
    EXPECT_EQ(i2.folder_id, inbox);
    EXPECT_EQ(i2.uid, 2u);
    EXPECT_EQ(i2.blob_id, HexId(0xb, 2));
    EXPECT_EQ(i2.wrapped_data_key, Bytes({0xd2}));
    EXPECT_EQ(i2.sealed_meta, Bytes({0xe2}));
    EXPECT_EQ(i2.size, 20u);
    EXPECT_EQ(i2.flags, 1u);
    EXPECT_EQ(i2.internal_date, 200);
    EXPECT_EQ(i2.modseq, 5u);
    auto changes = SKERRY_TRY(t.ChangesSince(mb1, 2, 10));
    EXPECT_EQ(changes.size(), 3u);
    if (changes.size() == 3) {
      EXPECT_EQ(changes[0].mailbox_id, mb1);
      EXPECT_EQ(changes[0].modseq, 3u);
      EXPECT_EQ(changes[2].object_id, HexId(0x17, 2));
      EXPECT_EQ(changes[2].folder_id, inbox);
    }
    EXPECT_EQ(SKERRY_TRY(t.ChangesSince(mb2, 0, 10)).size(), 1u);
    return Ok();
  }));
  // Counters continue: modseq 6 in mailbox 1, uid 3 in its inbox; mailbox 2 is untouched.
  auto next = Item(HexId(0x17, 3), inbox, HexId(0xb, 3));
  SKERRY_ASSERT_OK(
      store->metadata().Write([&](WriteTxn& t) { return t.AppendItem(next).map([](auto) {}); }));
  EXPECT_EQ(next.modseq, 6u);
  EXPECT_EQ(next.uid, 3u);
  store.reset();
  EXPECT_EQ(RawQuery(path_, "PRAGMA foreign_key_check"), "");
  EXPECT_EQ(RawQuery(path_, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(RawQuery(path_, "SELECT name FROM sqlite_schema WHERE name GLOB '*_v[0-9]'"), "");
  EXPECT_EQ(RawQuery(path_,
                     "SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE "
                     "'sqlite_autoindex%' AND tbl_name IN ('mailboxes', 'folders', 'items', "
                     "'changes', 'change_tail', 'folder_items', 'folder_item_tail') ORDER BY name"),
            "folders_mailbox,folders_parent,mailboxes_org");
  // The migrated rows are all in changes; the append after it went to the tail.
  EXPECT_EQ(RawQuery(path_, "SELECT count(*) FROM changes"), "6");
  EXPECT_EQ(RawQuery(path_, "SELECT modseq || ':' || object_id FROM change_tail"),
            "6:" + HexId(0x17, 3));
  // The same for the folders' UID order.
  EXPECT_EQ(RawQuery(path_, "SELECT uid || ':' || item_id FROM folder_items"),
            "1:" + HexId(0x17, 1) + ",2:" + HexId(0x17, 2));
  EXPECT_EQ(RawQuery(path_, "SELECT uid || ':' || item_id FROM folder_item_tail"),
            "3:" + HexId(0x17, 3));
}

// The change log's tail (sql/tails.h): appends go to change_tail, and the writer folds it
// into changes once a batch leaves it at change_tail_rows or more. Every mailbox's changes read
// back complete and in order whatever the split between the two tables: each `since` and limit,
// pages that straddle the split, before and after folds, and after reopening.
TEST_F(SqliteStoreTest, ChangeLogReadsTheSameAcrossItsTailAndItsFolds) {
  constexpr std::size_t kTail = 7;
  constexpr unsigned kMailboxes = 3;
  auto store = Open({.change_tail_rows = kTail});
  ASSERT_NE(store, nullptr);
  SKERRY_ASSERT_OK(store->metadata().Write([&](WriteTxn& t) -> Status {
    SKERRY_TRY(t.PutOrganization(Org(1, "alias")));
    for (unsigned m = 1; m <= kMailboxes; ++m) {
      SKERRY_TRY(t.CreateMailbox(Mailbox(HexId(0xa, m), OrgId(1))));
      auto folder = Folder(HexId(0xf, m), HexId(0xa, m));
      SKERRY_TRY(t.CreateFolder(folder));
    }
    return Ok();
  }));
  // What each mailbox's log must hold: modseq 1 its folder, then its items in order.
  std::vector<std::vector<std::string>> expected(kMailboxes + 1);
  for (unsigned m = 1; m <= kMailboxes; ++m) expected[m].push_back(HexId(0xf, m));
  auto check = [&](std::string_view when) {
    SKERRY_ASSERT_OK(store->metadata().Read([&](ReadTxn& t) -> Status {
      for (unsigned m = 1; m <= kMailboxes; ++m) {
        const auto& want = expected[m];
        for (std::size_t since = 0; since <= want.size(); ++since) {
          for (std::size_t limit : {std::size_t{1}, std::size_t{3}, want.size() + 1}) {
            auto got = SKERRY_TRY(t.ChangesSince(HexId(0xa, m), since, limit));
            std::size_t n = std::min(limit, want.size() - since);
            EXPECT_EQ(got.size(), n) << when << " mailbox " << m << " since " << since;
            for (std::size_t i = 0; i < std::min(n, got.size()); ++i) {
              EXPECT_EQ(got[i].modseq, since + i + 1) << when;
              EXPECT_EQ(got[i].object_id, want[since + i]) << when;
              EXPECT_EQ(got[i].mailbox_id, HexId(0xa, m)) << when;
            }
          }
        }
      }
      return Ok();
    }));
  };
  auto tail_rows = [&] { return std::stoul(RawQuery(path_, "SELECT count(*) FROM change_tail")); };
  check("fresh");
  EXPECT_EQ(tail_rows(), kMailboxes);  // below the threshold: not folded yet
  unsigned n = 0;
  for (unsigned round = 0; round < 12; ++round) {
    // Batches of 1 to 4 appends spread over the mailboxes, so folds land at varied places.
    SKERRY_ASSERT_OK(store->metadata().Write([&, round](WriteTxn& t) -> Status {
      for (unsigned k = 0; k <= round % 4; ++k) {
        unsigned i = n + k, m = 1 + (i * 7 + round) % kMailboxes;
        auto item = Item(HexId(0x17, i), HexId(0xf, m), HexId(0xb, i));
        SKERRY_TRY(t.AppendItem(item));
      }
      return Ok();
    }));
    for (unsigned k = 0; k <= round % 4; ++k, ++n) {
      expected[1 + (n * 7 + round) % kMailboxes].push_back(HexId(0x17, n));
    }
    std::size_t rows = tail_rows();
    EXPECT_LT(rows, kTail) << "round " << round;  // every batch that reached kTail folded
    check(fmt::format("after round {}", round));
  }
  // Several folds happened (changes is filled by nothing else).
  EXPECT_GT(std::stoul(RawQuery(path_, "SELECT count(*) FROM changes")), 2 * kTail);
  EXPECT_EQ(store->stats().hook_failures, 0u);
  store.reset();
  store = Open({.change_tail_rows = kTail});
  ASSERT_NE(store, nullptr);
  check("reopened");
}

// A folder's items in UID order (sql/tails.h): appends and moves put positions in
// folder_item_tail, which folds into folder_items; a move or delete leaves its old tail row
// behind, dead. Every folder lists exactly its items, in UID order, for each after_uid and limit,
// whatever has been folded, moved or deleted; a folder refuses deletion while it holds an item
// in either table and allows it once emptied.
TEST_F(SqliteStoreTest, FolderItemsReadTheSameAcrossTheirTailAndFolds) {
  constexpr std::size_t kTail = 5;
  constexpr unsigned kFolders = 3;
  auto store = Open({.change_tail_rows = kTail});
  ASSERT_NE(store, nullptr);
  const std::string mbx = HexId(0xa, 1);
  SKERRY_ASSERT_OK(store->metadata().Write([&](WriteTxn& t) -> Status {
    SKERRY_TRY(t.PutOrganization(Org(1, "alias")));
    SKERRY_TRY(t.CreateMailbox(Mailbox(mbx, OrgId(1))));
    for (unsigned f = 1; f <= kFolders; ++f) {
      auto folder = Folder(HexId(0xf, f), mbx);
      SKERRY_TRY(t.CreateFolder(folder));
    }
    return Ok();
  }));
  std::map<unsigned, std::map<std::uint32_t, std::string>> want;  // folder → uid → item
  auto check = [&](std::string_view when) {
    SKERRY_ASSERT_OK(store->metadata().Read([&](ReadTxn& t) -> Status {
      for (unsigned f = 1; f <= kFolders; ++f) {
        std::vector<std::pair<std::uint32_t, std::string>> all(want[f].begin(), want[f].end());
        for (std::size_t skip = 0; skip <= all.size(); ++skip) {
          std::uint32_t after = skip == 0 ? 0 : all[skip - 1].first;
          for (std::size_t limit : {std::size_t{1}, std::size_t{2}, all.size() + 1}) {
            auto got = SKERRY_TRY(t.ListItems(HexId(0xf, f), after, limit));
            std::size_t n = std::min(limit, all.size() - skip);
            EXPECT_EQ(got.size(), n) << when << " folder " << f << " after " << after;
            for (std::size_t i = 0; i < std::min(n, got.size()); ++i) {
              EXPECT_EQ(got[i].uid, all[skip + i].first) << when;
              EXPECT_EQ(got[i].id, all[skip + i].second) << when;
              EXPECT_EQ(got[i].folder_id, HexId(0xf, f)) << when;
            }
          }
        }
      }
      return Ok();
    }));
  };
  auto uid_of = [&](const std::string& id) -> std::pair<unsigned, std::uint32_t> {
    for (auto& [f, items] : want)
      for (auto& [uid, item] : items)
        if (item == id) return {f, uid};
    return {0, 0};
  };
  unsigned n = 0;
  for (unsigned round = 0; round < 14; ++round) {
    SKERRY_ASSERT_OK(store->metadata().Write([&, round](WriteTxn& t) -> Status {
      for (unsigned k = 0; k <= round % 3; ++k) {
        auto item = Item(HexId(0x17, n + k), HexId(0xf, 1 + (n + k + round) % kFolders),
                         HexId(0xb, n + k));
        SKERRY_TRY(t.AppendItem(item));
      }
      return Ok();
    }));
    for (unsigned k = 0; k <= round % 3; ++k, ++n) {
      auto item = HexId(0x17, n);
      SKERRY_ASSERT_OK(store->metadata().Read([&](ReadTxn& t) -> Status {
        auto r = SKERRY_TRY(t.GetItem(item));
        want[1 + (n + round) % kFolders][r.uid] = item;
        return Ok();
      }));
    }
    // Every other round moves the oldest live item on to the next folder, and every third
    // deletes the newest: some of these rows were folded, some are still in the tail.
    if (round % 2 == 1) {
      auto id = want[1 + round % kFolders].empty() ? std::string() : want[1 + round % kFolders].begin()->second;
      if (!id.empty()) {
        auto [from, old_uid] = uid_of(id);
        unsigned to = 1 + from % kFolders;
        SKERRY_ASSERT_OK(store->metadata().Write(
            [&](WriteTxn& t) { return t.MoveItem(id, HexId(0xf, to)).map([](auto) {}); }));
        want[from].erase(old_uid);
        SKERRY_ASSERT_OK(store->metadata().Read([&](ReadTxn& t) -> Status {
          want[to][SKERRY_TRY(t.GetItem(id)).uid] = id;
          return Ok();
        }));
      }
    }
    if (round % 3 == 2) {
      auto id = HexId(0x17, n - 1);
      auto [from, old_uid] = uid_of(id);
      SKERRY_ASSERT_OK(store->metadata().Write(
          [&](WriteTxn& t) { return t.DeleteItem(id).map([](auto) {}); }));
      want[from].erase(old_uid);
    }
    check(fmt::format("after round {}", round));
  }
  EXPECT_GT(std::stoul(RawQuery(path_, "SELECT count(*) FROM folder_items")), 0u);
  // Reopened: the same.
  store.reset();
  store = Open({.change_tail_rows = kTail});
  ASSERT_NE(store, nullptr);
  check("reopened");
  // A folder with items in either table refuses deletion; emptied, it goes. (One more item in
  // each, from the tail, so that none starts empty.)
  for (unsigned f = 1; f <= kFolders; ++f, ++n) {
    auto item = Item(HexId(0x17, n), HexId(0xf, f), HexId(0xb, n));
    SKERRY_ASSERT_OK(
        store->metadata().Write([&](WriteTxn& t) { return t.AppendItem(item).map([](auto) {}); }));
    want[f][item.uid] = item.id;
  }
  for (unsigned f = 1; f <= kFolders; ++f) {
    SKERRY_EXPECT_CODE(store->metadata().Write([&](WriteTxn& t) {
      return t.DeleteFolder(HexId(0xf, f)).map([](auto) {});
    }),
                       ErrorCode::kFailedPrecondition);
    for (auto& [uid, id] : want[f]) {
      SKERRY_ASSERT_OK(store->metadata().Write(
          [&, id = id](WriteTxn& t) { return t.DeleteItem(id).map([](auto) {}); }));
    }
    want[f].clear();
    SKERRY_ASSERT_OK(store->metadata().Write([&](WriteTxn& t) {
      return t.DeleteFolder(HexId(0xf, f)).map([](auto) {});
    }));
  }
  store.reset();
  EXPECT_EQ(RawQuery(path_, "PRAGMA foreign_key_check"), "");
  EXPECT_EQ(RawQuery(path_, "PRAGMA integrity_check"), "ok");
}

// A fold that fails (here: a row already in changes under the same key, which no code path
// writes) is undone alone: the batch commits, nothing is lost or doubled, and the tail waits.
TEST_F(SqliteStoreTest, AFailedFoldLeavesTheBatchAndTheTailIntact) {
  auto store = Open({.change_tail_rows = 2});
  ASSERT_NE(store, nullptr);
  Seed(*store);  // modseq 1, the folder; one tail row, below the threshold
  ASSERT_EQ(RawQuery(path_, "SELECT count(*) FROM change_tail"), "1");
  // Not through the API: a stray folded row that the fold of modseq 2 collides with.
  RawExec(path_, "INSERT INTO changes VALUES (1, 2, 1, 'stray', 'stray')");
  auto append = [&](unsigned n) {
    auto item = Item(HexId(0x17, n), HexId(0xf, 1), HexId(0xb, n));
    return store->metadata().Write([&](WriteTxn& t) { return t.AppendItem(item).map([](auto) {}); });
  };
  SKERRY_ASSERT_OK(append(1));  // modseq 2: the tail reaches 2 rows and the fold fails
  EXPECT_EQ(store->stats().hook_failures, 1u);
  EXPECT_EQ(RawQuery(path_, "SELECT modseq FROM change_tail ORDER BY seq"), "1,2");
  EXPECT_EQ(RawQuery(path_, "SELECT object_id FROM changes"), "stray");
  RawExec(path_, "DELETE FROM changes");
  SKERRY_ASSERT_OK(append(2));  // modseq 3: the fold goes through
  EXPECT_EQ(store->stats().hook_failures, 1u);
  EXPECT_EQ(RawQuery(path_, "SELECT count(*) FROM change_tail"), "0");
  SKERRY_ASSERT_OK(store->metadata().Read([&](ReadTxn& t) -> Status {
    auto changes = SKERRY_TRY(t.ChangesSince(HexId(0xa, 1), 0, 10));
    EXPECT_EQ(changes.size(), 3u);
    if (changes.size() == 3) {
      EXPECT_EQ(changes[0].object_id, HexId(0xf, 1));
      EXPECT_EQ(changes[1].object_id, HexId(0x17, 1));
      EXPECT_EQ(changes[2].object_id, HexId(0x17, 2));
    }
    return Ok();
  }));
}


// True when `needle` occurs anywhere in the file (a missing file holds nothing).
bool FileContains(const std::filesystem::path& file, const Bytes& needle) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return data.find(AsChars(needle)) != std::string::npos;
}

// Crypto-shredding (DESIGN §3): once DestroyMailboxKey has committed and the WAL has been
// checkpointed, the wrapped key is in no file of the store. secure_delete zeroes the old cell in
// its page; the TRUNCATE checkpoint writes that page over the database file's copy and drops the
// WAL frames that still hold the page as it was. Two keys: one already checkpointed into the
// database file, one that only ever lived in the WAL.
TEST_F(SqliteStoreTest, DestroyedMailboxKeysLeaveNoBytesInTheFiles) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  auto make_key = [](std::uint8_t seed) {
    Bytes key(60);
    for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<std::uint8_t>(i * 89 + seed);
    return key;
  };
  const Bytes in_db = make_key(7), in_wal = make_key(13);
  const std::string db_mailbox = HexId(0xa, 7), wal_mailbox = HexId(0xa, 8);
  auto create = [&](const std::string& id, const Bytes& key) {
    return store->metadata().Write([&](WriteTxn& t) -> Status {
      auto mailbox = Mailbox(id, OrgId(1));
      mailbox.wrapped_key = key;
      return t.CreateMailbox(mailbox);
    });
  };
  // Neighbours in the same page, so the page is rewritten rather than freed.
  SKERRY_ASSERT_OK(store->metadata().Write([&](WriteTxn& t) -> Status {
    SKERRY_TRY(t.PutOrganization(Org(1)));
    return t.CreateMailbox(Mailbox(HexId(0xa, 6), OrgId(1)));
  }));
  SKERRY_ASSERT_OK(create(db_mailbox, in_db));
  SKERRY_ASSERT_OK(store->Checkpoint());
  SKERRY_ASSERT_OK(create(wal_mailbox, in_wal));

  const std::filesystem::path wal = path_.string() + "-wal";
  const std::filesystem::path shm = path_.string() + "-shm";
  // The keys are on disk, and the scan finds them.
  EXPECT_TRUE(FileContains(path_, in_db));
  EXPECT_FALSE(FileContains(path_, in_wal));
  EXPECT_TRUE(FileContains(wal, in_wal));

  SKERRY_ASSERT_OK(store->metadata().Write([&](WriteTxn& t) -> Status {
    SKERRY_TRY(t.DestroyMailboxKey(db_mailbox));
    return t.DestroyMailboxKey(wal_mailbox);
  }));
  EXPECT_TRUE(FileContains(path_, in_db));  // not checkpointed yet: the old pages are still there
  EXPECT_TRUE(FileContains(wal, in_wal));
  SKERRY_ASSERT_OK(store->Checkpoint());

  // Neither key nor any 16-byte piece of one is left in any file, while the store is still open
  // (closing would delete the WAL and hide a leak there).
  for (const auto& key : {in_db, in_wal}) {
    for (const auto& file : {path_, wal, shm}) {
      EXPECT_FALSE(FileContains(file, key)) << file;
      for (std::size_t at = 0; at + 16 <= key.size(); at += 4) {
        EXPECT_FALSE(FileContains(file, Bytes(key.begin() + at, key.begin() + at + 16)))
            << file << " holds key bytes " << at << ".." << at + 16;
      }
    }
  }
  SKERRY_ASSERT_OK(store->metadata().Read([&](ReadTxn& t) -> Status {
    auto mailbox = SKERRY_TRY(t.GetMailbox(db_mailbox));
    EXPECT_TRUE(mailbox.wrapped_key.empty());
    EXPECT_EQ(mailbox.state, model::MailboxState::kDestroyed);
    EXPECT_EQ(SKERRY_TRY(t.GetMailbox(HexId(0xa, 6))).wrapped_key,
              ToBytes("wrapped-mailbox-key-" + HexId(0xa, 6)));
    return Ok();
  }));
}

// Organization deletion shreds its directory objects the same way.
TEST_F(SqliteStoreTest, DeletedDirectoryObjectsLeaveNoBytesInTheFiles) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  Bytes sealed(300);
  for (std::size_t i = 0; i < sealed.size(); ++i) {
    sealed[i] = static_cast<std::uint8_t>(i * 53 + 11);
  }
  SKERRY_ASSERT_OK(store->metadata().Write([&](WriteTxn& t) -> Status {
    for (unsigned n = 1; n <= 3; ++n) {
      model::DirectoryObject o{OrgId(n), "user", HexId(0x05e, n), sealed, 0, 0};
      o.sealed.push_back(static_cast<std::uint8_t>(n));
      SKERRY_TRY(t.PutObject(o));
    }
    return Ok();
  }));
  SKERRY_ASSERT_OK(store->Checkpoint());
  ASSERT_TRUE(FileContains(path_, sealed));
  SKERRY_ASSERT_OK(
      store->metadata().Write([&](WriteTxn& t) { return t.DeleteOrganizationObjects(OrgId(2)); }));
  SKERRY_ASSERT_OK(store->Checkpoint());
  auto deleted = sealed;
  deleted.push_back(2);
  auto kept = sealed;
  kept.push_back(1);
  EXPECT_FALSE(FileContains(path_, deleted));
  EXPECT_TRUE(FileContains(path_, kept));
}

TEST_F(SqliteStoreTest, CheckpointAfterCloseIsCancelled) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  SKERRY_ASSERT_OK(store->Checkpoint());
  store->Close();
  SKERRY_EXPECT_CODE(store->Checkpoint(), ErrorCode::kCancelled);
}

TEST_F(SqliteStoreTest, DriverMapsConstraintsAndRefusesMultiStatementPrepare) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  store.reset();
  auto conn = Must(SqliteConnection::Open(path_, {}));
  ASSERT_NE(conn, nullptr);
  SKERRY_EXPECT_CODE(conn->Prepare("SELECT 1; SELECT 2"), ErrorCode::kInternal);
  SKERRY_EXPECT_CODE(conn->Prepare("SELEKT 1"), ErrorCode::kInternal);
  SKERRY_ASSERT_OK(conn->Execute("INSERT INTO counters (name, value) VALUES ('t', 1)"));
  SKERRY_EXPECT_CODE(conn->Execute("INSERT INTO counters (name, value) VALUES ('t', 2)"),
                     ErrorCode::kAlreadyExists);
  SKERRY_EXPECT_CODE(conn->Execute("INSERT INTO counters (name, value) VALUES ('u', 'text')"),
                     ErrorCode::kInvalidArgument);  // STRICT table
  SKERRY_EXPECT_CODE(
      conn->Execute("INSERT INTO mailboxes (id, org_id, state, wrapped_key, highest_modseq,"
                    " created_at) VALUES ('x', 'no-such-org', 0, x'', 0, 0)"),
      ErrorCode::kFailedPrecondition);  // foreign key
  // An empty blob is stored as an empty blob, not NULL.
  auto q = sql::Query::Prepare(*conn, "SELECT ? IS NULL, length(?)");
  ASSERT_TRUE(q.has_value());
  EXPECT_TRUE(Must(q->Bind(Bytes{}, Bytes{}).Step()));
  EXPECT_EQ(q->Int(0), 0);
  EXPECT_EQ(q->Int(1), 0);
}

// The heart of group commit: closures waiting while the writer is busy go into ONE transaction;
// the failing one rolls back alone; one physical commit covers the rest.
TEST_F(SqliteStoreTest, WaitingClosuresShareOneCommitAndFailAlone) {
  auto store = Open({.max_batch = 64});
  ASSERT_NE(store, nullptr);
  Seed(*store);
  std::promise<void> started, release;
  auto release_future = release.get_future().share();
  std::latch done(4);
  std::vector<Status> results(4, Ok());
  store->metadata().SubmitWrite(
      [&](WriteTxn&) -> Status {
        started.set_value();
        release_future.wait();  // holds the writer until A, B and C are queued
        return Ok();
      },
      [&](Status s) {
        results[0] = std::move(s);
        done.count_down();
      });
  started.get_future().wait();
  auto before = store->stats();
  SubmitAppend(*store, 1, false, done, results);
  SubmitAppend(*store, 2, true, done, results);
  SubmitAppend(*store, 3, false, done, results);
  release.set_value();
  done.wait();

  auto after = store->stats();
  EXPECT_EQ(after.commits - before.commits, 2u);  // the blocker's batch, then A+B+C together
  EXPECT_EQ(after.writes - before.writes, 4u);
  EXPECT_EQ(after.reruns - before.reruns, 1u);  // B's failure: A+B+C again, a savepoint each
  SKERRY_EXPECT_OK(results[0]);
  SKERRY_EXPECT_OK(results[1]);
  SKERRY_EXPECT_CODE(results[2], ErrorCode::kInternal);
  SKERRY_EXPECT_OK(results[3]);
  SKERRY_ASSERT_OK(store->metadata().Read([](ReadTxn& t) -> Status {
    auto items = SKERRY_TRY(t.ListItems(HexId(0xf, 1), 0, 10));
    EXPECT_EQ(items.size(), 2u);
    if (items.size() == 2) {
      EXPECT_EQ(items[0].id, HexId(0x17, 1));
      EXPECT_EQ(items[1].id, HexId(0x17, 3));
      EXPECT_EQ(items[1].uid, 2u);  // B's UID was rolled back with B
    }
    EXPECT_EQ(SKERRY_TRY(t.BlobRefCount(HexId(0xb, 2))), 0u);
    return Ok();
  }));
}

TEST_F(SqliteStoreTest, MaxBatchOneCommitsEveryWriteAlone) {
  auto store = Open({.max_batch = 1});
  ASSERT_NE(store, nullptr);
  Seed(*store);
  std::promise<void> started, release;
  auto release_future = release.get_future().share();
  std::latch done(4);
  std::vector<Status> results(4, Ok());
  store->metadata().SubmitWrite(
      [&](WriteTxn&) -> Status {
        started.set_value();
        release_future.wait();
        return Ok();
      },
      [&](Status) { done.count_down(); });
  started.get_future().wait();
  auto before = store->stats();
  for (unsigned n = 1; n <= 3; ++n) SubmitAppend(*store, n, false, done, results);
  release.set_value();
  done.wait();
  EXPECT_EQ(store->stats().commits - before.commits, 4u);
}

TEST_F(SqliteStoreTest, CloseDrainsQueuedWritesThenRefusesMore) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  Seed(*store);
  std::promise<void> started, release;
  auto release_future = release.get_future().share();
  constexpr unsigned kQueued = 10;
  std::latch done(kQueued + 1);
  std::vector<Status> results(kQueued + 1, Ok());
  store->metadata().SubmitWrite(
      [&](WriteTxn&) -> Status {
        started.set_value();
        release_future.wait();
        return Ok();
      },
      [&](Status) { done.count_down(); });
  started.get_future().wait();
  for (unsigned n = 1; n <= kQueued; ++n) SubmitAppend(*store, n, false, done, results);
  std::thread closer([&] { store->Close(); });
  release.set_value();
  closer.join();  // Close() returned: every queued write has completed
  for (unsigned n = 1; n <= kQueued; ++n) SKERRY_EXPECT_OK(results[n]);

  std::promise<Status> late;
  store->metadata().SubmitWrite([](WriteTxn&) { return Ok(); },
                                [&](Status s) { late.set_value(s); });
  SKERRY_EXPECT_CODE(late.get_future().get(), ErrorCode::kCancelled);
  SKERRY_EXPECT_CODE(store->metadata().Read([](ReadTxn&) { return Ok(); }), ErrorCode::kCancelled);
  SKERRY_EXPECT_CODE(store->queue().Depth("outbound"), ErrorCode::kCancelled);
  done.wait();
  store.reset();

  auto reopened = Open();
  ASSERT_NE(reopened, nullptr);
  SKERRY_ASSERT_OK(reopened->metadata().Read([&](ReadTxn& t) -> Status {
    EXPECT_EQ(SKERRY_TRY(t.ListItems(HexId(0xf, 1), 0, 100)).size(), kQueued);
    return Ok();
  }));
}

// The pipelined store's acknowledgement rests on WalSyncer naming the WAL SQLite writes; a WAL
// removed behind SQLite's back must fail the sync instead of vouching for a deleted file.
TEST_F(SqliteStoreTest, WalSyncerRefusesAWalThatWasDeleted) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  Seed(*store);
  auto syncer = Must(WalSyncer::Open(path_));
  ASSERT_NE(syncer, nullptr);
  SKERRY_EXPECT_OK(syncer->Sync());
  std::filesystem::remove(path_.string() + "-wal");
  SKERRY_EXPECT_CODE(syncer->Sync(), ErrorCode::kIo);
  SKERRY_EXPECT_CODE(WalSyncer::Open(dir_.path() / "missing.db"), ErrorCode::kIo);
}

// Pipelined (default) and one-fsync-per-commit stores keep the same data across a reopen, and
// the pipelined one really did sync (the stats count the sync thread's fdatasyncs).
TEST_F(SqliteStoreTest, PipelinedAndSerialCommitsBothPersist) {
  for (std::size_t max_batch : {std::size_t{256}, std::size_t{1}}) {
    std::filesystem::remove(path_);
    std::filesystem::remove(path_.string() + "-wal");
    auto store = Open({.max_batch = max_batch});
    ASSERT_NE(store, nullptr);
    Seed(*store);
    for (unsigned n = 1; n <= 5; ++n) {
      SKERRY_ASSERT_OK(store->metadata().Write([n](WriteTxn& t) -> Status {
        auto item = Item(HexId(0x17, n), HexId(0xf, 1), HexId(0xb, n));
        return t.AppendItem(item).map([](auto) {});
      }));
    }
    if (max_batch > 1) {
      EXPECT_GE(store->stats().syncs, 1u);
    } else {
      EXPECT_EQ(store->stats().syncs, 0u);  // COMMIT itself fsyncs (synchronous=FULL)
    }
    store.reset();
    EXPECT_EQ(RawQuery(path_, "SELECT count(*) FROM items"), "5") << "max_batch " << max_batch;
  }
}

TEST_F(SqliteStoreTest, ClosureExceptionFailsOnlyThatClosure) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  Seed(*store);
  auto status =
      store->metadata().Write([](WriteTxn&) -> Status { throw std::runtime_error("bad"); });
  SKERRY_EXPECT_CODE(status, ErrorCode::kInternal);
  SKERRY_EXPECT_OK(store->metadata().Write([](WriteTxn& t) { return t.PutOrganization(Org(2)); }));
}

}  // namespace
}  // namespace skerry::storage::sqlite
