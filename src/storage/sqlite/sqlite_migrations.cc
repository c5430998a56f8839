#include "storage/sqlite/sqlite_migrations.h"

namespace skerry::storage::sqlite {
namespace {

// Column meaning, and which columns are sealed or keyed hashes: docs/formats/schema.md.
// STRICT tables make SQLite refuse a value of the wrong type instead of storing it.
constexpr std::string_view kItemStore = R"sql(
CREATE TABLE organizations (
  id TEXT NOT NULL PRIMARY KEY,
  state INTEGER NOT NULL,
  key_provider TEXT NOT NULL,
  key_id TEXT NOT NULL,
  wrapped_directory_key BLOB NOT NULL,
  sealed_attributes BLOB NOT NULL,
  alias_index BLOB,
  created_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX organizations_alias_index ON organizations (alias_index);

CREATE TABLE mailboxes (
  id TEXT NOT NULL PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations (id),
  state INTEGER NOT NULL,
  wrapped_key BLOB NOT NULL,
  highest_modseq INTEGER NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX mailboxes_org ON mailboxes (org_id);

CREATE TABLE folders (
  id TEXT NOT NULL PRIMARY KEY,
  mailbox_id TEXT NOT NULL REFERENCES mailboxes (id),
  parent_id TEXT NOT NULL,
  sealed_name BLOB NOT NULL,
  item_class INTEGER NOT NULL,
  uid_validity INTEGER NOT NULL,
  uid_next INTEGER NOT NULL,
  modseq INTEGER NOT NULL
) STRICT;
CREATE INDEX folders_mailbox ON folders (mailbox_id);
CREATE INDEX folders_parent ON folders (parent_id);

CREATE TABLE items (
  id TEXT NOT NULL PRIMARY KEY,
  mailbox_id TEXT NOT NULL REFERENCES mailboxes (id),
  folder_id TEXT NOT NULL REFERENCES folders (id),
  uid INTEGER NOT NULL,
  blob_id TEXT NOT NULL,
  wrapped_data_key BLOB NOT NULL,
  sealed_meta BLOB NOT NULL,
  size INTEGER NOT NULL,
  flags INTEGER NOT NULL,
  internal_date INTEGER NOT NULL,
  modseq INTEGER NOT NULL,
  UNIQUE (folder_id, uid)
) STRICT;
CREATE INDEX items_mailbox ON items (mailbox_id);

CREATE TABLE changes (
  mailbox_id TEXT NOT NULL REFERENCES mailboxes (id),
  modseq INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  object_id TEXT NOT NULL,
  folder_id TEXT NOT NULL,
  PRIMARY KEY (mailbox_id, modseq)
) STRICT, WITHOUT ROWID;

CREATE TABLE blobs (
  id TEXT NOT NULL PRIMARY KEY,
  refcount INTEGER NOT NULL CHECK (refcount >= 0)
) STRICT, WITHOUT ROWID;
CREATE INDEX blobs_unreferenced ON blobs (id) WHERE refcount = 0;
)sql";

constexpr std::string_view kQueue = R"sql(
CREATE TABLE counters (
  name TEXT NOT NULL PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO counters (name, value) VALUES ('queue_seq', 0);

CREATE TABLE queue_entries (
  id TEXT NOT NULL PRIMARY KEY,
  queue TEXT NOT NULL,
  payload BLOB NOT NULL,
  not_before INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  lease_owner TEXT NOT NULL,
  lease_until INTEGER NOT NULL,
  seq INTEGER NOT NULL
) STRICT;
CREATE INDEX queue_entries_order ON queue_entries (queue, seq);
)sql";

// The writer's profile (store_bench) showed items_mailbox costing a scattered page write per
// appended item while no query reads it. application_id lets Open() tell a Skerry store from
// another program's database.
constexpr std::string_view kTrimAndMark = R"sql(
DROP INDEX items_mailbox;
PRAGMA application_id = 1399550585;  -- 0x536b7279 "Skry"
)sql";

constexpr sql::Migration kMigrations[] = {
    {1, "item store: organizations, mailboxes, folders, items, change log, blob refcounts",
     kItemStore},
    {2, "durable queue", kQueue},
    {3, "drop unused items_mailbox index; mark the file with Skerry's application_id",
     kTrimAndMark},
};

}  // namespace

std::span<const sql::Migration> SqliteMigrations() { return kMigrations; }

}  // namespace skerry::storage::sqlite
